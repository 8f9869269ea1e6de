#pragma once

#include <span>

#include "problem.h"

namespace tconv {

// Formulation 4: the gradient of the generic forward convolution with respect to its
// input, by reverse-mode automatic differentiation: d<conv(v), x>/dv, plus the bias.
template <class T>
void conv_transpose_autodiff(const Problem& p, std::span<const T> input,
                             std::span<const T> weights, std::span<const T> bias,
                             std::span<T> output);

}  // namespace tconv
