#pragma once

#include <span>
#include <vector>

#include "problem.h"

namespace tconv {

// Formulation 3: insert stride-1 zeros between input elements, pad, and run a plain
// stride-1 convolution with the spatially flipped kernel.
template <class T>
void conv_transpose_zero_insertion(const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output);

// Its two preparation steps, exposed to show them. Both validate the problem and the
// operand's length (ProblemError) and return tensors in channels-first order.
//
// The input with stride-1 zeros inserted along each axis and each axis padded by
// dilation·(kernel-1) - pad_begin at the begin and dilation·(kernel-1) - pad_end +
// output_padding at the end (a negative pad crops): [N, Cin, output + dilation·(kernel-1)...].
template <class T>
std::vector<T> zero_inserted_input(const Problem& p, std::span<const T> input);

// The weight of the stride-1 forward convolution run over it: the kernel flipped along
// every spatial axis, channel roles swapped, as [Cout, Cin/g, kernel...].
template <class T>
std::vector<T> flipped_forward_weight(const Problem& p, std::span<const T> weights);

}  // namespace tconv
