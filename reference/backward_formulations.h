// The backward formulations one by one, each in its own file; backward.h dispatches to
// them. Operands and the overwrite rule: docs/CONVENTIONS.md#training-directions.
// The data gradient's other formulation is conv_forward (references.h).
#pragma once

#include <span>

#include "problem.h"

namespace tconv {

// ∂L/∂x scattered back from each element of ∂L/∂y to the inputs that reached it.
template <class T>
void data_gradient_scatter(const Problem& p, std::span<const T> grad_output,
                           std::span<const T> weights, std::span<T> grad_input);

// ∂L/∂w as the direct correlation of x with ∂L/∂y, one weight element at a time.
template <class T>
void weight_gradient_direct(const Problem& p, std::span<const T> input,
                            std::span<const T> grad_output, std::span<T> grad_weights,
                            std::span<T> grad_bias);

// ∂L/∂w by reverse-mode automatic differentiation of the generic forward convolution.
template <class T>
void weight_gradient_autodiff(const Problem& p, std::span<const T> input,
                              std::span<const T> grad_output, std::span<T> grad_weights,
                              std::span<T> grad_bias);

// ∂L/∂w as products with an explicit (taps · input positions) x (output positions)
// gather matrix.
template <class T>
void weight_gradient_sparse(const Problem& p, std::span<const T> input,
                            std::span<const T> grad_output, std::span<T> grad_weights,
                            std::span<T> grad_bias);

}  // namespace tconv
