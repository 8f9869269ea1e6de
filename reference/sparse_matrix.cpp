// Formulation 2, sparse matrix: the transposed convolution as y = Cᵀx, with C the
// forward convolution written out as a matrix.
//
// The rows of C at x-space position i are the forward convolution's definition there,
//   x[ci, i] = sum over taps k and the group's co of w[ci, co, k] · y[co, o],
//   o = i·stride + k·dilation - pad_begin,
// so C is built row by row, one stored block per tap whose o lies inside the output.
// Nothing about the transposed convolution is used to build it: the products below
// are the generic block-sparse C·v and Cᵀ·x, and output_padding or stride > kernel are
// just columns that no row reaches (zero in Cᵀx, then the bias).
#include "sparse_matrix.h"

#include <algorithm>
#include <string>

#include "problem_string.h"
#include "scalar.h"

namespace tconv {
namespace {

std::int64_t volume(const Index3& size) { return size[0] * size[1] * size[2]; }

// Spatial positions are numbered z-major: (z·Y + y)·X + x.
std::int64_t flatten(const Index3& at, const Index3& size) {
  return (at[0] * size[1] + at[1]) * size[2] + at[2];
}

Index3 unflatten(std::int64_t position, const Index3& size) {
  return {position / (size[1] * size[2]), position / size[2] % size[1], position % size[2]};
}

void check_image_length(const Problem& p, const char* name, std::size_t got, std::int64_t want) {
  if (got != static_cast<std::size_t>(want)) {
    throw ProblemError(std::string(name) + " length = " + std::to_string(got) + ": problem " +
                       to_string(p) + " needs " + std::to_string(want) + " (one image)");
  }
}

}  // namespace

template <class T>
ConvolutionMatrix<T>::ConvolutionMatrix(const Problem& p, std::span<const T> weights)
    : problem_(p),
      g_(checked_geometry(p, static_cast<std::size_t>(input_elements(p)), weights.size(),
                          static_cast<std::size_t>(bias_elements(p)),
                          static_cast<std::size_t>(output_elements(p)))),
      weights_(weights) {
  const std::int64_t positions = volume(g_.input), taps = volume(g_.kernel);
  const auto most_blocks = static_cast<std::size_t>(checked_mul(positions, taps, "matrix blocks"));
  row_begin_.reserve(static_cast<std::size_t>(positions + 1));
  column_.reserve(most_blocks);
  tap_.reserve(most_blocks);
  row_begin_.push_back(0);
  for (std::int64_t r = 0; r < positions; ++r) {
    const Index3 i = unflatten(r, g_.input);
    for (std::int64_t t = 0; t < taps; ++t) {
      const Index3 k = unflatten(t, g_.kernel);
      Index3 o;
      bool inside = true;
      for (int a = 0; a < 3; ++a) {
        o[a] = i[a] * g_.stride[a] + k[a] * g_.dilation[a] - g_.pad_begin[a];
        inside = inside && o[a] >= 0 && o[a] < g_.output[a];
      }
      if (!inside) continue;
      column_.push_back(flatten(o, g_.output));
      tap_.push_back(t);
    }
    row_begin_.push_back(static_cast<std::int64_t>(column_.size()));
  }
}

template <class T>
std::int64_t ConvolutionMatrix<T>::rows() const {
  return g_.in_channels() * volume(g_.input);
}

template <class T>
std::int64_t ConvolutionMatrix<T>::cols() const {
  return g_.out_channels() * volume(g_.output);
}

template <class T>
std::int64_t ConvolutionMatrix<T>::stored_blocks() const {
  return static_cast<std::int64_t>(tap_.size());
}

template <class T>
template <class Visit>
void ConvolutionMatrix<T>::for_each_entry(Visit visit) const {
  for (std::int64_t r = 0; r < volume(g_.input); ++r) {
    const Index3 i = unflatten(r, g_.input);
    for (std::int64_t b = row_begin_[r]; b < row_begin_[r + 1]; ++b) {
      const Index3 o = unflatten(column_[b], g_.output);
      const Index3 k = unflatten(tap_[b], g_.kernel);
      for (std::int64_t grp = 0; grp < g_.groups; ++grp)
        for (std::int64_t ci = 0; ci < g_.in_per_group; ++ci)
          for (std::int64_t co = 0; co < g_.out_per_group; ++co)
            visit(grp * g_.in_per_group + ci, i, grp * g_.out_per_group + co, o,
                  weights_[g_.weight_at(grp, ci, co, k[0], k[1], k[2])]);
    }
  }
}

template <class T>
std::vector<T> ConvolutionMatrix<T>::to_dense() const {
  const std::int64_t columns = cols();
  std::vector<T> dense(static_cast<std::size_t>(checked_mul(rows(), columns, "dense matrix")),
                       T(0));
  for_each_entry([&](std::int64_t ci, const Index3& i, std::int64_t co, const Index3& o, T w) {
    const std::int64_t row = ci * volume(g_.input) + flatten(i, g_.input);
    const std::int64_t column = co * volume(g_.output) + flatten(o, g_.output);
    dense[static_cast<std::size_t>(row * columns + column)] = w;
  });
  return dense;
}

template <class T>
void ConvolutionMatrix<T>::multiply(std::span<const T> y_image, std::span<T> x_image) const {
  check_image_length(problem_, "y_image", y_image.size(), cols());
  check_image_length(problem_, "x_image", x_image.size(), rows());
  std::fill(x_image.begin(), x_image.end(), T(0));
  for_each_entry([&](std::int64_t ci, const Index3& i, std::int64_t co, const Index3& o, T w) {
    x_image[g_.input_at(0, ci, i[0], i[1], i[2])] +=
        w * y_image[g_.output_at(0, co, o[0], o[1], o[2])];
  });
}

template <class T>
void ConvolutionMatrix<T>::multiply_transposed(std::span<const T> x_image,
                                               std::span<T> y_image) const {
  check_image_length(problem_, "x_image", x_image.size(), rows());
  check_image_length(problem_, "y_image", y_image.size(), cols());
  std::fill(y_image.begin(), y_image.end(), T(0));
  for_each_entry([&](std::int64_t ci, const Index3& i, std::int64_t co, const Index3& o, T w) {
    y_image[g_.output_at(0, co, o[0], o[1], o[2])] +=
        w * x_image[g_.input_at(0, ci, i[0], i[1], i[2])];
  });
}

template <class T>
void conv_transpose_sparse_matrix(const Problem& p, std::span<const T> input,
                                  std::span<const T> weights, std::span<const T> bias,
                                  std::span<T> output) {
  const Geometry g = checked_geometry(p, input.size(), weights.size(), bias.size(), output.size());
  const ConvolutionMatrix<T> c(p, weights);
  // C of the whole batch is block-diagonal, this matrix once per image; an image is
  // contiguous in either layout, so each is a subspan.
  const auto x_length = static_cast<std::size_t>(c.rows());
  const auto y_length = static_cast<std::size_t>(c.cols());
  for (std::int64_t n = 0; n < g.batch; ++n) {
    const std::span<T> y = output.subspan(static_cast<std::size_t>(n) * y_length, y_length);
    c.multiply_transposed(input.subspan(static_cast<std::size_t>(n) * x_length, x_length), y);
    if (!g.has_bias) continue;
    for (std::int64_t co = 0; co < g.out_channels(); ++co)
      for (std::int64_t q = 0; q < volume(g.output); ++q) {
        const Index3 o = unflatten(q, g.output);
        y[g.output_at(0, co, o[0], o[1], o[2])] += bias[co];
      }
  }
}

#define TCONV_INSTANTIATE(T)                                                             \
  template class ConvolutionMatrix<T>;                                                   \
  template void conv_transpose_sparse_matrix<T>(const Problem&, std::span<const T>,     \
                                                std::span<const T>, std::span<const T>, \
                                                std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
