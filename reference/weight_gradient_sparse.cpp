// Weight gradient 3, sparse matrix: ∂L/∂w as products with an explicit gather matrix.
//
// For one image and one group, write the input as the matrix X [Cin/g x input positions]
// and the output gradient as G [Cout/g x output positions]. The gather matrix A has one
// row per (tap t, input position r) and one column per output position q, with
// A[(t, r), q] = 1 exactly when q = r·stride + t·dilation − pad_begin on every axis (so
// at most one entry per row; rows of taps that land outside the output are empty).
// Then U = A·Gᵀ holds, in row (t, r), the gradient that tap t of input position r
// received, and the gradient of tap t is the dense product
//   ∂L/∂W_t [Cin/g x Cout/g] = sum over the batch of X · U_t,   U_t = rows (t, ·) of U,
// which is the im2col form of the weight gradient, with the sparse A doing the im2col.
// A is built once from the index map alone; the products are a generic sparse-dense and
// a dense-dense product. The sums are kept apart and stored once, in the problem's
// weight layout, so the result overwrites the buffer.
//
// ∂L/∂b is G·1 summed over the batch: the product of each image's G with the ones vector.
#include <algorithm>
#include <vector>

#include "backward_formulations.h"
#include "backward_geometry.h"
#include "scalar.h"

namespace tconv {
namespace {

std::int64_t volume(const Index3& size) { return size[0] * size[1] * size[2]; }

// A in compressed sparse rows; every stored entry is 1. Rows are tap-major, (t, r) at
// t·positions + r; taps and positions are numbered z-major.
struct GatherMatrix {
  std::vector<std::int64_t> row_begin;  // entries of row j: [row_begin[j], row_begin[j+1])
  std::vector<std::int64_t> column;     // per entry: its output position q
};

GatherMatrix gather_matrix(const Geometry& g) {
  GatherMatrix a;
  a.row_begin.push_back(0);
  for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
    for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
      for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx)
        for (std::int64_t iz = 0; iz < g.input[0]; ++iz)
          for (std::int64_t iy = 0; iy < g.input[1]; ++iy)
            for (std::int64_t ix = 0; ix < g.input[2]; ++ix) {
              const Index3 o{iz * g.stride[0] + kz * g.dilation[0] - g.pad_begin[0],
                             iy * g.stride[1] + ky * g.dilation[1] - g.pad_begin[1],
                             ix * g.stride[2] + kx * g.dilation[2] - g.pad_begin[2]};
              bool inside = true;
              for (int axis = 0; axis < 3; ++axis)
                inside = inside && o[axis] >= 0 && o[axis] < g.output[axis];
              if (inside) a.column.push_back((o[0] * g.output[1] + o[1]) * g.output[2] + o[2]);
              a.row_begin.push_back(static_cast<std::int64_t>(a.column.size()));
            }
  return a;
}

// One image of an activation as a [channels x positions] matrix, row-major.
template <class T>
std::vector<T> image_matrix(std::span<const T> data, const ActivationIndex& at, std::int64_t n,
                            std::int64_t channels, const Index3& size) {
  std::vector<T> m;
  m.reserve(static_cast<std::size_t>(channels * volume(size)));
  for (std::int64_t c = 0; c < channels; ++c)
    for (std::int64_t z = 0; z < size[0]; ++z)
      for (std::int64_t y = 0; y < size[1]; ++y)
        for (std::int64_t x = 0; x < size[2]; ++x) m.push_back(data[at(n, c, z, y, x)]);
  return m;
}

}  // namespace

template <class T>
void weight_gradient_sparse(const Problem& p, std::span<const T> input,
                            std::span<const T> grad_output, std::span<T> grad_weights,
                            std::span<T> grad_bias) {
  const Geometry g = checked_weight_gradient_geometry(p, input.size(), grad_output.size(),
                                                      grad_weights.size(), grad_bias.size());
  const GatherMatrix a = gather_matrix(g);
  const std::int64_t taps = volume(g.kernel), positions = volume(g.input);
  const std::int64_t out_positions = volume(g.output);
  const std::int64_t in_g = g.in_per_group, out_g = g.out_per_group;

  // ∂L/∂W_t of each group, [group][t][ci][co], and ∂L/∂b, summed over the batch.
  std::vector<T> dw(static_cast<std::size_t>(g.groups * taps * in_g * out_g), T(0));
  std::vector<T> db(static_cast<std::size_t>(g.out_channels()), T(0));
  std::vector<T> u(static_cast<std::size_t>(taps * positions * out_g));
  for (std::int64_t n = 0; n < g.batch; ++n) {
    const std::vector<T> x = image_matrix(input, g.input_at, n, g.in_channels(), g.input);
    const std::vector<T> dy = image_matrix(grad_output, g.output_at, n, g.out_channels(), g.output);
    for (std::int64_t grp = 0; grp < g.groups; ++grp) {
      // U = A · Gᵀ with G the group's rows of dy.
      for (std::int64_t row = 0; row < taps * positions; ++row)
        for (std::int64_t co = 0; co < out_g; ++co) {
          T sum = 0;
          for (std::int64_t e = a.row_begin[row]; e < a.row_begin[row + 1]; ++e)
            sum += dy[(grp * out_g + co) * out_positions + a.column[e]];
          u[row * out_g + co] = sum;
        }
      // ∂L/∂W_t += X · U_t with X the group's rows of x.
      for (std::int64_t t = 0; t < taps; ++t)
        for (std::int64_t ci = 0; ci < in_g; ++ci)
          for (std::int64_t r = 0; r < positions; ++r) {
            const T xv = x[(grp * in_g + ci) * positions + r];
            T* dw_row = &dw[static_cast<std::size_t>(((grp * taps + t) * in_g + ci) * out_g)];
            const T* u_row = &u[static_cast<std::size_t>((t * positions + r) * out_g)];
            for (std::int64_t co = 0; co < out_g; ++co) dw_row[co] += xv * u_row[co];
          }
    }
    // ∂L/∂b += G · 1.
    for (std::int64_t co = 0; co < g.out_channels(); ++co)
      for (std::int64_t q = 0; q < out_positions; ++q) db[co] += dy[co * out_positions + q];
  }

  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t ci = 0; ci < in_g; ++ci)
      for (std::int64_t co = 0; co < out_g; ++co)
        for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
          for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
            for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx) {
              const std::int64_t t = (kz * g.kernel[1] + ky) * g.kernel[2] + kx;
              grad_weights[g.weight_at(grp, ci, co, kz, ky, kx)] =
                  dw[((grp * taps + t) * in_g + ci) * out_g + co];
            }
  if (g.has_bias) std::copy(db.begin(), db.end(), grad_bias.begin());
}

#define TCONV_INSTANTIATE(T)                                                           \
  template void weight_gradient_sparse<T>(const Problem&, std::span<const T>,         \
                                          std::span<const T>, std::span<T>, std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
