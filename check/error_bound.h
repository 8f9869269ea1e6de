// The rounding-error bound of a transposed convolution computed in floating point, and
// the comparison that applies it (docs/PRECISION.md gives the derivation).
//
// Per output element, with n the number of terms of its sum (products, +1 for the bias):
//   |ŷ − y| ≤ γ_n · (Σ|x·w| + |b|),      γ_n = n·u / (1 − n·u),
// u = 2^-24 in float, 2^-53 in double, 0 for integers. Any summation order satisfies it.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "compare.h"
#include "problem.h"

namespace tconv {

// Unit roundoff of T: 2^-24 (float), 2^-53 (double), 0 (exact integer arithmetic).
template <class T>
constexpr double unit_roundoff() {
  if constexpr (std::numeric_limits<T>::is_integer) {
    return 0.0;
  } else {
    return std::numeric_limits<T>::epsilon() / 2;
  }
}

// γ_n = n·u / (1 − n·u); throws std::domain_error unless n·u < 1/4, where the bound
// (and the margin argument of PRECISION.md) applies.
double gamma(std::int64_t n, double unit_roundoff);

// n for a problem: the most terms any output element sums, Cin/g · Π kernel, +1 with bias.
std::int64_t terms_per_output(const Problem& p);

// Whether an error is within its bound. False for a NaN error, and for an infinite or
// NaN bound: operands whose magnitudes overflow double bound nothing, so nothing passes.
bool within_bound(double error, double bound);

// Ŝ = Σ|x·w| + |b| per output element of problem p, evaluated in double: the magnitude
// every bound of this file scales. Infinite where the magnitudes overflow double.
std::vector<double> magnitude_sums(const Problem& p, std::span<const double> input,
                                   std::span<const double> weights, std::span<const double> bias);

// An upper bound on G·S for a non-negative S known only as magnitude_hat = Ŝ, its
// evaluation in double with |Ŝ − S| ≤ γ_n(2^-53)·S (as for any sum of n non-negative
// terms): (G + 2γ_{n+4}(2^-53))·Ŝ, which stays an upper bound as computed. Needs G ≤ 1/2.
double bound_from_double_magnitude(double g, std::int64_t n, double magnitude_hat);

// Per output element of problem p: the largest difference allowed between two results
// of p, one rounded with unit roundoff u_a and one with u_b (0 for an exact result), each
// within its γ_n bound of the exact result: (γ_n(u_a) + γ_n(u_b))·(Σ|x·w| + |b|), with
// the sum evaluated in double and made an upper bound by bound_from_double_magnitude.
// E.g. a golden vector computed in float32 against an implementation run in float64.
std::vector<double> rounding_tolerance(const Problem& p, double u_a, double u_b,
                                       std::span<const double> input,
                                       std::span<const double> weights,
                                       std::span<const double> bias);

// Per output element of problem p: the largest |ŷ_T − ŷ_double| allowed between the
// problem computed in T and computed in double: rounding_tolerance(p, u_T, u_double).
// Operands are the T operands converted exactly to double.
template <class T>
std::vector<double> conv_transpose_tolerance(const Problem& p, std::span<const double> input,
                                             std::span<const double> weights,
                                             std::span<const double> bias) {
  return rounding_tolerance(p, unit_roundoff<T>(), unit_roundoff<double>(), input, weights, bias);
}

// The first output element where |actual − reference| is not within_bound of tolerance
// (actual NaN: never written, or computed; or the tolerance not finite), with the
// problem string, coordinate, both values and the bound.
template <class T>
std::optional<Mismatch> first_out_of_bound(const Problem& p, std::span<const double> reference,
                                           std::span<const T> actual,
                                           std::span<const double> tolerance);

}  // namespace tconv
