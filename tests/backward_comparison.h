// Comparing results of the training directions (reference/backward.h): a gradient
// computed in T against the same gradient computed in std::int64_t (exactly) or in double
// (within the bound of docs/PRECISION.md), element by element, naming the first
// difference by its logical coordinate (reference/gradient_coordinate.h).
//
// Every gradient element is a sum of products (docs/CONVENTIONS.md#training-directions),
// so PRECISION.md's per-element derivation applies unchanged, with n the number of terms
// of the element's sum and S the sum of their magnitudes:
//   grad_input    n = Cout/g · Πk   S = conv_forward(|∂L/∂y|, |w|)
//   grad_weights  n = N · ΠI        S = ∂L/∂w(|x|, |∂L/∂y|)
//   grad_bias     n = N · ΠO        S = ∂L/∂b(|∂L/∂y|)
// The allowed difference between T and double is (γ_n(u_T) + γ_n(2⁻⁵³))·S, with S
// evaluated in double and made an upper bound by bound_from_double_magnitude.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "backward.h"
#include "compare.h"
#include "error_bound.h"
#include "geometry.h"
#include "gradient_coordinate.h"
#include "problem_string.h"
#include "problem_table.h"
#include "references.h"
#include "scalar.h"

namespace tconv::testing {

// The first element where `actual` (in T) differs from `expected`: exactly when
// `tolerance` is empty, else by more than tolerance[i] (within_bound). An element still
// holding the poison is reported as never written.
template <class T, class R>
std::optional<std::string> first_gradient_mismatch(const Problem& p, GradientTensor t,
                                                   std::span<const R> expected,
                                                   std::span<const T> actual,
                                                   std::span<const double> tolerance) {
  const bool exact = tolerance.empty();
  if (expected.size() != actual.size() || (!exact && tolerance.size() != actual.size())) {
    return to_string(p) + ": " + to_string(t) + " lengths differ: expected " +
           std::to_string(expected.size()) + ", got " + std::to_string(actual.size());
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double error =
        std::abs(static_cast<double>(actual[i]) - static_cast<double>(expected[i]));
    const bool same = exact ? static_cast<R>(actual[i]) == expected[i] && !is_poison(actual[i])
                            : within_bound(error, tolerance[i]);
    if (same) continue;
    std::ostringstream s;
    s.precision(17);
    s << to_string(p) << ": " << to_string(t)
      << gradient_coordinate(p, t, static_cast<std::int64_t>(i)) << ": expected " << expected[i]
      << unwritten_or_nan(expected[i]) << ", got " << actual[i] << unwritten_or_nan(actual[i]);
    if (!exact && std::isfinite(error)) {
      s << ": error " << error << " exceeds the bound " << tolerance[i];
    }
    return s.str();
  }
  return std::nullopt;
}

// The operands of both training directions.
template <class T>
struct BackwardOperands {
  std::vector<T> input, weights, grad_output;
};

// Seeded as problem_table.h draws: small integers, or reals in [-1, 1].
template <class T>
BackwardOperands<T> random_backward_operands(const Problem& p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  BackwardOperands<T> o;
  o.input = random_data<T>(input_elements(p), rng);
  o.weights = random_data<T>(weight_elements(p), rng);
  o.grad_output = random_data<T>(output_elements(p), rng);
  return o;
}

template <class To, class From>
BackwardOperands<To> convert(const BackwardOperands<From>& o) {
  const auto to = [](const std::vector<From>& v) { return std::vector<To>(v.begin(), v.end()); };
  return {to(o.input), to(o.weights), to(o.grad_output)};
}

// Per element of each gradient: the largest difference allowed between the gradient
// computed in T and computed in double on the same (exactly converted) operands.
struct GradientTolerances {
  std::vector<double> input, weights, bias;
};

template <class T>
GradientTolerances gradient_tolerances(const Problem& p, const BackwardOperands<double>& exact) {
  const auto absolute = [](const std::vector<double>& v) {
    std::vector<double> a(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) a[i] = std::abs(v[i]);
    return a;
  };
  const auto bound = [](std::int64_t n, const std::vector<double>& magnitude) {
    const double g = gamma(n, unit_roundoff<T>()) + gamma(n, unit_roundoff<double>());
    std::vector<double> tolerance(magnitude.size());
    for (std::size_t i = 0; i < magnitude.size(); ++i) {
      tolerance[i] = bound_from_double_magnitude(g, n, magnitude[i]);
    }
    return tolerance;
  };
  const Geometry g = make_geometry(p);
  const std::int64_t taps = g.kernel[0] * g.kernel[1] * g.kernel[2];
  const std::int64_t inputs = g.batch * g.input[0] * g.input[1] * g.input[2];
  const std::int64_t outputs = g.batch * g.output[0] * g.output[1] * g.output[2];
  const std::vector<double> x = absolute(exact.input), dy = absolute(exact.grad_output);
  const WeightGradients<double> dw = conv_transpose_backward_weights<double>(
      WeightGradientFormulation::direct, p, x, dy);
  return {bound(g.out_per_group * taps, conv_forward<double>(p, dy, absolute(exact.weights))),
          bound(inputs, dw.weights), bound(outputs, dw.bias)};
}

}  // namespace tconv::testing
