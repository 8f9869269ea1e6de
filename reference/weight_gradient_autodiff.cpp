// Weight gradient 2, automatic differentiation: ∂L/∂w and ∂L/∂b as the gradient of the
// loss pairing L = <T(x; w) + b, g>, g = ∂L/∂y, with respect to w and b, taken by
// reverse-mode AD (autodiff.h) rather than by any loop written for the weight gradient.
//
// The weight part goes through the generic forward convolution (forward_convolution.h),
// using the adjoint identity <T(x; w), g> = <x, C(g; w)>: the weights are the tape's
// leaves, ∂L/∂y enters as constants, and each x-space element of C(g; w) is one dot
// product, emitted complete, recorded, swept backwards with seed x at that element (the
// pairing's partial derivative towards it) and rewound at once. The tape never holds
// more than one element's expression besides the leaves, whose adjoints accumulate
// d<x, C(g; w)>/dw. C is linear in w, so the gradient is the same at every w; w = 0 is
// used.
//
// The bias part is the pairing's other term, <b, g> = sum of b[co]·g[n, co, o] over the
// output: each term is recorded on the bias leaf and swept the same way.
#include <vector>

#include "autodiff.h"
#include "backward_formulations.h"
#include "backward_geometry.h"
#include "forward_convolution.h"
#include "scalar.h"

namespace tconv {
namespace {

// A weight on the tape. The forward convolution multiplies data by weights; here the
// data are constants, so the product is the weight's Var scaled by the datum, which is
// the one product the tape records (Var · constant).
template <class T>
struct WeightLeaf {
  Var<T> var;
};

template <class T>
Var<T> operator*(const Var<T>& datum, const WeightLeaf<T>& weight) {
  return weight.var * datum.value();
}

}  // namespace

template <class T>
void weight_gradient_autodiff(const Problem& p, std::span<const T> input,
                              std::span<const T> grad_output, std::span<T> grad_weights,
                              std::span<T> grad_bias) {
  const Geometry g = checked_weight_gradient_geometry(p, input.size(), grad_output.size(),
                                                      grad_weights.size(), grad_bias.size());
  Tape<T> tape;
  std::vector<WeightLeaf<T>> w;
  w.reserve(grad_weights.size());
  for (std::size_t i = 0; i < grad_weights.size(); ++i) w.push_back({tape.leaf(T(0))});
  std::vector<Var<T>> b;
  b.reserve(grad_bias.size());
  for (std::size_t c = 0; c < grad_bias.size(); ++c) b.push_back(tape.leaf(T(0)));

  const std::vector<Var<T>> gradient(grad_output.begin(), grad_output.end());  // constants
  forward_convolution(g, gradient.data(), w.data(), [&](std::int64_t offset, const Var<T>& c_g) {
    tape.backward(c_g, input[offset]);
    tape.rewind();
  });
  for (std::size_t i = 0; i < grad_weights.size(); ++i) grad_weights[i] = tape.adjoint(w[i].var);

  if (!g.has_bias) return;
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t co = 0; co < g.out_channels(); ++co)
      for (std::int64_t z = 0; z < g.output[0]; ++z)
        for (std::int64_t y = 0; y < g.output[1]; ++y)
          for (std::int64_t x = 0; x < g.output[2]; ++x) {
            tape.backward(b[co] * grad_output[g.output_at(n, co, z, y, x)], T(1));
            tape.rewind();
          }
  for (std::size_t c = 0; c < grad_bias.size(); ++c) grad_bias[c] = tape.adjoint(b[c]);
}

#define TCONV_INSTANTIATE(T)                                                             \
  template void weight_gradient_autodiff<T>(const Problem&, std::span<const T>,         \
                                            std::span<const T>, std::span<T>, std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
