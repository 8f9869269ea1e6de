// Properties 1, 2 and 4: agreement, adjointness, linearity and the bias.
#include <cmath>
#include <sstream>

#include "error_bound.h"
#include "generators.h"
#include "geometry.h"
#include "properties.h"
#include "property_support.h"
#include "references.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

std::vector<double> absolute(const std::vector<float>& v) {
  std::vector<double> a(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) a[i] = std::abs(static_cast<double>(v[i]));
  return a;
}

// The largest difference allowed between <C y, x> and <y, Cᵀ x> computed in float
// (docs/PRECISION.md, "Adjointness"): (γ_{M'+n'} + γ_{M+n})·Σ|y|·|w|·|x| over all
// products, with M, M' the output and input element counts and n, n' the products
// per output and per input element.
double adjoint_tolerance(const Problem& p, const std::vector<float>& x, const std::vector<float>& w,
                         const std::vector<float>& y) {
  const Geometry g = make_geometry(p);
  const Int taps = g.kernel[0] * g.kernel[1] * g.kernel[2];
  const Int n = g.in_per_group * taps, n_forward = g.out_per_group * taps;
  const Int m = output_elements(p), m_forward = input_elements(p);
  const std::vector<double> reach =
      conv_transpose<double>(Formulation::direct_scatter, p, absolute(x), absolute(w), {});
  const std::vector<double> y_magnitude = absolute(y);
  const double total = dot<double>(y_magnitude, reach);
  const double u = unit_roundoff<float>();
  return bound_from_double_magnitude(gamma(m_forward + n_forward, u) + gamma(m + n, u), n + m + 1,
                                     total);
}

}  // namespace

void agreement(Implementations implementations) {
  const Problem p = *own_stream(__func__, gen_problem());
  classify(p);
  const auto data = *gen_integer_operands(p);
  const Implementation& first = implementations.front();
  const std::vector<Int> expected = run_written<Int>(first, p, data.input, data.weights, data.bias);
  for (const Implementation& other : implementations.subspan(1)) {
    require_same<Int>(p, expected, other.run<Int>(p, data.input, data.weights, data.bias),
                      other.name + " against " + first.name);
  }
}

void adjointness(Implementations implementations) {
  Problem p = *own_stream(__func__, gen_problem());
  p.has_bias = false;  // the adjoint is of the linear map
  classify(p);
  const auto x = draw_integers(input_elements(p)), w = draw_integers(weight_elements(p)),
             y = draw_integers(output_elements(p));
  const Int forward_side = dot<Int>(conv_forward<Int>(p, y, w), x);

  const auto xf = *gen_reals(static_cast<std::size_t>(input_elements(p)));
  const auto wf = *gen_reals(static_cast<std::size_t>(weight_elements(p)));
  const auto yf = *gen_reals(static_cast<std::size_t>(output_elements(p)));
  const float forward_side_f = dot<float>(conv_forward<float>(p, yf, wf), xf);
  const double tolerance = adjoint_tolerance(p, xf, wf, yf);

  for (const Implementation& impl : implementations) {
    const Int transpose_side = dot<Int>(y, run_written<Int>(impl, p, x, w, {}));
    if (transpose_side != forward_side) {
      RC_FAIL(impl.name + ": " + to_string(p) + ": on integers <C y, x> = " +
              std::to_string(forward_side) + " but <y, C^T x> = " + std::to_string(transpose_side));
    }
    const float transpose_side_f = dot<float>(yf, run_written<float>(impl, p, xf, wf, {}));
    const double difference = std::abs(static_cast<double>(transpose_side_f) - forward_side_f);
    if (!within_bound(difference, tolerance)) {
      std::ostringstream s;
      s.precision(9);
      s << impl.name << ": " << to_string(p) << ": in float <C y, x> = " << forward_side_f
        << " but <y, C^T x> = " << transpose_side_f << ", difference " << difference
        << " exceeds the bound " << tolerance;
      RC_FAIL(s.str());
    }
  }
}

void linearity(Implementations implementations) {
  Problem p = *own_stream(__func__, gen_problem());
  p.has_bias = false;  // the linear part; bias_per_channel covers the bias
  classify(p);
  const auto x1 = draw_integers(input_elements(p)), x2 = draw_integers(input_elements(p));
  const auto w1 = draw_integers(weight_elements(p)), w2 = draw_integers(weight_elements(p));
  const Int alpha = draw(-3, 3), beta = draw(-3, 3);
  const std::string coefficients =
      " (alpha = " + std::to_string(alpha) + ", beta = " + std::to_string(beta) + ")";
  for (const Implementation& impl : implementations) {
    const auto run = [&](const std::vector<Int>& x, const std::vector<Int>& w) {
      return run_written<Int>(impl, p, x, w, {});
    };
    const std::vector<Int> y11 = run(x1, w1);
    require_same<Int>(
        p, combine(alpha, y11, beta, run(x2, w1)), run(combine(alpha, x1, beta, x2), w1),
        impl.name + ": T(alpha x1 + beta x2) against alpha T(x1) + beta T(x2)" + coefficients);
    require_same<Int>(
        p, combine(alpha, y11, beta, run(x1, w2)), run(x1, combine(alpha, w1, beta, w2)),
        impl.name + ": weights alpha w1 + beta w2 against alpha T(w1) + beta T(w2)" + coefficients);
  }
}

void bias_per_channel(Implementations implementations) {
  Problem p = *own_stream(__func__, gen_problem());
  p.has_bias = true;
  classify(p);
  Problem unbiased = p;
  unbiased.has_bias = false;
  const auto data = *gen_integer_operands(p);
  const Geometry g = make_geometry(p);
  for (const Implementation& impl : implementations) {
    std::vector<Int> expected = run_written<Int>(impl, unbiased, data.input, data.weights, {});
    for_each_element(g.batch, g.out_channels(), g.output,
                     [&](auto n, auto c, auto z, auto y, auto x) {
                       expected[g.output_at(n, c, z, y, x)] += data.bias[c];
                     });
    require_same<Int>(p, expected, impl.run<Int>(p, data.input, data.weights, data.bias),
                      impl.name + ": with bias against without bias + b[c]");
  }
}

}  // namespace tconv::properties
