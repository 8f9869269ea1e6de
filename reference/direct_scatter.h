#pragma once

#include <span>

#include "problem.h"

namespace tconv {

// Formulation 1: every input element adds x·w into a window of the output.
template <class T>
void conv_transpose_direct_scatter(const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output);

}  // namespace tconv
