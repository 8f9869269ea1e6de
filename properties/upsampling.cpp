// Property 10: up-sampling. With k = 2s and pads s/2 the bilinear kernel interpolates
// linearly; an all-ones kernel shows the checkerboard pattern unless s divides k.
#include <sstream>

#include "generators.h"
#include "geometry.h"
#include "properties.h"
#include "property_support.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

// The bilinear kernel of factor s scaled by 2s to integers: 2s − |2t − (2s − 1)|,
// i.e. 2s·(1 − |t − c|/s) with centre c = s − 1/2: reference/bilinear.h's kernel of
// size 2s, scaled so that the whole property is exact in integers.
Int bilinear_tap(Int s, Int t) { return 2 * s - std::abs(2 * t - (2 * s - 1)); }

}  // namespace

void bilinear_ramp(Implementations implementations) {
  const int rank = static_cast<int>(draw(1, 3));
  Problem p;
  p.batch = draw(1, 2);
  p.groups = p.in_channels = p.out_channels = draw(1, 3);  // each channel up-sampled on its own
  p.layout = pick({Layout::ncx, Layout::nxc});
  p.weight_layout = pick({WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi});
  for (int a = 0; a < rank; ++a) {
    const Int s = draw(1, rank == 3 ? 3 : 5);
    p.axes.push_back({.input = draw(2, rank == 1 ? 8 : 4),
                      .kernel = 2 * s,
                      .stride = s,
                      .dilation = 1,
                      .pad_begin = s / 2,
                      .pad_end = s / 2,
                      .output_padding = 0});
  }
  RC_TAG(std::to_string(rank) + "-D");
  const Geometry g = make_geometry(p);
  const int first = 3 - rank;  // the problem's axes in the 3-D geometry

  std::vector<Int> weights(static_cast<std::size_t>(weight_elements(p)));
  for_each_weight(g, [&](auto grp, auto ci, auto co, auto kz, auto ky, auto kx) {
    const Index3 t{kz, ky, kx};
    Int w = 1;
    for (int a = first; a < 3; ++a) w *= bilinear_tap(g.stride[a], t[a]);
    weights[g.weight_at(grp, ci, co, kz, ky, kx)] = w;
  });
  // x = offset[n, c] + Σ slope[a]·i[a].
  Index3 slope{0, 0, 0};
  for (int a = first; a < 3; ++a) slope[a] = draw(-3, 3);
  const auto offsets = *gen_integers(static_cast<std::size_t>(g.batch * g.in_channels()), 3);
  std::vector<Int> input(static_cast<std::size_t>(input_elements(p)));
  for_each_element(g.batch, g.in_channels(), g.input, [&](auto n, auto c, auto z, auto y, auto x) {
    input[g.input_at(n, c, z, y, x)] =
        offsets[n * g.in_channels() + c] + slope[0] * z + slope[1] * y + slope[2] * x;
  });

  // Away from the borders (both taps on each axis read an input) the output is the ramp
  // sampled at (o + p + 1/2)/s − 1, scaled by Π 2s: per axis Σ_t w(t)·i(t) = 2(o + p) − 2s + 1.
  Int scale = 1;
  for (int a = first; a < 3; ++a) scale *= 2 * g.stride[a];
  for (const Implementation& impl : implementations) {
    const std::vector<Int> output = run_written<Int>(impl, p, input, weights, {});
    std::vector<Int> expected = output;
    for_each_element(
        g.batch, g.out_channels(), g.output, [&](auto n, auto c, auto z, auto y, auto x) {
          const Index3 o{z, y, x};
          Int value = offsets[n * g.in_channels() + c] * scale;
          for (int a = first; a < 3; ++a) {
            const Int s = g.stride[a], nearest = (o[a] + g.pad_begin[a]) / s;
            if (nearest < 1 || nearest > g.input[a] - 1) return;  // a border element
            value += slope[a] * (scale / (2 * s)) * (2 * (o[a] + g.pad_begin[a]) - 2 * s + 1);
          }
          expected[g.output_at(n, c, z, y, x)] = value;
        });
    require_same<Int>(p, expected, output,
                      impl.name + ": bilinear kernel on a ramp with slopes " +
                          std::to_string(slope[0]) + "," + std::to_string(slope[1]) + "," +
                          std::to_string(slope[2]) + " (z,y,x), scaled by " +
                          std::to_string(scale));
  }
}

void checkerboard(Implementations implementations) {
  const Int k = draw(1, 7), s = draw(1, 5);
  const Int input = 2 + (k + s - 1) / s + draw(0, 2);  // the interior spans at least s outputs
  const Int pad = draw(0, k - 1);
  const Problem p{.batch = 1,
                  .in_channels = 1,
                  .out_channels = 1,
                  .groups = 1,
                  .axes = {{.input = input,
                            .kernel = k,
                            .stride = s,
                            .dilation = 1,
                            .pad_begin = pad,
                            .pad_end = pad,
                            .output_padding = 0}}};
  const bool divides = k % s == 0;
  RC_CLASSIFY(divides, "s divides k");
  RC_CLASSIFY(!divides, "checkerboard");
  const Int level = draw(1, 3);
  const std::vector<Int> constant(static_cast<std::size_t>(input), level),
      ones(static_cast<std::size_t>(k), 1);

  for (const Implementation& impl : implementations) {
    const std::vector<Int> output = run_written<Int>(impl, p, constant, ones, {});
    // The interior: every tap reads an input, o + pad in [k − 1, (input − 1)·s].
    std::ostringstream interior;
    bool flat = true;
    for (Int o = k - 1 - pad; o <= (input - 1) * s - pad; ++o) {
      interior << (o == k - 1 - pad ? "" : " ") << output[static_cast<std::size_t>(o)];
      flat = flat &&
             output[static_cast<std::size_t>(o)] == output[static_cast<std::size_t>(k - 1 - pad)];
    }
    if (flat != divides) {
      RC_FAIL(impl.name + ": " + to_string(p) + ": all-ones kernel on the constant " +
              std::to_string(level) + " gives the interior [" + interior.str() + "], which is " +
              (flat ? "" : "not ") + "constant though s " +
              (divides ? "divides" : "does not divide") + " k");
    }
  }
}

}  // namespace tconv::properties
