// conv_forward (reference/references.h): the generic forward convolution on plain scalars.
#include "forward_convolution.h"

#include "references.h"
#include "scalar.h"

namespace tconv {

template <class T>
void conv_forward(const Problem& p, std::span<const T> output_shaped, std::span<const T> weights,
                  std::span<T> input_shaped) {
  // The operands are named by the problem tensor they are shaped like; C takes no bias.
  const Geometry g =
      checked_geometry(p, input_shaped.size(), weights.size(),
                       static_cast<std::size_t>(bias_elements(p)), output_shaped.size());
  forward_convolution(g, output_shaped.data(), weights.data(),
                      [&](std::int64_t offset, T value) { input_shaped[offset] = value; });
}

#define TCONV_INSTANTIATE(T)                                                            \
  template void conv_forward<T>(const Problem&, std::span<const T>, std::span<const T>, \
                                std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
