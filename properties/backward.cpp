// Properties 11-16: the training directions.
#include <string>
#include <vector>

#include "backward_properties.h"
#include "generators.h"
#include "geometry.h"
#include "property_support.h"
#include "references.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

// A problem for property `name`, from its own stream, tagged in the log.
Problem draw_problem(const char* name) {
  const Problem p = *own_stream(name, gen_problem());
  classify(p);
  return p;
}

// The bias-free transposed convolution T(x; w), by the direct scatter.
std::vector<Int> transposed(const Problem& p, const std::vector<Int>& x,
                            const std::vector<Int>& w) {
  return conv_transpose<Int>(Formulation::direct_scatter, p, x, w, {});
}

void require_equal_pairings(const std::string& name, const Problem& p, const char* left_text,
                            Int left, const char* right_text, Int right) {
  if (left == right) return;
  RC_FAIL(name + ": " + to_string(p) + ": " + left_text + " = " + std::to_string(left) + " but " +
          right_text + " = " + std::to_string(right));
}

}  // namespace

void weight_gradient_adjoint(WeightGradientSet implementations) {
  Problem p = draw_problem(__func__);
  p.has_bias = false;  // the adjoint is of the linear map
  const auto x = draw_integers(input_elements(p)), dw = draw_integers(weight_elements(p)),
             g = draw_integers(output_elements(p));
  const Int forward_side = dot<Int>(transposed(p, x, dw), g);
  for (const WeightGradientImplementation& impl : implementations) {
    const Int gradient_side = dot<Int>(dw, run_weight_gradient(impl, p, x, g).weights);
    require_equal_pairings(impl.name, p, "<T(x; dw), g>", forward_side, "<dw, dL/dw(x, g)>",
                           gradient_side);
  }
}

void data_gradient_is_forward_convolution(DataGradients implementations) {
  const Problem p = draw_problem(__func__);
  const auto g = draw_integers(output_elements(p)), w = draw_integers(weight_elements(p));
  const std::vector<Int> expected = conv_forward<Int>(p, g, w);
  for (const DataGradientImplementation& impl : implementations) {
    require_same_gradient(p, GradientTensor::input, expected, run_data_gradient(impl, p, g, w),
                          impl.name + " against conv_forward of grad_output");
  }
}

void data_gradient_adjoint(DataGradients implementations) {
  Problem p = draw_problem(__func__);
  p.has_bias = false;  // the adjoint is of the linear map
  const auto x = draw_integers(input_elements(p)), w = draw_integers(weight_elements(p)),
             g = draw_integers(output_elements(p));
  const Int forward_side = dot<Int>(transposed(p, x, w), g);
  for (const DataGradientImplementation& impl : implementations) {
    const Int gradient_side = dot<Int>(x, run_data_gradient(impl, p, g, w));
    require_equal_pairings(impl.name, p, "<T(x; w), g>", forward_side, "<x, dL/dx(g; w)>",
                           gradient_side);
  }
}

void weight_gradient_linearity(WeightGradientSet implementations) {
  const Problem p = draw_problem(__func__);
  const auto x1 = draw_integers(input_elements(p)), x2 = draw_integers(input_elements(p));
  const auto g1 = draw_integers(output_elements(p)), g2 = draw_integers(output_elements(p));
  const Int alpha = draw(-3, 3), beta = draw(-3, 3);
  const std::string coefficients =
      " (alpha = " + std::to_string(alpha) + ", beta = " + std::to_string(beta) + ")";
  for (const WeightGradientImplementation& impl : implementations) {
    const auto run = [&](const std::vector<Int>& x, const std::vector<Int>& g) {
      return run_weight_gradient(impl, p, x, g);
    };
    const WeightGradients<Int> d11 = run(x1, g1), d21 = run(x2, g1), d12 = run(x1, g2);
    // The bias gradient does not depend on x, so only ∂L/∂w is linear in it.
    require_same_gradient(p, GradientTensor::weights,
                          combine(alpha, d11.weights, beta, d21.weights),
                          run(combine(alpha, x1, beta, x2), g1).weights,
                          impl.name + ": dL/dw(alpha x1 + beta x2, g) against alpha dL/dw(x1, g) "
                                      "+ beta dL/dw(x2, g)" + coefficients);
    const WeightGradients<Int> mixed = run(x1, combine(alpha, g1, beta, g2));
    const std::string in_g = ": (alpha g1 + beta g2) against alpha (g1) + beta (g2)";
    require_same_gradient(p, GradientTensor::weights,
                          combine(alpha, d11.weights, beta, d12.weights), mixed.weights,
                          impl.name + ": dL/dw" + in_g + coefficients);
    require_same_gradient(p, GradientTensor::bias, combine(alpha, d11.bias, beta, d12.bias),
                          mixed.bias, impl.name + ": dL/db" + in_g + coefficients);
  }
}

void data_gradient_linearity(DataGradients implementations) {
  const Problem p = draw_problem(__func__);
  const auto g1 = draw_integers(output_elements(p)), g2 = draw_integers(output_elements(p));
  const auto w = draw_integers(weight_elements(p));
  const Int alpha = draw(-3, 3), beta = draw(-3, 3);
  for (const DataGradientImplementation& impl : implementations) {
    const auto run = [&](const std::vector<Int>& g) { return run_data_gradient(impl, p, g, w); };
    require_same_gradient(p, GradientTensor::input, combine(alpha, run(g1), beta, run(g2)),
                          run(combine(alpha, g1, beta, g2)),
                          impl.name + ": dL/dx(alpha g1 + beta g2) against alpha dL/dx(g1) + "
                                      "beta dL/dx(g2) (alpha = " + std::to_string(alpha) +
                              ", beta = " + std::to_string(beta) + ")");
  }
}

void bias_gradient_is_sum(WeightGradientSet implementations) {
  Problem p = draw_problem(__func__);
  p.has_bias = true;
  const auto x = draw_integers(input_elements(p)), g = draw_integers(output_elements(p));
  const Geometry geometry = make_geometry(p);
  std::vector<Int> sum(static_cast<std::size_t>(p.out_channels), 0);
  for_each_element(geometry.batch, geometry.out_channels(), geometry.output,
                   [&](auto n, auto c, auto z, auto y, auto xx) {
                     sum[c] += g[geometry.output_at(n, c, z, y, xx)];
                   });
  for (const WeightGradientImplementation& impl : implementations) {
    require_same_gradient(p, GradientTensor::bias, sum, run_weight_gradient(impl, p, x, g).bias,
                          impl.name + " against the sum of grad_output over batch and space");
  }
}

void weight_gradient_agreement(WeightGradientSet implementations) {
  const Problem p = draw_problem(__func__);
  const auto x = draw_integers(input_elements(p)), g = draw_integers(output_elements(p));
  const WeightGradientImplementation& first = implementations.front();
  const WeightGradients<Int> expected = run_weight_gradient(first, p, x, g);
  for (const WeightGradientImplementation& other : implementations.subspan(1)) {
    const WeightGradients<Int> actual = run_weight_gradient(other, p, x, g);
    require_same_gradient(p, GradientTensor::weights, expected.weights, actual.weights,
                          other.name + " against " + first.name);
    require_same_gradient(p, GradientTensor::bias, expected.bias, actual.bias,
                          other.name + " against " + first.name);
  }
}

void data_gradient_agreement(DataGradients implementations) {
  const Problem p = draw_problem(__func__);
  const auto g = draw_integers(output_elements(p)), w = draw_integers(weight_elements(p));
  const DataGradientImplementation& first = implementations.front();
  const std::vector<Int> expected = run_data_gradient(first, p, g, w);
  for (const DataGradientImplementation& other : implementations.subspan(1)) {
    require_same_gradient(p, GradientTensor::input, expected, run_data_gradient(other, p, g, w),
                          other.name + " against " + first.name);
  }
}

}  // namespace tconv::properties
