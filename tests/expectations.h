// Assertions shared by the tests of the formulations.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "problem.h"
#include "problem_string.h"

namespace tconv::testing {

// Element-wise comparison of two row-major grids (matrices, images, vectors), naming the
// differing element by row and column.
inline void expect_grid_eq(const Problem& p, const std::vector<std::int64_t>& actual,
                           const std::vector<std::int64_t>& expected, std::int64_t columns,
                           const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << to_string(p) << ": " << what << " size";
  for (std::size_t e = 0; e < actual.size(); ++e) {
    const auto at = static_cast<std::int64_t>(e);
    EXPECT_EQ(actual[e], expected[e]) << to_string(p) << ": " << what << "[" << at / columns << "]["
                                      << at % columns << "] is " << actual[e] << ", expected "
                                      << expected[e];
  }
}

// Asserts that a call rejects a wrong operand length with a ProblemError whose message
// starts by naming the tensor ("weights length = 17: ...").
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
