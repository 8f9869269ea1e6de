// One loop per direction with a switch at each place a mutation changes, so each mutant
// differs from the definition (docs/CONVENTIONS.md#training-directions) by one bug.
#include "backward_mutants.h"

#include <algorithm>
#include <cstdint>

#include "geometry.h"
#include "tensors.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

// a + b in two's complement: an accumulating mutant adds into the poison, and must not
// overflow doing it.
Int wrapping_add(Int a, Int b) {
  return static_cast<Int>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Where the gradient of (ci, co) in a group block is stored when the block is written
// in [Cout/g x Cin/g] order but read in [Cin/g x Cout/g] order: the same flat position
// in the block, decoded the other way.
std::pair<Int, Int> transposed_in_block(const Geometry& g, Int ci, Int co) {
  const Int flat = co * g.in_per_group + ci;
  return {flat / g.out_per_group, flat % g.out_per_group};
}

void mutant_weight_gradient(WeightGradientMutation m, const Problem& p, std::span<const Int> input,
                            std::span<const Int> grad_output, std::span<Int> grad_weights,
                            std::span<Int> grad_bias) {
  check_operand_sizes(p, input.size(), grad_weights.size(), grad_bias.size(), grad_output.size());
  const Geometry g = make_geometry(p);
  const auto gradient = [&](Int at) {
    const Int v = grad_output[static_cast<std::size_t>(at)];
    return m == WeightGradientMutation::relu_masked ? std::max<Int>(v, 0) : v;
  };
  const auto landing = [&](int a, Int i, Int k) {
    const Int dilation = m == WeightGradientMutation::dilation_ignored ? 1 : g.dilation[a];
    return i * g.stride[a] + k * dilation - g.pad_begin[a];
  };
  const auto inside = [&](int a, Int o) { return o >= 0 && o < g.output[a]; };
  if (m != WeightGradientMutation::accumulated) {
    std::fill(grad_weights.begin(), grad_weights.end(), Int(0));
    std::fill(grad_bias.begin(), grad_bias.end(), Int(0));
  }

  for_each_weight(g, [&](auto grp, auto ci, auto co, auto kz, auto ky, auto kx) {
    Int sum = 0;
    for_each_element(g.batch, 1, g.input, [&](auto n, auto, auto iz, auto iy, auto ix) {
      const Int oz = landing(0, iz, kz), oy = landing(1, iy, ky), ox = landing(2, ix, kx);
      if (!inside(0, oz) || !inside(1, oy) || !inside(2, ox)) return;
      sum += input[g.input_at(n, grp * g.in_per_group + ci, iz, iy, ix)] *
             gradient(g.output_at(n, grp * g.out_per_group + co, oz, oy, ox));
    });
    const auto [ci_at, co_at] = m == WeightGradientMutation::blocks_transposed
                                    ? transposed_in_block(g, ci, co)
                                    : std::pair<Int, Int>{ci, co};
    Int& out = grad_weights[g.weight_at(grp, ci_at, co_at, kz, ky, kx)];
    out = wrapping_add(out, sum);
  });

  if (!g.has_bias) return;
  const ActivationIndex bias_read_at(
      m == WeightGradientMutation::bias_over_wrong_axes ? Layout::ncx : p.layout,
      g.out_channels(), g.output);
  for_each_element(g.batch, g.out_channels(), g.output,
                   [&](auto n, auto c, auto z, auto y, auto x) {
                     Int& out = grad_bias[c];
                     out = wrapping_add(out, gradient(bias_read_at(n, c, z, y, x)));
                   });
}

void mutant_data_gradient(DataGradientMutation m, const Problem& p,
                          std::span<const Int> grad_output, std::span<const Int> weights,
                          std::span<Int> grad_input) {
  check_operand_sizes(p, grad_input.size(), weights.size(),
                      static_cast<std::size_t>(bias_elements(p)), grad_output.size());
  const Geometry g = make_geometry(p);
  const auto landing = [&](int a, Int i, Int k) {
    const Int pad = m == DataGradientMutation::pads_swapped ? g.pad_end[a] : g.pad_begin[a];
    return i * g.stride[a] + k * g.dilation[a] - pad;
  };
  const auto tap = [&](int a, Int k) {
    return m == DataGradientMutation::kernel_flipped ? g.kernel[a] - 1 - k : k;
  };
  for_each_element(g.batch, g.in_channels(), g.input, [&](auto n, auto c, auto iz, auto iy,
                                                          auto ix) {
    const Int grp = c / g.in_per_group, ci = c % g.in_per_group;
    Int sum = 0;
    for (Int co = 0; co < g.out_per_group; ++co)
      for_each_position(g.kernel, [&](auto kz, auto ky, auto kx) {
        const Int oz = landing(0, iz, kz), oy = landing(1, iy, ky), ox = landing(2, ix, kx);
        if (oz < 0 || oz >= g.output[0] || oy < 0 || oy >= g.output[1] || ox < 0 ||
            ox >= g.output[2])
          return;
        Int dy = grad_output[g.output_at(n, grp * g.out_per_group + co, oz, oy, ox)];
        if (m == DataGradientMutation::relu_masked) dy = std::max<Int>(dy, 0);
        sum += dy * weights[g.weight_at(grp, ci, co, tap(0, kz), tap(1, ky), tap(2, kx))];
      });
    grad_input[g.input_at(n, c, iz, iy, ix)] = sum;
  });
}

}  // namespace

const char* to_string(WeightGradientMutation m) {
  switch (m) {
    case WeightGradientMutation::blocks_transposed: return "blocks_transposed";
    case WeightGradientMutation::dilation_ignored: return "dilation_ignored";
    case WeightGradientMutation::bias_over_wrong_axes: return "bias_over_wrong_axes";
    case WeightGradientMutation::accumulated: return "accumulated";
    case WeightGradientMutation::relu_masked: return "relu_masked";
  }
  return "?";
}

const char* to_string(DataGradientMutation m) {
  switch (m) {
    case DataGradientMutation::pads_swapped: return "pads_swapped";
    case DataGradientMutation::kernel_flipped: return "kernel_flipped";
    case DataGradientMutation::relu_masked: return "relu_masked";
  }
  return "?";
}

WeightGradientImplementation weight_gradient_mutant(WeightGradientMutation m) {
  return {std::string("weight-gradient mutant ") + to_string(m),
          [m](const Problem& p, auto input, auto grad_output, auto grad_weights, auto grad_bias) {
            mutant_weight_gradient(m, p, input, grad_output, grad_weights, grad_bias);
          }};
}

DataGradientImplementation data_gradient_mutant(DataGradientMutation m) {
  return {std::string("data-gradient mutant ") + to_string(m),
          [m](const Problem& p, auto grad_output, auto weights, auto grad_input) {
            mutant_data_gradient(m, p, grad_output, weights, grad_input);
          }};
}

}  // namespace tconv::properties
