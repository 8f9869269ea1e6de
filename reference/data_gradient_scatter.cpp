// Data gradient 2, scatter from the output gradient: ∂L/∂x read off the transposed
// convolution's own index map, independently of conv_forward.
//
// Input element i and tap k land on o = i·stride + k·dilation − pad_begin, so ∂L/∂y at o
// flows back to every (i, k) with i·stride = o + pad_begin − k·dilation. The loop is
// driven by ∂L/∂y: for each of its elements and each tap, that equation is solved for i,
// and the tap contributes only if the solution is a whole number inside [0, I). Where
// conv_forward gathers along the map forwards (from i to o), this inverts it (from o to
// i), so a mistake in the stride, the dilation or a pad shows up as a disagreement.
// Output elements that no input reaches (stride > kernel, output_padding) solve for no
// i and send nothing. The result is zeroed first, so every element is written.
#include <algorithm>

#include "backward_formulations.h"
#include "backward_geometry.h"
#include "scalar.h"

namespace tconv {
namespace {

// The input position i with i·stride = o + pad_begin − k·dilation, or -1 if there is none
// in [0, input).
std::int64_t source(const Geometry& g, int axis, std::int64_t o, std::int64_t k) {
  const std::int64_t scaled = o + g.pad_begin[axis] - k * g.dilation[axis];
  if (scaled < 0 || scaled % g.stride[axis] != 0) return -1;
  const std::int64_t i = scaled / g.stride[axis];
  return i < g.input[axis] ? i : -1;
}

}  // namespace

template <class T>
void data_gradient_scatter(const Problem& p, std::span<const T> grad_output,
                           std::span<const T> weights, std::span<T> grad_input) {
  const Geometry g = checked_data_gradient_geometry(p, grad_output.size(), weights.size(),
                                                    grad_input.size());
  std::fill(grad_input.begin(), grad_input.end(), T(0));
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t grp = 0; grp < g.groups; ++grp)
      for (std::int64_t co = 0; co < g.out_per_group; ++co)
        for (std::int64_t oz = 0; oz < g.output[0]; ++oz)
          for (std::int64_t oy = 0; oy < g.output[1]; ++oy)
            for (std::int64_t ox = 0; ox < g.output[2]; ++ox) {
              const T gradient =
                  grad_output[g.output_at(n, grp * g.out_per_group + co, oz, oy, ox)];
              for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz) {
                const std::int64_t iz = source(g, 0, oz, kz);
                if (iz < 0) continue;
                for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky) {
                  const std::int64_t iy = source(g, 1, oy, ky);
                  if (iy < 0) continue;
                  for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx) {
                    const std::int64_t ix = source(g, 2, ox, kx);
                    if (ix < 0) continue;
                    for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
                      grad_input[g.input_at(n, grp * g.in_per_group + ci, iz, iy, ix)] +=
                          gradient * weights[g.weight_at(grp, ci, co, kz, ky, kx)];
                  }
                }
              }
            }
}

#define TCONV_INSTANTIATE(T)                                                                    \
  template void data_gradient_scatter<T>(const Problem&, std::span<const T>, std::span<const T>, \
                                         std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
