// The public face of the reference implementations: four independent formulations of
// the transposed convolution, and the forward convolution it is the adjoint of.
//
// Every function validates the problem and the operand lengths first (ProblemError),
// then writes every element of `output`. Operands are in the problem's layouts
// (docs/CONVENTIONS.md); `bias` is empty when the problem has none.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "problem.h"

namespace tconv {

enum class Formulation {
  direct_scatter,   // reference/direct_scatter.cpp
  sparse_matrix,    // reference/sparse_matrix.cpp
  zero_insertion,   // reference/zero_insertion.cpp
  autodiff,         // reference/autodiff_gradient.cpp
};
inline constexpr std::array kFormulations{Formulation::direct_scatter, Formulation::sparse_matrix,
                                          Formulation::zero_insertion, Formulation::autodiff};
const char* to_string(Formulation f);

template <class T>
void conv_transpose(Formulation f, const Problem& p, std::span<const T> input,
                    std::span<const T> weights, std::span<const T> bias, std::span<T> output);

// Allocates the output, poisons it (scalar.h), and runs the formulation.
template <class T>
std::vector<T> conv_transpose(Formulation f, const Problem& p, std::span<const T> input,
                              std::span<const T> weights, std::span<const T> bias);

// The forward convolution C whose transpose the problem describes: it maps a tensor
// shaped like the problem's output (out_channels, output sizes) to one shaped like its
// input (in_channels, input sizes), with the same weights and no bias:
//   x[n, ci, i] = sum over co in ci's group and taps k of y[n, co, i*s + k*d - pad_begin] * w
// Sizes come from the problem, so this is the exact adjoint even when output_padding
// makes the usual forward output-size rule give a different size.
template <class T>
void conv_forward(const Problem& p, std::span<const T> output_shaped, std::span<const T> weights,
                  std::span<T> input_shaped);

template <class T>
std::vector<T> conv_forward(const Problem& p, std::span<const T> output_shaped,
                            std::span<const T> weights);

}  // namespace tconv
