// The properties of the training directions (reference/backward.h,
// docs/CONVENTIONS.md#training-directions), exact on small integers. As in properties.h,
// each function is the body of one RapidCheck case that draws its own problem and data
// and checks every implementation it is given, failing with RC_FAIL naming the
// implementation, the problem string, the first mismatching coordinate and both values.
// Every implementation is run twice into the same buffers (run_data_gradient,
// run_weight_gradient), so each property also requires every element to be written and
// overwritten, never accumulated into.
#pragma once

#include <span>

#include "backward_implementation.h"

namespace tconv::properties {

using DataGradients = std::span<const DataGradientImplementation>;
using WeightGradientSet = std::span<const WeightGradientImplementation>;

// 11. <T(x; δw), g> = <δw, ∂L/∂w(x, g)> for the bias-free transposed convolution T
// (direct scatter): ∂L/∂w is the adjoint of w ↦ T(x; w).
void weight_gradient_adjoint(WeightGradientSet implementations);

// 12. ∂L/∂x(g; w) is conv_forward(g; w), element by element.
void data_gradient_is_forward_convolution(DataGradients implementations);

// 13. <T(x; w), g> = <x, ∂L/∂x(g; w)>: ∂L/∂x is the adjoint of x ↦ T(x; w).
void data_gradient_adjoint(DataGradients implementations);

// 14. ∂L/∂w is linear in x and in g, ∂L/∂b in g, ∂L/∂x in g.
void weight_gradient_linearity(WeightGradientSet implementations);
void data_gradient_linearity(DataGradients implementations);

// 15. ∂L/∂b[c] is the sum of g[n, c, o] over the batch and every output position.
void bias_gradient_is_sum(WeightGradientSet implementations);

// 16. All implementations give the first one's gradients.
void weight_gradient_agreement(WeightGradientSet implementations);
void data_gradient_agreement(DataGradients implementations);

}  // namespace tconv::properties
