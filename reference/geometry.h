// A validated problem seen as a 3-D one, and the offset of every logical element in
// its tensors. This is shared addressing only: each reference keeps its own loops.
//
// Rank-1 and rank-2 problems are right-aligned into three spatial axes (z, y, x) with
// the missing outer axes set to size 1, kernel 1, stride 1, dilation 1, no padding,
// so every reference is written once for 3-D (docs/CONVENTIONS.md#rank).
#pragma once

#include <array>
#include <cstdint>

#include "problem.h"

namespace tconv {

using Index3 = std::array<std::int64_t, 3>;

// Strides of a 5-D tensor addressed by logical (n, c, z, y, x).
class ActivationIndex {
 public:
  ActivationIndex(Layout layout, std::int64_t channels, const Index3& size);
  std::int64_t operator()(std::int64_t n, std::int64_t c, std::int64_t z, std::int64_t y,
                          std::int64_t x) const {
    return n * n_ + c * c_ + z * z_ + y * y_ + x * x_;
  }

 private:
  std::int64_t n_, c_, z_, y_, x_;
};

// Weights addressed by (group, channel within the group's inputs, channel within the
// group's outputs, kz, ky, kx), whatever the weight layout.
class WeightIndex {
 public:
  WeightIndex(WeightLayout layout, std::int64_t groups, std::int64_t in_per_group,
              std::int64_t out_per_group, const Index3& kernel);
  std::int64_t operator()(std::int64_t g, std::int64_t ci, std::int64_t co, std::int64_t kz,
                          std::int64_t ky, std::int64_t kx) const {
    return g * g_ + ci * ci_ + co * co_ + kz * kz_ + ky * ky_ + kx * kx_;
  }

 private:
  std::int64_t g_ = 0, ci_ = 0, co_ = 0, kz_ = 0, ky_ = 0, kx_ = 0;
};

struct Geometry {
  std::int64_t batch, groups, in_per_group, out_per_group;
  Index3 input, output, kernel, stride, dilation, pad_begin, pad_end, output_padding;
  bool has_bias;
  ActivationIndex input_at, output_at;  // offsets into the input / output tensors
  WeightIndex weight_at;

  std::int64_t in_channels() const { return groups * in_per_group; }
  std::int64_t out_channels() const { return groups * out_per_group; }
};

// Validates the problem (throws ProblemError) and builds its 3-D geometry.
Geometry make_geometry(const Problem& p);

// The boundary check every reference runs first: validates the problem and the
// operand lengths (throws ProblemError naming the tensor), then builds the geometry.
Geometry checked_geometry(const Problem& p, std::size_t input, std::size_t weights,
                          std::size_t bias, std::size_t output);

}  // namespace tconv
