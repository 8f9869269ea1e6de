// Formulation 4, automatic differentiation: the transposed convolution is the gradient
// of the forward convolution's pairing with x,
//   y = d<C(v), x>/dv + bias,
// taken by reverse-mode AD (autodiff.h) of the generic forward convolution
// (forward_convolution.h), not by any loop written for the transpose. C is linear, so
// the gradient is the same at every v; v = 0 is used.
//
// Memory stays of the order of the tensors: each x element of C(v) is one dot product,
// emitted complete, so its expression is recorded, swept backwards with seed x[offset]
// (the pairing's partial derivative towards that element) and rewound at once. The tape
// never holds more than one element's expression besides the leaves v, whose adjoints
// accumulate the whole gradient.
#include "autodiff_gradient.h"

#include <vector>

#include "autodiff.h"
#include "forward_convolution.h"
#include "geometry.h"
#include "scalar.h"

namespace tconv {

template <class T>
void conv_transpose_autodiff(const Problem& p, std::span<const T> input, std::span<const T> weights,
                             std::span<const T> bias, std::span<T> output) {
  const Geometry g = checked_geometry(p, input.size(), weights.size(), bias.size(), output.size());
  Tape<T> tape;
  std::vector<Var<T>> v;
  v.reserve(output.size());
  for (std::size_t i = 0; i < output.size(); ++i) v.push_back(tape.leaf(T(0)));

  forward_convolution(g, v.data(), weights.data(), [&](std::int64_t offset, const Var<T>& c_v) {
    tape.backward(c_v, input[offset]);
    tape.rewind();
  });

  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t co = 0; co < g.out_channels(); ++co)
      for (std::int64_t z = 0; z < g.output[0]; ++z)
        for (std::int64_t y = 0; y < g.output[1]; ++y)
          for (std::int64_t x = 0; x < g.output[2]; ++x) {
            const std::int64_t at = g.output_at(n, co, z, y, x);
            output[at] = tape.adjoint(v[at]) + (g.has_bias ? bias[co] : T(0));
          }
}

#define TCONV_INSTANTIATE(T)                                                                       \
  template void conv_transpose_autodiff<T>(const Problem&, std::span<const T>, std::span<const T>, \
                                           std::span<const T>, std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
