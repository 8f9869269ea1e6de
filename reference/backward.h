// The training directions of a transposed convolution y = T(x; w) + b: its gradient
// with respect to the input (bwd_data) and with respect to the weights and the bias
// (bwd_weights), in independent formulations. Operands, shapes and the overwrite rule
// are written down in docs/CONVENTIONS.md#training-directions.
//
// Every function validates the problem and the operand lengths first (ProblemError
// naming the operand and the length the problem needs), then writes every element of
// its outputs: it overwrites them, never accumulates into them.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "problem.h"

namespace tconv {

// bwd_data: grad_input = ∂L/∂x from grad_output = ∂L/∂y and the weights.
enum class DataGradientFormulation {
  conv_forward,    // the forward convolution of grad_output (reference/forward_convolution.cpp)
  output_scatter,  // reference/data_gradient_scatter.cpp
};
inline constexpr std::array kDataGradientFormulations{DataGradientFormulation::conv_forward,
                                                      DataGradientFormulation::output_scatter};
const char* to_string(DataGradientFormulation f);

// bwd_weights: grad_weights = ∂L/∂w (in the problem's weight layout) and, with a bias,
// grad_bias = ∂L/∂b, from the input x and grad_output.
enum class WeightGradientFormulation {
  direct,    // reference/weight_gradient_direct.cpp
  autodiff,  // reference/weight_gradient_autodiff.cpp
  sparse,    // reference/weight_gradient_sparse.cpp
};
inline constexpr std::array kWeightGradientFormulations{WeightGradientFormulation::direct,
                                                        WeightGradientFormulation::autodiff,
                                                        WeightGradientFormulation::sparse};
const char* to_string(WeightGradientFormulation f);

// grad_output shaped like the problem's output, grad_input like its input.
template <class T>
void conv_transpose_backward_data(DataGradientFormulation f, const Problem& p,
                                  std::span<const T> grad_output, std::span<const T> weights,
                                  std::span<T> grad_input);

// Allocates grad_input, poisons it (scalar.h), and runs the formulation.
template <class T>
std::vector<T> conv_transpose_backward_data(DataGradientFormulation f, const Problem& p,
                                            std::span<const T> grad_output,
                                            std::span<const T> weights);

// grad_weights shaped like the weights; grad_bias [Cout] with a bias, empty without.
template <class T>
void conv_transpose_backward_weights(WeightGradientFormulation f, const Problem& p,
                                     std::span<const T> input, std::span<const T> grad_output,
                                     std::span<T> grad_weights, std::span<T> grad_bias);

template <class T>
struct WeightGradients {
  std::vector<T> weights, bias;  // bias empty when the problem has none
};

// Allocates both gradients, poisons them, and runs the formulation.
template <class T>
WeightGradients<T> conv_transpose_backward_weights(WeightGradientFormulation f, const Problem& p,
                                                   std::span<const T> input,
                                                   std::span<const T> grad_output);

}  // namespace tconv
