// Asserts that a call rejects a wrong operand length with a ProblemError whose message
// starts by naming the tensor ("weights length = 17: ...").
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "problem.h"
#include "problem_string.h"

namespace tconv::testing {

template <class Call>
void expect_rejected(const Problem& p, const std::string& tensor, Call call) {
  try {
    call();
    ADD_FAILURE() << to_string(p) << ": wrong " << tensor << " length accepted";
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(tensor + " length", 0), 0u)
        << to_string(p) << ": message '" << e.what() << "' should name " << tensor;
  }
}

}  // namespace tconv::testing
