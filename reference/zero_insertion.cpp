// Formulation 3, zero insertion: the textbook reduction of a transposed convolution to
// a plain one.
//
// Spreading the input out with stride-1 zeros between its elements turns the stride
// into position; padding every axis by dilation·(kernel-1) lets each kernel tap reach
// every input element; the pads are then taken off that halo (a pad wider than it crops
// the spread input) and output_padding is added as zeros at the end. A stride-1
// correlation of that tensor with the spatially flipped kernel, channel roles swapped,
// gives the output at every position directly; positions no input reaches read only
// zeros and keep the bias.
//
// The work is tensor-wide, in xtensor: the problem's tensors are adapted into logical
// [N, C, z, y, x] order at the boundary, zeros are inserted by a strided view
// assignment, and the correlation adds one shifted window of the padded tensor per
// (output channel, input channel, tap).
#include "zero_insertion.h"

#include <algorithm>
#include <array>
#include <tuple>

#include <xtensor/xadapt.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>

#include "geometry.h"
#include "scalar.h"

namespace tconv {
namespace {

template <class T>
using Tensor5 = xt::xtensor<T, 5>;  // activations [N, C, z, y, x]
template <class T>
using Tensor6 = xt::xtensor<T, 6>;  // forward weights [group, Cout/g, Cin/g, kz, ky, kx]

using Shape5 = std::array<std::size_t, 5>;

std::size_t to_size(std::int64_t n) { return static_cast<std::size_t>(n); }

Shape5 activation_shape(std::int64_t batch, std::int64_t channels, const Index3& size) {
  return {to_size(batch), to_size(channels), to_size(size[0]), to_size(size[1]),
          to_size(size[2])};
}

// The strides an index object (ActivationIndex, WeightIndex) addresses its logical
// dimensions with, read off at unit coordinates; 0 on an axis of extent 1, as xtensor
// expects.
template <std::size_t D, class Index>
std::array<std::ptrdiff_t, D> strides_of(const Index& at, const std::array<std::size_t, D>& shape) {
  std::array<std::ptrdiff_t, D> strides{};
  for (std::size_t d = 0; d < D; ++d) {
    std::array<std::int64_t, D> unit{};
    unit[d] = 1;
    strides[d] = shape[d] == 1 ? 0 : std::apply(at, unit);
  }
  return strides;
}

// A problem tensor, in its own layout, seen in logical order.
template <class T, std::size_t D, class Index>
auto logical(std::span<T> data, const std::array<std::size_t, D>& shape, const Index& at) {
  return xt::adapt(data.data(), data.size(), xt::no_ownership(), shape, strides_of(at, shape));
}

// Step 1: zero insertion, then the pads. The input is first spread into the full
// halo-padded extent, then pad_begin / pad_end are cut off it.
template <class T>
Tensor5<T> zero_inserted(const Geometry& g, std::span<const T> input) {
  Index3 halo, spread, extent;
  for (int a = 0; a < 3; ++a) {
    halo[a] = g.dilation[a] * (g.kernel[a] - 1);
    spread[a] = (g.input[a] - 1) * g.stride[a] + 1;
    extent[a] = halo[a] + spread[a] + halo[a] + g.output_padding[a];
  }
  const auto spread_to = [&](int a) {
    return xt::range(halo[a], halo[a] + spread[a], g.stride[a]);
  };
  const auto kept = [&](int a) { return xt::range(g.pad_begin[a], extent[a] - g.pad_end[a]); };

  Tensor5<T> full(activation_shape(g.batch, g.in_channels(), extent), T(0));
  xt::view(full, xt::all(), xt::all(), spread_to(0), spread_to(1), spread_to(2)) =
      logical(input, activation_shape(g.batch, g.in_channels(), g.input), g.input_at);
  return xt::view(full, xt::all(), xt::all(), kept(0), kept(1), kept(2));
}

// Step 2: the problem's weight seen as [group, Cin/g, Cout/g, kz, ky, kx], channel roles
// swapped and every spatial axis flipped.
template <class T>
Tensor6<T> flipped(const Geometry& g, std::span<const T> weights) {
  const std::array<std::size_t, 6> shape{to_size(g.groups),    to_size(g.in_per_group),
                                         to_size(g.out_per_group), to_size(g.kernel[0]),
                                         to_size(g.kernel[1]), to_size(g.kernel[2])};
  const auto w = logical(weights, shape, g.weight_at);
  return xt::flip(xt::flip(xt::flip(xt::transpose(w, {0, 2, 1, 3, 4, 5}), 3), 4), 5);
}

Geometry checked_for_input(const Problem& p, std::size_t input) {
  return checked_geometry(p, input, to_size(weight_elements(p)), to_size(bias_elements(p)),
                          to_size(output_elements(p)));
}

Geometry checked_for_weights(const Problem& p, std::size_t weights) {
  return checked_geometry(p, to_size(input_elements(p)), weights, to_size(bias_elements(p)),
                          to_size(output_elements(p)));
}

}  // namespace

template <class T>
void conv_transpose_zero_insertion(const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output) {
  const Geometry g = checked_geometry(p, input.size(), weights.size(), bias.size(), output.size());
  const Tensor5<T> padded = zero_inserted(g, input);
  const Tensor6<T> forward_weight = flipped(g, weights);

  // Step 3: the stride-1 correlation, one tap at a time: output position o reads the
  // padded tensor at o + k·dilation.
  const Shape5 out_shape = activation_shape(g.batch, g.out_channels(), g.output);
  Tensor5<T> out(out_shape, T(0));
  for (std::int64_t co = 0; co < g.out_channels(); ++co) {
    if (g.has_bias) xt::view(out, xt::all(), co) = bias[co];
  }
  const auto window = [&](int a, std::int64_t k) {
    return xt::range(k * g.dilation[a], k * g.dilation[a] + g.output[a]);
  };
  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t co = 0; co < g.out_per_group; ++co)
      for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
        for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
          for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
            for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx)
              xt::view(out, xt::all(), grp * g.out_per_group + co) +=
                  forward_weight(grp, co, ci, kz, ky, kx) *
                  xt::view(padded, xt::all(), grp * g.in_per_group + ci, window(0, kz),
                           window(1, ky), window(2, kx));

  // Copied in logical order: assigning to the adaptor would reset it to row-major strides.
  auto logical_output = logical(output, out_shape, g.output_at);
  std::copy(out.begin(), out.end(), logical_output.begin());
}

template <class T>
std::vector<T> zero_inserted_input(const Problem& p, std::span<const T> input) {
  const Tensor5<T> padded = zero_inserted(checked_for_input(p, input.size()), input);
  return {padded.begin(), padded.end()};
}

template <class T>
std::vector<T> flipped_forward_weight(const Problem& p, std::span<const T> weights) {
  // [group, Cout/g, ...] flattens to [Cout, ...].
  const Tensor6<T> forward_weight = flipped(checked_for_weights(p, weights.size()), weights);
  return {forward_weight.begin(), forward_weight.end()};
}

#define TCONV_INSTANTIATE(T)                                                                   \
  template void conv_transpose_zero_insertion<T>(const Problem&, std::span<const T>,          \
                                                 std::span<const T>, std::span<const T>,      \
                                                 std::span<T>);                               \
  template std::vector<T> zero_inserted_input<T>(const Problem&, std::span<const T>);         \
  template std::vector<T> flipped_forward_weight<T>(const Problem&, std::span<const T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
