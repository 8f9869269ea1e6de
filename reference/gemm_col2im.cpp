// Formulation 5, GEMM + col2im: the CPU path of Caffe and PyTorch, kept beside the four
// independent formulations for its speed. It is checked against them, never used to
// check them.
//
// For one image and group, with s an input position, ci an input channel, co an output
// channel and t a kernel tap, one matrix product gives every product x·w at once,
//   columns[s, (co, t)] = sum over ci of x[ci, s] · w[ci, co, t],
// and col2im adds column (s, co, t) onto output channel co at
//   o = i(s)·stride + k(t)·dilation − pad_begin,
// dropping landings outside [0, O), onto an output first set to the bias. Output
// padding and stride > kernel need no code: such outputs receive no column.
//
// The product is a blocked GEMM: a tile of input positions is packed into panels of
// kRows positions, the weights (any layout) a block at a time into strips of kCols
// columns, and a kernel keeps one kRows × kCols block of the product in registers over
// the whole dot product, in loops the compiler vectorises. Tiling the input positions
// bounds the columns buffer, and a small tile keeps it in cache until col2im.
#include "gemm_col2im.h"

#include <algorithm>
#include <vector>

#include "geometry.h"
#include "scalar.h"

namespace tconv {
namespace {

// The kernel's register block: kRows input positions × kCols columns of the product
// (two 64-byte vectors of float a row, four of double), chosen by measurement (g++ 12).
constexpr std::int64_t kRows = 6;
constexpr std::int64_t kCols = 32;
// A block of weight strips (Cin/g × its columns) stays in L2 while every panel of the
// tile passes over it.
constexpr std::int64_t kBlockBytes = std::int64_t{512} << 10;

// The build targets baseline x86-64 (SSE2); the kernel is also compiled for AVX2 and
// AVX-512 and the CPU's best version is picked when the library is loaded (GCC ifunc).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define TCONV_VECTOR_CLONES [[gnu::target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")]]
#else
#define TCONV_VECTOR_CLONES
#endif

std::int64_t round_up(std::int64_t n, std::int64_t multiple) {
  return (n + multiple - 1) / multiple * multiple;
}

std::int64_t volume(const Index3& size) { return size[0] * size[1] * size[2]; }

Index3 unflatten(std::int64_t position, const Index3& size) {
  return {position / (size[1] * size[2]), position / size[2] % size[1], position % size[2]};
}

// One kRows × kCols block of the product: a panel (depth × kRows) times a strip
// (depth × kCols), written to c (row stride ldc). The accumulators are indexed by
// constants only, so that they live in vector registers.
template <class T>
TCONV_VECTOR_CLONES void multiply_block(std::int64_t depth, const T* __restrict panel,
                                        const T* __restrict strip, T* __restrict c,
                                        std::int64_t ldc) {
  T acc[kRows][kCols] = {};
  for (std::int64_t k = 0; k < depth; ++k) {
    const T* a = panel + k * kRows;
    const T* b = strip + k * kCols;
    for (int r = 0; r < kRows; ++r)
      for (int j = 0; j < kCols; ++j) acc[r][j] += a[r] * b[j];
  }
  for (int r = 0; r < kRows; ++r)
    for (int j = 0; j < kCols; ++j) c[r * ldc + j] = acc[r][j];
}

// The product's right operand is a group's weights as a Cin/g × (Cout/g · taps) matrix:
// row ci, column (co, t) co-major. For every column, where it starts relative to the
// group's first weight (row ci is ci · weight_at's ci stride further), in any layout.
std::vector<std::int64_t> column_offsets(const Geometry& g) {
  std::vector<std::int64_t> offsets;
  for (std::int64_t co = 0; co < g.out_per_group; ++co)
    for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
      for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
        for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx)
          offsets.push_back(g.weight_at(0, 0, co, kz, ky, kx));
  return offsets;
}

// Right-operand columns [first, first + count) (w points at the group's first weight,
// rows row_stride apart) packed as strips of kCols columns, each stored row-major, zero
// past the last column.
template <class T>
void pack_columns(const T* w, std::int64_t row_stride, const std::vector<std::int64_t>& offsets,
                  std::int64_t depth, std::int64_t first, std::int64_t count, T* strips) {
  std::fill(strips, strips + round_up(count, kCols) * depth, T(0));
  for (std::int64_t ci = 0; ci < depth; ++ci)
    for (std::int64_t j = 0; j < count; ++j)
      strips[((j / kCols) * depth + ci) * kCols + j % kCols] =
          w[offsets[static_cast<std::size_t>(first + j)] + ci * row_stride];
}

// Input positions [first, first + count) of one image and group as the product's left
// operand: x points at the group's first channel, positions and channels lie
// position_stride / channel_stride apart (either layout). Panels of kRows positions,
// each stored ci-major, zero past the last position.
template <class T>
void pack_positions(const T* x, std::int64_t position_stride, std::int64_t channel_stride,
                    std::int64_t depth, std::int64_t first, std::int64_t count, T* panels) {
  std::fill(panels, panels + round_up(count, kRows) * depth, T(0));
  for (std::int64_t r = 0; r < count; ++r)
    for (std::int64_t ci = 0; ci < depth; ++ci)
      panels[((r / kRows) * depth + ci) * kRows + r % kRows] =
          x[(first + r) * position_stride + ci * channel_stride];
}

// product[r][column] (row stride ldc) = the packed positions times the group's weights
// (w, row_stride, offsets as for pack_columns), one block of strips at a time: the block
// is packed into `strips`, then every panel passes over it.
template <class T>
void multiply(const T* panels, std::int64_t panel_count, const T* w, std::int64_t row_stride,
              const std::vector<std::int64_t>& offsets, std::int64_t depth, T* strips,
              std::int64_t block_columns, T* product, std::int64_t ldc) {
  const auto columns = static_cast<std::int64_t>(offsets.size());
  for (std::int64_t first = 0; first < columns; first += block_columns) {
    const std::int64_t count = std::min(block_columns, columns - first);
    pack_columns(w, row_stride, offsets, depth, first, count, strips);
    for (std::int64_t panel = 0; panel < panel_count; ++panel)
      for (std::int64_t s = 0; s < round_up(count, kCols) / kCols; ++s)
        multiply_block(depth, panels + panel * depth * kRows, strips + s * depth * kCols,
                       product + panel * kRows * ldc + first + s * kCols, ldc);
  }
}

// Adds the columns of input positions [first, first + count) onto one image's output:
// y points at the group's first output channel, channels lie channel_stride apart.
// Column (s, co, t) lands on channel co at o = i·stride + k·dilation − pad_begin.
template <class T>
void col2im(const Geometry& g, const T* product, std::int64_t ldc, std::int64_t first,
            std::int64_t count, T* y, std::int64_t channel_stride) {
  const std::int64_t taps = volume(g.kernel);
  for (std::int64_t r = 0; r < count; ++r) {
    const Index3 i = unflatten(first + r, g.input);
    for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz) {
      const std::int64_t oz = i[0] * g.stride[0] + kz * g.dilation[0] - g.pad_begin[0];
      if (oz < 0 || oz >= g.output[0]) continue;
      for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky) {
        const std::int64_t oy = i[1] * g.stride[1] + ky * g.dilation[1] - g.pad_begin[1];
        if (oy < 0 || oy >= g.output[1]) continue;
        for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx) {
          const std::int64_t ox = i[2] * g.stride[2] + kx * g.dilation[2] - g.pad_begin[2];
          if (ox < 0 || ox >= g.output[2]) continue;
          const T* column = product + r * ldc + (kz * g.kernel[1] + ky) * g.kernel[2] + kx;
          T* landing = y + g.output_at(0, 0, oz, oy, ox);
          for (std::int64_t co = 0; co < g.out_per_group; ++co)
            landing[co * channel_stride] += column[co * taps];
        }
      }
    }
  }
}

// The output set to the bias (or zero) in memory order: per image, a plane per channel
// (ncx) or a run of all channels per position (nxc).
template <class T>
void set_to_bias(const Geometry& g, std::span<const T> bias, std::span<T> output) {
  const std::int64_t channels = g.out_channels(), positions = volume(g.output);
  const auto value = [&](std::int64_t co) { return g.has_bias ? bias[co] : T(0); };
  const bool channels_last = g.output_at(0, 1, 0, 0, 0) == 1;
  for (std::int64_t n = 0; n < g.batch; ++n) {
    T* image = output.data() + g.output_at(n, 0, 0, 0, 0);
    if (channels_last) {
      for (std::int64_t s = 0; s < positions; ++s)
        for (std::int64_t co = 0; co < channels; ++co) image[s * channels + co] = value(co);
    } else {
      for (std::int64_t co = 0; co < channels; ++co)
        std::fill_n(image + co * positions, positions, value(co));
    }
  }
}

}  // namespace

template <class T>
void conv_transpose_gemm_col2im(const Problem& p, std::span<const T> input,
                                std::span<const T> weights, std::span<const T> bias,
                                std::span<T> output, std::size_t budget_bytes) {
  const Geometry g = checked_geometry(p, input.size(), weights.size(), bias.size(), output.size());
  set_to_bias(g, bias, output);

  // The tile: as many panels of input positions as the budget holds for their packed
  // input (depth values each) and their columns (ldc values each), at least one. The
  // weights are packed a block of strips at a time, each block about kBlockBytes.
  const std::int64_t positions = volume(g.input), depth = g.in_per_group;
  const std::vector<std::int64_t> offsets = column_offsets(g);
  const auto columns = static_cast<std::int64_t>(offsets.size());
  const std::int64_t ldc = round_up(columns, kCols);
  const auto panel_bytes = static_cast<std::size_t>(kRows * (ldc + depth)) * sizeof(T);
  const std::int64_t tile = std::min(
      round_up(positions, kRows),
      kRows * std::max<std::int64_t>(1, static_cast<std::int64_t>(budget_bytes / panel_bytes)));
  const std::int64_t strip_bytes = depth * kCols * static_cast<std::int64_t>(sizeof(T));
  const std::int64_t block_columns =
      std::min(ldc, kCols * std::max<std::int64_t>(1, kBlockBytes / strip_bytes));
  std::vector<T> panels(static_cast<std::size_t>(tile * depth));
  std::vector<T> strips(static_cast<std::size_t>(block_columns * depth));
  std::vector<T> product(static_cast<std::size_t>(tile * ldc));

  const std::int64_t position_stride = g.input_at(0, 0, 0, 0, 1);
  const std::int64_t in_channel_stride = g.input_at(0, 1, 0, 0, 0);
  const std::int64_t out_channel_stride = g.output_at(0, 1, 0, 0, 0);
  const std::int64_t weight_row_stride = g.weight_at(0, 1, 0, 0, 0, 0);
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t grp = 0; grp < g.groups; ++grp) {
      const T* x = input.data() + g.input_at(n, grp * depth, 0, 0, 0);
      const T* w = weights.data() + g.weight_at(grp, 0, 0, 0, 0, 0);
      T* y = output.data() + g.output_at(n, grp * g.out_per_group, 0, 0, 0);
      for (std::int64_t first = 0; first < positions; first += tile) {
        const std::int64_t count = std::min(tile, positions - first);
        pack_positions(x, position_stride, in_channel_stride, depth, first, count, panels.data());
        multiply(panels.data(), round_up(count, kRows) / kRows, w, weight_row_stride, offsets,
                 depth, strips.data(), block_columns, product.data(), ldc);
        col2im(g, product.data(), ldc, first, count, y, out_channel_stride);
      }
    }
}

template <class T>
void conv_transpose_gemm_col2im(const Problem& p, std::span<const T> input,
                                std::span<const T> weights, std::span<const T> bias,
                                std::span<T> output) {
  conv_transpose_gemm_col2im(p, input, weights, bias, output, kGemmCol2imDefaultBudget);
}

#define TCONV_INSTANTIATE(T)                                                               \
  template void conv_transpose_gemm_col2im<T>(const Problem&, std::span<const T>,          \
                                              std::span<const T>, std::span<const T>,      \
                                              std::span<T>);                               \
  template void conv_transpose_gemm_col2im<T>(const Problem&, std::span<const T>,          \
                                              std::span<const T>, std::span<const T>,      \
                                              std::span<T>, std::size_t);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
