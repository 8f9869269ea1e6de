// Moving a problem's tensors between problems by logical coordinate: another storage
// layout, or one group's slice. The properties use these to state "the same tensor".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geometry.h"
#include "problem.h"

namespace tconv::properties {

enum class Side { input, output };

// The activation on one side of problem p (stored in p.layout), stored in `to` instead.
template <class T>
std::vector<T> relayout_activation(const Problem& p, Side side, std::span<const T> data, Layout to);

// The weights of problem p (stored in p.weight_layout), stored in `to` instead.
template <class T>
std::vector<T> relayout_weights(const Problem& p, std::span<const T> weights, WeightLayout to);

// The problem one group of p solves on its own: groups 1, Cin/g and Cout/g channels.
Problem single_group_problem(const Problem& p);

// Group j's channels of one side's activation, stored for single_group_problem(p).
template <class T>
std::vector<T> group_activation(const Problem& p, Side side, std::span<const T> data,
                                std::int64_t j);

// Group j's weights, stored for single_group_problem(p).
template <class T>
std::vector<T> group_weights(const Problem& p, std::span<const T> weights, std::int64_t j);

// Writes group j's output (of single_group_problem(p)) into its channels of p's output.
template <class T>
void place_group_output(const Problem& p, std::int64_t j, std::span<const T> group_output,
                        std::span<T> output);

// Calls f(z, y, x) for every position of a 3-D extent, x fastest.
template <class F>
void for_each_position(const Index3& extent, F&& f) {
  for (std::int64_t z = 0; z < extent[0]; ++z)
    for (std::int64_t y = 0; y < extent[1]; ++y)
      for (std::int64_t x = 0; x < extent[2]; ++x) f(z, y, x);
}

// Calls f(n, c, z, y, x) for every logical element of a [batch, channels, size] tensor.
template <class F>
void for_each_element(std::int64_t batch, std::int64_t channels, const Index3& size, F&& f) {
  for (std::int64_t n = 0; n < batch; ++n)
    for (std::int64_t c = 0; c < channels; ++c)
      for_each_position(size, [&](auto z, auto y, auto x) { f(n, c, z, y, x); });
}

// Calls f(g, ci, co, kz, ky, kx) for every weight of the geometry.
template <class F>
void for_each_weight(const Geometry& g, F&& f) {
  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
      for (std::int64_t co = 0; co < g.out_per_group; ++co)
        for_each_position(g.kernel, [&](auto kz, auto ky, auto kx) { f(grp, ci, co, kz, ky, kx); });
}

}  // namespace tconv::properties
