#include "references.h"

#include <algorithm>

#include "autodiff_gradient.h"
#include "direct_scatter.h"
#include "forward_convolution.h"
#include "scalar.h"
#include "sparse_matrix.h"
#include "zero_insertion.h"

namespace tconv {

const char* to_string(Formulation f) {
  switch (f) {
    case Formulation::direct_scatter: return "direct_scatter";
    case Formulation::sparse_matrix: return "sparse_matrix";
    case Formulation::zero_insertion: return "zero_insertion";
    case Formulation::autodiff: return "autodiff";
  }
  return "?";
}

template <class T>
void conv_transpose(Formulation f, const Problem& p, std::span<const T> input,
                    std::span<const T> weights, std::span<const T> bias, std::span<T> output) {
  switch (f) {
    case Formulation::direct_scatter:
      return conv_transpose_direct_scatter(p, input, weights, bias, output);
    case Formulation::sparse_matrix:
      return conv_transpose_sparse_matrix(p, input, weights, bias, output);
    case Formulation::zero_insertion:
      return conv_transpose_zero_insertion(p, input, weights, bias, output);
    case Formulation::autodiff:
      return conv_transpose_autodiff(p, input, weights, bias, output);
  }
}

template <class T>
std::vector<T> conv_transpose(Formulation f, const Problem& p, std::span<const T> input,
                              std::span<const T> weights, std::span<const T> bias) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
  conv_transpose<T>(f, p, input, weights, bias, output);
  return output;
}

template <class T>
std::vector<T> conv_forward(const Problem& p, std::span<const T> output_shaped,
                            std::span<const T> weights) {
  std::vector<T> result(static_cast<std::size_t>(input_elements(p)), poison<T>());
  conv_forward<T>(p, output_shaped, weights, result);
  return result;
}

#define TCONV_INSTANTIATE(T)                                                                    \
  template void conv_transpose<T>(Formulation, const Problem&, std::span<const T>,             \
                                  std::span<const T>, std::span<const T>, std::span<T>);       \
  template std::vector<T> conv_transpose<T>(Formulation, const Problem&, std::span<const T>,   \
                                            std::span<const T>, std::span<const T>);           \
  template std::vector<T> conv_forward<T>(const Problem&, std::span<const T>, std::span<const T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
