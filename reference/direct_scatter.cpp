// Formulation 1, direct scatter: the definition of the transposed convolution.
//
// The loop is driven by the *input*: each input element x[n, ci, i] is multiplied by
// every tap of its group's kernel and added to the output element it lands on,
//   o = i·stride + k·dilation - pad_begin,
// skipping landings outside [0, O). Output padding needs no code of its own: it only
// makes O larger, and the landings there are computed like any other. The output is
// first set to the bias (or zero), so an element no input reaches is written too.
#include "direct_scatter.h"

#include "geometry.h"
#include "scalar.h"

namespace tconv {

template <class T>
void conv_transpose_direct_scatter(const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output) {
  const Geometry g = checked_geometry(p, input.size(), weights.size(), bias.size(), output.size());
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t co = 0; co < g.out_channels(); ++co)
      for (std::int64_t z = 0; z < g.output[0]; ++z)
        for (std::int64_t y = 0; y < g.output[1]; ++y)
          for (std::int64_t x = 0; x < g.output[2]; ++x)
            output[g.output_at(n, co, z, y, x)] = g.has_bias ? bias[co] : T(0);

  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t grp = 0; grp < g.groups; ++grp)
      for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
        for (std::int64_t iz = 0; iz < g.input[0]; ++iz)
          for (std::int64_t iy = 0; iy < g.input[1]; ++iy)
            for (std::int64_t ix = 0; ix < g.input[2]; ++ix) {
              const T value = input[g.input_at(n, grp * g.in_per_group + ci, iz, iy, ix)];
              for (std::int64_t co = 0; co < g.out_per_group; ++co)
                for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz) {
                  const std::int64_t oz = iz * g.stride[0] + kz * g.dilation[0] - g.pad_begin[0];
                  if (oz < 0 || oz >= g.output[0]) continue;
                  for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky) {
                    const std::int64_t oy = iy * g.stride[1] + ky * g.dilation[1] - g.pad_begin[1];
                    if (oy < 0 || oy >= g.output[1]) continue;
                    for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx) {
                      const std::int64_t ox =
                          ix * g.stride[2] + kx * g.dilation[2] - g.pad_begin[2];
                      if (ox < 0 || ox >= g.output[2]) continue;
                      output[g.output_at(n, grp * g.out_per_group + co, oz, oy, ox)] +=
                          value * weights[g.weight_at(grp, ci, co, kz, ky, kx)];
                    }
                  }
                }
            }
}

#define TCONV_INSTANTIATE(T)                                                              \
  template void conv_transpose_direct_scatter<T>(const Problem&, std::span<const T>,     \
                                                 std::span<const T>, std::span<const T>, \
                                                 std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
