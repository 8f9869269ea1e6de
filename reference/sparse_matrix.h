#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geometry.h"
#include "problem.h"

namespace tconv {

// Formulation 2: build the explicit (block-)sparse matrix C of the forward
// convolution and multiply the input by its transpose.
template <class T>
void conv_transpose_sparse_matrix(const Problem& p, std::span<const T> input,
                                  std::span<const T> weights, std::span<const T> bias,
                                  std::span<T> output);

// The forward convolution C of ONE image as an explicit matrix: row = one element of the
// transposed convolution's input (x-space), column = one element of its output
// (y-space), and C[x][y] = the weight tap that connects them. Over a batch C is
// block-diagonal with this same matrix on every image, so one image's C is all there is.
//
// Stored block-sparse (BSR): block rows are x-space spatial positions, block columns
// y-space spatial positions, and a stored block is one kernel tap, i.e. the
// [Cin/g x Cout/g] weight slice of each group (zero across groups). A block is kept as
// the index of its tap into the weights, never as copied values, so the matrix costs
// two integers per (input position, tap) however many channels there are.
template <class T>
class ConvolutionMatrix {
 public:
  // Validates the problem and the weights' length (ProblemError). The weights are
  // referenced, not copied: they must outlive the matrix.
  ConvolutionMatrix(const Problem& p, std::span<const T> weights);

  std::int64_t rows() const;           // Cin · prod(input sizes)
  std::int64_t cols() const;           // Cout · prod(output sizes)
  std::int64_t stored_blocks() const;  // (x position, y position) pairs some tap connects

  // The dense rows x cols matrix, row-major; rows and columns in channels-first
  // logical order (c, z, y, x) whatever the problem's layouts.
  std::vector<T> to_dense() const;

  // Products with one image, each in the problem's activation layout (for ncx, the
  // to_dense() order). Operand lengths are checked (ProblemError); the result is
  // overwritten, every element of it.
  void multiply(std::span<const T> y_image, std::span<T> x_image) const;             // x = C y
  void multiply_transposed(std::span<const T> x_image, std::span<T> y_image) const;  // y = Cᵀx

 private:
  // Calls visit(ci, x position, co, y position, weight) for every structurally
  // nonzero entry C[ci, x position][co, y position]; channels are global indices.
  template <class Visit>
  void for_each_entry(Visit visit) const;

  Problem problem_;  // for error messages
  Geometry g_;
  std::span<const T> weights_;
  std::vector<std::int64_t> row_begin_;  // blocks of x position r: [row_begin_[r], row_begin_[r+1])
  std::vector<std::int64_t> column_;     // per block: its y spatial position
  std::vector<std::int64_t> tap_;        // per block: its tap, (kz, ky, kx) flattened
};

}  // namespace tconv
