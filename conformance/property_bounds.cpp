#include "property_bounds.h"

#include <cmath>

#include "error_bound.h"
#include "geometry.h"
#include "references.h"
#include "scalar.h"

namespace tconv {
namespace {

std::vector<double> absolute(std::span<const double> v) {
  std::vector<double> a(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) a[i] = std::abs(v[i]);
  return a;
}

}  // namespace

template <class T>
double adjoint_tolerance(const Problem& q, std::span<const double> x, std::span<const double> w,
                         std::span<const double> v) {
  const Geometry g = make_geometry(q);
  const std::int64_t taps = g.kernel[0] * g.kernel[1] * g.kernel[2];
  const std::int64_t n = g.in_per_group * taps, n_forward = g.out_per_group * taps;
  const std::int64_t m = output_elements(q), m_forward = input_elements(q);
  const std::vector<double> reach =
      conv_transpose<double>(Formulation::direct_scatter, q, absolute(x), absolute(w), {});
  const std::vector<double> v_magnitude = absolute(v);
  double total = 0;
  for (std::size_t o = 0; o < reach.size(); ++o) total += v_magnitude[o] * reach[o];
  const double u_d = unit_roundoff<double>();
  const double g_all =
      gamma(n, unit_roundoff<T>()) + 2 * gamma(m, u_d) + gamma(m_forward + n_forward, u_d);
  return bound_from_double_magnitude(g_all, n + m + 2, total);
}

template <class T>
std::vector<double> combination_tolerance(const Problem& q, std::span<const double> input_magnitude,
                                          std::span<const double> weight_magnitude) {
  const std::int64_t n = terms_per_output(q);
  const double g = 2 * gamma(n, unit_roundoff<T>()) + gamma(4, unit_roundoff<double>());
  std::vector<double> tolerance = conv_transpose<double>(
      Formulation::direct_scatter, q, absolute(input_magnitude), absolute(weight_magnitude), {});
  for (double& t : tolerance) t = bound_from_double_magnitude(g, n + 2, t);
  return tolerance;
}

#define TCONV_INSTANTIATE(T)                                                                     \
  template double adjoint_tolerance<T>(const Problem&, std::span<const double>,                  \
                                       std::span<const double>, std::span<const double>);        \
  template std::vector<double> combination_tolerance<T>(const Problem&, std::span<const double>, \
                                                        std::span<const double>);
TCONV_INSTANTIATE(float)
TCONV_INSTANTIATE(double)

}  // namespace tconv
