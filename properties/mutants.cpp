// One scatter loop (the shape of reference/direct_scatter.cpp) with a switch at each
// place a mutation changes, so each mutant differs from the definition by one bug.
#include "mutants.h"

#include <cmath>
#include <type_traits>

#include "geometry.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

template <class T>
T round_to_bfloat16(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    int exponent;
    const T significand = std::frexp(v, &exponent);  // in [0.5, 1)
    return std::ldexp(std::round(std::ldexp(significand, 8)), exponent - 8);
  } else {
    return v;
  }
}

template <class T>
void mutant_conv_transpose(Mutation m, const Problem& p, std::span<const T> input,
                           std::span<const T> weights, std::span<const T> bias,
                           std::span<T> output) {
  check_operand_sizes(p, input.size(), weights.size(), bias.size(), output.size());
  Problem addressed = p;
  if (m == Mutation::layout_ignored) addressed.layout = Layout::ncx;
  if (m == Mutation::weight_layout_ignored) addressed.weight_layout = WeightLayout::iox;
  const Geometry g = make_geometry(addressed);

  const auto operand = [&](T v) {
    return m == Mutation::bfloat16_operands ? round_to_bfloat16(v) : v;
  };
  const auto channel = [&](std::int64_t grp, std::int64_t c, std::int64_t per_group) {
    return m == Mutation::groups_interleaved ? c * g.groups + grp : grp * per_group + c;
  };
  const auto source = [&](int a, std::int64_t i) {
    return m == Mutation::input_flipped ? g.input[a] - 1 - i : i;
  };
  const auto tap = [&](int a, std::int64_t k) {
    return m == Mutation::kernel_flipped ? g.kernel[a] - 1 - k : k;
  };
  const auto landing = [&](int a, std::int64_t i, std::int64_t k) {
    if (m == Mutation::stride_dilation_swapped)
      return i * g.dilation[a] + k * g.stride[a] - g.pad_begin[a];
    if (m == Mutation::pads_swapped) return i * g.stride[a] + k * g.dilation[a] - g.pad_end[a];
    return i * g.stride[a] + k * g.dilation[a] - g.pad_begin[a];
  };
  const auto lands = [&](int a, std::int64_t o) {
    const std::int64_t end =
        m == Mutation::output_padding_ignored ? g.output[a] - g.output_padding[a] : g.output[a];
    return o >= 0 && o < end;
  };
  const bool bias_first =
      g.has_bias && m != Mutation::bias_per_contribution && m != Mutation::bias_where_reached;
  const auto bias_of = [&](std::int64_t co) { return operand(bias[static_cast<std::size_t>(co)]); };

  for_each_element(g.batch, g.out_channels(), g.output,
                   [&](auto n, auto co, auto z, auto y, auto x) {
                     output[g.output_at(n, co, z, y, x)] = bias_first ? bias_of(co) : T(0);
                   });
  std::vector<bool> reached(output.size(), false);
  for_each_element(
      g.batch, g.in_channels(), g.input, [&](auto n, auto c_in, auto iz, auto iy, auto ix) {
        const std::int64_t grp = c_in / g.in_per_group, ci = c_in % g.in_per_group;
        const T value = operand(input[g.input_at(n, channel(grp, ci, g.in_per_group), source(0, iz),
                                                 source(1, iy), source(2, ix))]);
        for (std::int64_t co = 0; co < g.out_per_group; ++co)
          for_each_position(g.kernel, [&](auto kz, auto ky, auto kx) {
            const std::int64_t oz = landing(0, iz, kz), oy = landing(1, iy, ky),
                               ox = landing(2, ix, kx);
            if (!lands(0, oz) || !lands(1, oy) || !lands(2, ox)) return;
            const std::int64_t c_out = channel(grp, co, g.out_per_group);
            const std::int64_t at = g.output_at(n, c_out, oz, oy, ox);
            output[at] +=
                value *
                operand(weights[g.weight_at(grp, ci, co, tap(0, kz), tap(1, ky), tap(2, kx))]);
            if (m == Mutation::bias_per_contribution && g.has_bias) output[at] += bias_of(c_out);
            reached[at] = true;
          });
      });
  for_each_element(g.batch, g.out_channels(), g.output,
                   [&](auto n, auto co, auto z, auto y, auto x) {
                     T& out = output[g.output_at(n, co, z, y, x)];
                     if (m == Mutation::bias_where_reached && g.has_bias &&
                         reached[g.output_at(n, co, z, y, x)]) {
                       out += bias_of(co);
                     }
                     if (m == Mutation::fused_relu && out < T(0)) out = T(0);
                   });
}

}  // namespace

const char* to_string(Mutation m) {
  switch (m) {
    case Mutation::pads_swapped: return "pads_swapped";
    case Mutation::kernel_flipped: return "kernel_flipped";
    case Mutation::input_flipped: return "input_flipped";
    case Mutation::stride_dilation_swapped: return "stride_dilation_swapped";
    case Mutation::output_padding_ignored: return "output_padding_ignored";
    case Mutation::groups_interleaved: return "groups_interleaved";
    case Mutation::bias_per_contribution: return "bias_per_contribution";
    case Mutation::bias_where_reached: return "bias_where_reached";
    case Mutation::layout_ignored: return "layout_ignored";
    case Mutation::weight_layout_ignored: return "weight_layout_ignored";
    case Mutation::fused_relu: return "fused_relu";
    case Mutation::bfloat16_operands: return "bfloat16_operands";
  }
  return "?";
}

Implementation mutant(Mutation m) {
  return make_implementation(
      std::string("mutant ") + to_string(m),
      [m](const Problem& p, auto input, auto weights, auto bias, auto output) {
        mutant_conv_transpose(m, p, input, weights, bias, output);
      });
}

}  // namespace tconv::properties
