// Builder-style tester: names a problem and its operands, runs every reference
// formulation on them and checks each result element by element.
//
//   ConvTransposeTester<std::int64_t>("ic1,oc1,i2x2,k2x2")
//       .input({0, 1, 2, 3}).weights({0, 1, 2, 3})
//       .expect_output({0, 0, 1, 0, 4, 6, 4, 12, 9});
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "compare.h"
#include "problem_string.h"
#include "references.h"

namespace tconv::testing {

template <class T>
class ConvTransposeTester {
 public:
  explicit ConvTransposeTester(std::string_view problem) : problem_(parse_problem(problem)) {}

  ConvTransposeTester& input(std::vector<T> v) { input_ = std::move(v); return *this; }
  ConvTransposeTester& weights(std::vector<T> v) { weights_ = std::move(v); return *this; }
  ConvTransposeTester& bias(std::vector<T> v) { bias_ = std::move(v); return *this; }

  // Every formulation must produce exactly `expected` (the data are chosen so that
  // the result is exact in T).
  void expect_output(const std::vector<T>& expected) const {
    for (Formulation f : kFormulations) {
      SCOPED_TRACE(std::string("formulation ") + to_string(f) + ", problem " + to_string(problem_));
      const std::vector<T> actual = conv_transpose<T>(f, problem_, input_, weights_, bias_);
      if (auto m = first_exact_mismatch<T>(problem_, expected, actual)) ADD_FAILURE() << m->detail;
    }
  }

  std::vector<T> run(Formulation f) const {
    return conv_transpose<T>(f, problem_, input_, weights_, bias_);
  }

  const Problem& problem() const { return problem_; }

 private:
  Problem problem_;
  std::vector<T> input_, weights_, bias_;
};

}  // namespace tconv::testing
