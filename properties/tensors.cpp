#include "tensors.h"

#include "scalar.h"

namespace tconv::properties {
namespace {

struct SideShape {
  std::int64_t channels;
  Index3 size;
};

SideShape side_shape(const Geometry& g, Side side) {
  return side == Side::input ? SideShape{g.in_channels(), g.input}
                             : SideShape{g.out_channels(), g.output};
}

}  // namespace

template <class T>
std::vector<T> relayout_activation(const Problem& p, Side side, std::span<const T> data,
                                   Layout to) {
  const Geometry g = make_geometry(p);
  const SideShape s = side_shape(g, side);
  const ActivationIndex from_at(p.layout, s.channels, s.size), to_at(to, s.channels, s.size);
  std::vector<T> result(data.size(), poison<T>());
  for_each_element(g.batch, s.channels, s.size, [&](auto n, auto c, auto z, auto y, auto x) {
    result[to_at(n, c, z, y, x)] = data[from_at(n, c, z, y, x)];
  });
  return result;
}

template <class T>
std::vector<T> relayout_weights(const Problem& p, std::span<const T> weights, WeightLayout to) {
  const Geometry g = make_geometry(p);
  const WeightIndex to_at(to, g.groups, g.in_per_group, g.out_per_group, g.kernel);
  std::vector<T> result(weights.size(), poison<T>());
  for_each_weight(g, [&](auto grp, auto ci, auto co, auto kz, auto ky, auto kx) {
    result[to_at(grp, ci, co, kz, ky, kx)] = weights[g.weight_at(grp, ci, co, kz, ky, kx)];
  });
  return result;
}

Problem single_group_problem(const Problem& p) {
  validate(p);
  Problem q = p;
  q.groups = 1;
  q.in_channels = p.in_channels / p.groups;
  q.out_channels = p.out_channels / p.groups;
  return q;
}

template <class T>
std::vector<T> group_activation(const Problem& p, Side side, std::span<const T> data,
                                std::int64_t j) {
  const Geometry g = make_geometry(p);
  const SideShape s = side_shape(g, side);
  const std::int64_t per_group = s.channels / g.groups;
  const ActivationIndex from_at(p.layout, s.channels, s.size), to_at(p.layout, per_group, s.size);
  std::vector<T> result(data.size() / static_cast<std::size_t>(g.groups), poison<T>());
  for_each_element(g.batch, per_group, s.size, [&](auto n, auto c, auto z, auto y, auto x) {
    result[to_at(n, c, z, y, x)] = data[from_at(n, j * per_group + c, z, y, x)];
  });
  return result;
}

template <class T>
std::vector<T> group_weights(const Problem& p, std::span<const T> weights, std::int64_t j) {
  const Geometry g = make_geometry(p);
  const WeightIndex to_at(p.weight_layout, 1, g.in_per_group, g.out_per_group, g.kernel);
  std::vector<T> result(weights.size() / static_cast<std::size_t>(g.groups), poison<T>());
  for_each_weight(g, [&](auto grp, auto ci, auto co, auto kz, auto ky, auto kx) {
    if (grp == j)
      result[to_at(0, ci, co, kz, ky, kx)] = weights[g.weight_at(grp, ci, co, kz, ky, kx)];
  });
  return result;
}

template <class T>
void place_group_output(const Problem& p, std::int64_t j, std::span<const T> group_output,
                        std::span<T> output) {
  const Geometry g = make_geometry(p);
  const ActivationIndex from_at(p.layout, g.out_per_group, g.output);
  for_each_element(g.batch, g.out_per_group, g.output, [&](auto n, auto c, auto z, auto y, auto x) {
    output[g.output_at(n, j * g.out_per_group + c, z, y, x)] = group_output[from_at(n, c, z, y, x)];
  });
}

#define TCONV_INSTANTIATE(T)                                                                     \
  template std::vector<T> relayout_activation<T>(const Problem&, Side, std::span<const T>,       \
                                                 Layout);                                        \
  template std::vector<T> relayout_weights<T>(const Problem&, std::span<const T>, WeightLayout); \
  template std::vector<T> group_activation<T>(const Problem&, Side, std::span<const T>,          \
                                              std::int64_t);                                     \
  template std::vector<T> group_weights<T>(const Problem&, std::span<const T>, std::int64_t);    \
  template void place_group_output<T>(const Problem&, std::int64_t, std::span<const T>,          \
                                      std::span<T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv::properties
