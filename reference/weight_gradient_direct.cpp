// Weight gradient 1, direct correlation: the definition of ∂L/∂w.
//
// Every product of the forward pass, x[n, ci, i] · w[ci, co, k] landing on
// y[n, co, o] with o = i·stride + k·dilation − pad_begin, contributes
// x[n, ci, i] · ∂L/∂y[n, co, o] to ∂L/∂w[ci, co, k]. So the loop is driven by the
// *weights*: each weight element is one complete dot product of its input channel
// with its output channel's gradient, shifted by the tap, over the batch and every input
// position whose landing lies in [0, O). Each element is assigned once, complete,
// which is what makes the result overwrite the buffer.
//
// ∂L/∂b[co] is the sum of ∂L/∂y[n, co, o] over the batch and every output position:
// the bias is added to each of them once.
#include "backward_formulations.h"
#include "backward_geometry.h"
#include "scalar.h"

namespace tconv {

template <class T>
void weight_gradient_direct(const Problem& p, std::span<const T> input,
                            std::span<const T> grad_output, std::span<T> grad_weights,
                            std::span<T> grad_bias) {
  const Geometry g = checked_weight_gradient_geometry(p, input.size(), grad_output.size(),
                                                      grad_weights.size(), grad_bias.size());
  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
      for (std::int64_t co = 0; co < g.out_per_group; ++co)
        for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
          for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
            for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx) {
              const std::int64_t c_in = grp * g.in_per_group + ci;
              const std::int64_t c_out = grp * g.out_per_group + co;
              T sum = 0;
              for (std::int64_t n = 0; n < g.batch; ++n)
                for (std::int64_t iz = 0; iz < g.input[0]; ++iz) {
                  const std::int64_t oz = iz * g.stride[0] + kz * g.dilation[0] - g.pad_begin[0];
                  if (oz < 0 || oz >= g.output[0]) continue;
                  for (std::int64_t iy = 0; iy < g.input[1]; ++iy) {
                    const std::int64_t oy = iy * g.stride[1] + ky * g.dilation[1] - g.pad_begin[1];
                    if (oy < 0 || oy >= g.output[1]) continue;
                    for (std::int64_t ix = 0; ix < g.input[2]; ++ix) {
                      const std::int64_t ox =
                          ix * g.stride[2] + kx * g.dilation[2] - g.pad_begin[2];
                      if (ox < 0 || ox >= g.output[2]) continue;
                      sum += input[g.input_at(n, c_in, iz, iy, ix)] *
                             grad_output[g.output_at(n, c_out, oz, oy, ox)];
                    }
                  }
                }
              grad_weights[g.weight_at(grp, ci, co, kz, ky, kx)] = sum;
            }

  if (!g.has_bias) return;
  for (std::int64_t co = 0; co < g.out_channels(); ++co) {
    T sum = 0;
    for (std::int64_t n = 0; n < g.batch; ++n)
      for (std::int64_t z = 0; z < g.output[0]; ++z)
        for (std::int64_t y = 0; y < g.output[1]; ++y)
          for (std::int64_t x = 0; x < g.output[2]; ++x)
            sum += grad_output[g.output_at(n, co, z, y, x)];
    grad_bias[co] = sum;
  }
}

#define TCONV_INSTANTIATE(T)                                                            \
  template void weight_gradient_direct<T>(const Problem&, std::span<const T>,          \
                                          std::span<const T>, std::span<T>, std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
