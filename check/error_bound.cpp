#include "error_bound.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "problem_string.h"
#include "references.h"
#include "scalar.h"

namespace tconv {

double gamma(std::int64_t n, double unit_roundoff) {
  const double nu = static_cast<double>(n) * unit_roundoff;
  if (n < 0 || !(nu < 0.25)) {
    throw std::domain_error("gamma: n = " + std::to_string(n) + " terms at unit roundoff " +
                            std::to_string(unit_roundoff) + ": n·u must be < 1/4");
  }
  return nu / (1 - nu);
}

std::int64_t terms_per_output(const Problem& p) {
  validate(p);
  std::int64_t taps = 1;
  for (const Axis& a : p.axes) taps *= a.kernel;
  return p.in_channels / p.groups * taps + (p.has_bias ? 1 : 0);
}

bool within_bound(double error, double bound) { return error <= bound && std::isfinite(bound); }

std::vector<double> magnitude_sums(const Problem& p, std::span<const double> input,
                                   std::span<const double> weights, std::span<const double> bias) {
  const auto absolute = [](std::span<const double> v) {
    std::vector<double> a(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) a[i] = std::abs(v[i]);
    return a;
  };
  // The same convolution on the magnitudes.
  return conv_transpose<double>(Formulation::direct_scatter, p, absolute(input), absolute(weights),
                                absolute(bias));
}

double bound_from_double_magnitude(double g, std::int64_t n, double magnitude_hat) {
  if (!(g <= 0.5)) throw std::domain_error("bound_from_double_magnitude: G must be <= 1/2");
  return (g + 2 * gamma(n + 4, unit_roundoff<double>())) * magnitude_hat;
}

std::vector<double> rounding_tolerance(const Problem& p, double u_a, double u_b,
                                       std::span<const double> input,
                                       std::span<const double> weights,
                                       std::span<const double> bias) {
  const std::vector<double> magnitude = magnitude_sums(p, input, weights, bias);
  const std::int64_t n = terms_per_output(p);
  const double g = gamma(n, u_a) + gamma(n, u_b);
  std::vector<double> tolerance(magnitude.size());
  for (std::size_t i = 0; i < magnitude.size(); ++i) {
    tolerance[i] = bound_from_double_magnitude(g, n, magnitude[i]);
  }
  return tolerance;
}

template <class T>
std::optional<Mismatch> first_out_of_bound(const Problem& p, std::span<const double> reference,
                                           std::span<const T> actual,
                                           std::span<const double> tolerance) {
  const auto want = static_cast<std::size_t>(output_elements(p));
  if (reference.size() != want || actual.size() != want || tolerance.size() != want) {
    throw ProblemError(to_string(p) + ": compared lengths " + std::to_string(reference.size()) +
                       ", " + std::to_string(actual.size()) + ", " +
                       std::to_string(tolerance.size()) + "; the problem's output has " +
                       std::to_string(want));
  }
  for (std::size_t i = 0; i < want; ++i) {
    const double error = std::abs(static_cast<double>(actual[i]) - reference[i]);
    if (within_bound(error, tolerance[i])) continue;
    std::ostringstream s;
    s << std::setprecision(17) << to_string(p) << ": output"
      << format_output_coordinate(p, static_cast<std::int64_t>(i)) << ": expected " << reference[i]
      << ", got " << static_cast<double>(actual[i]);
    if (const std::string note = unwritten_or_nan(actual[i]); !note.empty()) {
      s << note;
    } else if (!std::isfinite(tolerance[i])) {
      s << ": the bound is " << tolerance[i]
        << " (the operands' magnitudes overflow double), so no value is within it";
    } else {
      s << ": error " << error << " exceeds the bound " << tolerance[i];
    }
    return Mismatch{static_cast<std::int64_t>(i), reference[i], static_cast<double>(actual[i]),
                    tolerance[i], s.str()};
  }
  return std::nullopt;
}

#define TCONV_INSTANTIATE(T)                              \
  template std::optional<Mismatch> first_out_of_bound<T>( \
      const Problem&, std::span<const double>, std::span<const T>, std::span<const double>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
