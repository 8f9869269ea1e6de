// The forward convolution C, written once for any value type: the plain scalars of
// conv_forward, and the automatic-differentiation variable of
// reference/autodiff_gradient.cpp, which differentiates this very code.
#pragma once

#include <cstdint>

#include "geometry.h"

namespace tconv {

// For every element x[n, ci, i] of the problem's *input* tensor, computes
//   x[n, ci, i] = sum over co in ci's group and taps k of y[n, co, o] · w(group, ci, co, k),
//   o = i·stride + k·dilation - pad_begin   (terms with o outside [0, O) are skipped),
// where y is shaped like the problem's *output* tensor, and hands it to
// emit(g.input_at(n, ci, i), x).
//
// The loop is a gather, driven by x: one dot product per x element, complete when it is
// emitted. That is what lets the differentiation record, sweep and forget one element at
// a time. From V it needs only a default-constructed zero and acc = acc + v · w.
template <class V, class W, class Emit>
void forward_convolution(const Geometry& g, const V* y_space, const W* weights, Emit&& emit) {
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t grp = 0; grp < g.groups; ++grp)
      for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
        for (std::int64_t iz = 0; iz < g.input[0]; ++iz)
          for (std::int64_t iy = 0; iy < g.input[1]; ++iy)
            for (std::int64_t ix = 0; ix < g.input[2]; ++ix) {
              V acc{};
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
                      acc = acc + y_space[g.output_at(n, grp * g.out_per_group + co, oz, oy, ox)] *
                                      weights[g.weight_at(grp, ci, co, kz, ky, kx)];
                    }
                  }
                }
              emit(g.input_at(n, grp * g.in_per_group + ci, iz, iy, ix), acc);
            }
}

}  // namespace tconv
