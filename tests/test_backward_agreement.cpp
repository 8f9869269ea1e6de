// The training directions (reference/backward.h): every formulation of each gradient
// against every other one on every named problem of problem_table.h, run through the
// dispatchers into poisoned buffers: exactly on small integers (int64), and in float and
// double within the rounding-error bound of backward_comparison.h between the formulation
// in T and the other formulation in double.
#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "backward.h"
#include "backward_comparison.h"
#include "problem_string.h"
#include "problem_table.h"
#include "scatter_agreement.h"

namespace tconv {
namespace {

using testing::kDataSeed;
using testing::NamedProblem;
using testing::Scalar;

enum class Direction { data, weights };  // bwd_data, bwd_weights

struct Case {
  Direction direction;
  NamedProblem problem;
  Scalar scalar;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << (c.direction == Direction::data ? "bwd_data" : "bwd_weights") << " on " << c.problem.text
      << " in " << to_string(c.scalar);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (Direction d : {Direction::data, Direction::weights})
    for (const NamedProblem& p : testing::kNamedProblems)
      for (Scalar s : testing::kScalars) cases.push_back({d, p, s});
  return cases;
}

// What T's results are checked against: the same integers, or double.
template <class T>
using Reference = std::conditional_t<std::is_integral_v<T>, std::int64_t, double>;

// Fails the test unless `actual` of formulation `a` (in T) matches `expected` of the
// formulation `b` (in Reference<T>).
template <class T, class F>
void expect_match(const Problem& p, GradientTensor t, F a, F b,
                  const std::vector<Reference<T>>& expected, const std::vector<T>& actual,
                  const std::vector<double>& tolerance) {
  if (auto m = testing::first_gradient_mismatch<T, Reference<T>>(p, t, expected, actual,
                                                                 tolerance)) {
    ADD_FAILURE() << to_string(a) << " (got) against " << to_string(b) << " in "
                  << (std::is_integral_v<T> ? "int64" : "double") << " (expected), data seed "
                  << kDataSeed << ": " << *m;
  }
}

template <class T>
void expect_data_gradients_agree(const Problem& p) {
  const auto o = testing::random_backward_operands<T>(p, kDataSeed);
  const auto exact = testing::convert<Reference<T>>(o);
  std::vector<double> tolerance;
  if constexpr (!std::is_integral_v<T>) {
    tolerance = testing::gradient_tolerances<T>(p, testing::convert<double>(o)).input;
  }
  for (DataGradientFormulation a : kDataGradientFormulations) {
    const std::vector<T> actual =
        conv_transpose_backward_data<T>(a, p, o.grad_output, o.weights);
    for (DataGradientFormulation b : kDataGradientFormulations) {
      if (a == b) continue;
      const auto expected =
          conv_transpose_backward_data<Reference<T>>(b, p, exact.grad_output, exact.weights);
      expect_match<T>(p, GradientTensor::input, a, b, expected, actual, tolerance);
    }
  }
}

template <class T>
void expect_weight_gradients_agree(const Problem& p) {
  const auto o = testing::random_backward_operands<T>(p, kDataSeed);
  const auto exact = testing::convert<Reference<T>>(o);
  testing::GradientTolerances tolerance;
  if constexpr (!std::is_integral_v<T>) {
    tolerance = testing::gradient_tolerances<T>(p, testing::convert<double>(o));
  }
  for (WeightGradientFormulation a : kWeightGradientFormulations) {
    const WeightGradients<T> actual =
        conv_transpose_backward_weights<T>(a, p, o.input, o.grad_output);
    for (WeightGradientFormulation b : kWeightGradientFormulations) {
      if (a == b) continue;
      const auto expected =
          conv_transpose_backward_weights<Reference<T>>(b, p, exact.input, exact.grad_output);
      expect_match<T>(p, GradientTensor::weights, a, b, expected.weights, actual.weights,
                      tolerance.weights);
      expect_match<T>(p, GradientTensor::bias, a, b, expected.bias, actual.bias, tolerance.bias);
    }
  }
}

template <class T>
void expect_agreement(Direction d, const Problem& p) {
  if (d == Direction::data) return expect_data_gradients_agree<T>(p);
  expect_weight_gradients_agree<T>(p);
}

class BackwardFormulationsAgree : public ::testing::TestWithParam<Case> {};

TEST_P(BackwardFormulationsAgree, OnEveryGradientElement) {
  const Case& c = GetParam();
  const Problem p = parse_problem(c.problem.text);
  switch (c.scalar) {
    case Scalar::int64: return expect_agreement<std::int64_t>(c.direction, p);
    case Scalar::float32: return expect_agreement<float>(c.direction, p);
    case Scalar::float64: return expect_agreement<double>(c.direction, p);
  }
}

INSTANTIATE_TEST_SUITE_P(NamedProblems, BackwardFormulationsAgree,
                         ::testing::ValuesIn(all_cases()), [](const auto& info) {
                           const Case& c = info.param;
                           return std::string(c.direction == Direction::data ? "Data" : "Weights") +
                                  "_" + c.problem.name + "_" + to_string(c.scalar);
                         });

}  // namespace
}  // namespace tconv
