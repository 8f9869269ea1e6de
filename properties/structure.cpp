// Properties 5, 6 and 7: groups, translation and layouts.
#include "generators.h"
#include "geometry.h"
#include "properties.h"
#include "property_support.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

const char* axis_name(const Problem& p, int axis) {
  static const char* const kNames[3][3] = {{"w"}, {"h", "w"}, {"d", "h", "w"}};
  return kNames[p.rank() - 1][axis];
}

}  // namespace

void group_decomposition(Implementations implementations) {
  const Problem p = *own_stream(__func__, gen_problem({.min_groups = 2}));
  classify(p);
  const auto data = *gen_integer_operands(p);
  const Problem single = single_group_problem(p);
  for (const Implementation& impl : implementations) {
    std::vector<Int> side_by_side(static_cast<std::size_t>(output_elements(p)), poison<Int>());
    for (std::int64_t j = 0; j < p.groups; ++j) {
      const std::vector<Int> bias =
          p.has_bias ? std::vector<Int>(data.bias.begin() + j * single.out_channels,
                                        data.bias.begin() + (j + 1) * single.out_channels)
                     : std::vector<Int>{};
      const std::vector<Int> group_output =
          run_written<Int>(impl, single, group_activation<Int>(p, Side::input, data.input, j),
                           group_weights<Int>(p, data.weights, j), bias);
      place_group_output<Int>(p, j, group_output, side_by_side);
    }
    require_same<Int>(p, side_by_side, impl.run<Int>(p, data.input, data.weights, data.bias),
                      impl.name + ": grouped against its " + std::to_string(p.groups) +
                          " groups run one by one (" + to_string(single) + ")");
  }
}

void translation(Implementations implementations) {
  const Problem p = *own_stream(__func__, gen_problem({.min_input = 2}));
  classify(p);
  const int axis = static_cast<int>(draw(0, p.rank() - 1));
  const auto data = *gen_integer_operands(p);
  const Geometry g = make_geometry(p);
  const int a = 3 - p.rank() + axis;  // the axis in the 3-D geometry
  const auto moved = [&](Index3 position, std::int64_t by) {
    position[a] += by;
    return position;
  };

  // x has a zero last slice along the axis, so that shifting it loses nothing.
  std::vector<Int> input = data.input, shifted(input.size(), 0);
  for_each_element(g.batch, g.in_channels(), g.input, [&](auto n, auto c, auto z, auto y, auto x) {
    const Index3 at{z, y, x};
    if (at[a] == g.input[a] - 1) input[g.input_at(n, c, z, y, x)] = 0;
  });
  for_each_element(g.batch, g.in_channels(), g.input, [&](auto n, auto c, auto z, auto y, auto x) {
    const Index3 to = moved({z, y, x}, 1);
    if (to[a] < g.input[a])
      shifted[g.input_at(n, c, to[0], to[1], to[2])] = input[g.input_at(n, c, z, y, x)];
  });

  const std::int64_t stride = g.stride[a];
  for (const Implementation& impl : implementations) {
    const std::vector<Int> output = run_written<Int>(impl, p, input, data.weights, data.bias);
    const std::vector<Int> shifted_output =
        run_written<Int>(impl, p, shifted, data.weights, data.bias);
    std::vector<Int> expected = shifted_output;  // the first `stride` elements are not compared
    for_each_element(g.batch, g.out_channels(), g.output,
                     [&](auto n, auto c, auto z, auto y, auto x) {
                       const Index3 from = moved({z, y, x}, -stride);
                       if (from[a] >= 0)
                         expected[g.output_at(n, c, z, y, x)] =
                             output[g.output_at(n, c, from[0], from[1], from[2])];
                     });
    require_same<Int>(p, expected, shifted_output,
                      impl.name + ": input shifted by 1 along " + axis_name(p, axis) +
                          " against the output shifted by the stride " + std::to_string(stride));
  }
}

void layout_invariance(Implementations implementations) {
  const Problem p = *own_stream(__func__, gen_problem());
  classify(p);
  const auto data = *gen_integer_operands(p);
  Problem other = p;
  other.layout = pick({Layout::ncx, Layout::nxc});
  other.weight_layout = pick({WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi});
  const std::vector<Int> input = relayout_activation<Int>(p, Side::input, data.input, other.layout);
  const std::vector<Int> weights = relayout_weights<Int>(p, data.weights, other.weight_layout);
  for (const Implementation& impl : implementations) {
    const std::vector<Int> other_output = run_written<Int>(impl, other, input, weights, data.bias);
    require_same<Int>(p, relayout_activation<Int>(other, Side::output, other_output, p.layout),
                      impl.run<Int>(p, data.input, data.weights, data.bias),
                      impl.name + ": against the same tensors stored as " + to_string(other));
  }
}

}  // namespace tconv::properties
