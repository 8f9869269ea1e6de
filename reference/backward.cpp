#include "backward.h"

#include <string>

#include "backward_formulations.h"
#include "backward_geometry.h"
#include "references.h"
#include "scalar.h"

namespace tconv {
namespace {

template <class Enum>
[[noreturn]] void unknown(Enum f, const char* type) {
  throw ProblemError("formulation = " + std::to_string(static_cast<int>(f)) + ": not a " + type);
}

}  // namespace

const char* to_string(DataGradientFormulation f) {
  switch (f) {
    case DataGradientFormulation::conv_forward: return "conv_forward";
    case DataGradientFormulation::output_scatter: return "output_scatter";
  }
  return "?";
}

const char* to_string(WeightGradientFormulation f) {
  switch (f) {
    case WeightGradientFormulation::direct: return "direct";
    case WeightGradientFormulation::autodiff: return "autodiff";
    case WeightGradientFormulation::sparse: return "sparse";
  }
  return "?";
}

template <class T>
void conv_transpose_backward_data(DataGradientFormulation f, const Problem& p,
                                  std::span<const T> grad_output, std::span<const T> weights,
                                  std::span<T> grad_input) {
  // Here, so that conv_forward's rejections too name the operands as bwd_data does.
  checked_data_gradient_geometry(p, grad_output.size(), weights.size(), grad_input.size());
  switch (f) {
    case DataGradientFormulation::conv_forward:
      return conv_forward(p, grad_output, weights, grad_input);
    case DataGradientFormulation::output_scatter:
      return data_gradient_scatter(p, grad_output, weights, grad_input);
  }
  unknown(f, "DataGradientFormulation");
}

template <class T>
std::vector<T> conv_transpose_backward_data(DataGradientFormulation f, const Problem& p,
                                            std::span<const T> grad_output,
                                            std::span<const T> weights) {
  std::vector<T> grad_input(static_cast<std::size_t>(input_elements(p)), poison<T>());
  conv_transpose_backward_data<T>(f, p, grad_output, weights, grad_input);
  return grad_input;
}

template <class T>
void conv_transpose_backward_weights(WeightGradientFormulation f, const Problem& p,
                                     std::span<const T> input, std::span<const T> grad_output,
                                     std::span<T> grad_weights, std::span<T> grad_bias) {
  switch (f) {
    case WeightGradientFormulation::direct:
      return weight_gradient_direct(p, input, grad_output, grad_weights, grad_bias);
    case WeightGradientFormulation::autodiff:
      return weight_gradient_autodiff(p, input, grad_output, grad_weights, grad_bias);
    case WeightGradientFormulation::sparse:
      return weight_gradient_sparse(p, input, grad_output, grad_weights, grad_bias);
  }
  unknown(f, "WeightGradientFormulation");
}

template <class T>
WeightGradients<T> conv_transpose_backward_weights(WeightGradientFormulation f, const Problem& p,
                                                   std::span<const T> input,
                                                   std::span<const T> grad_output) {
  WeightGradients<T> gradients{
      std::vector<T>(static_cast<std::size_t>(weight_elements(p)), poison<T>()),
      std::vector<T>(static_cast<std::size_t>(bias_elements(p)), poison<T>())};
  conv_transpose_backward_weights<T>(f, p, input, grad_output, gradients.weights, gradients.bias);
  return gradients;
}

#define TCONV_INSTANTIATE(T)                                                                      \
  template void conv_transpose_backward_data<T>(DataGradientFormulation, const Problem&,         \
                                                std::span<const T>, std::span<const T>,          \
                                                std::span<T>);                                   \
  template std::vector<T> conv_transpose_backward_data<T>(DataGradientFormulation, const Problem&, \
                                                          std::span<const T>, std::span<const T>); \
  template void conv_transpose_backward_weights<T>(WeightGradientFormulation, const Problem&,    \
                                                   std::span<const T>, std::span<const T>,       \
                                                   std::span<T>, std::span<T>);                  \
  template WeightGradients<T> conv_transpose_backward_weights<T>(                                 \
      WeightGradientFormulation, const Problem&, std::span<const T>, std::span<const T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
