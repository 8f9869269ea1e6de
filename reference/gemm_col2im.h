#pragma once

#include <cstddef>
#include <span>

#include "problem.h"

namespace tconv {

// Formulation 5, for speed: per image and group one matrix product (input positions ×
// Cin/g times Cin/g × taps·Cout/g) gives every column of the output, then col2im adds
// the columns onto the output where they land.
template <class T>
void conv_transpose_gemm_col2im(const Problem& p, std::span<const T> input,
                                std::span<const T> weights, std::span<const T> bias,
                                std::span<T> output);

// The columns buffer and the packed input positions it is computed from together stay
// within this many bytes (the input positions are tiled), but always hold at least one
// panel of positions. Small enough to stay in cache between the product and col2im: at
// 64 MiB (the whole product of most layers) the 3x512x512 bilinear layer of
// bench/layers.h took 2.7 times as long.
inline constexpr std::size_t kGemmCol2imDefaultBudget = std::size_t{4} << 20;

// The same with another budget; a budget of 1 byte makes every tile one panel, which is
// how the tests exercise the tiling on small problems.
template <class T>
void conv_transpose_gemm_col2im(const Problem& p, std::span<const T> input,
                                std::span<const T> weights, std::span<const T> bias,
                                std::span<T> output, std::size_t budget_bytes);

}  // namespace tconv
