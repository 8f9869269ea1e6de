#include "geometry.h"

namespace tconv {

ActivationIndex::ActivationIndex(Layout layout, std::int64_t channels, const Index3& size) {
  const std::int64_t spatial = size[0] * size[1] * size[2];
  x_ = layout == Layout::ncx ? 1 : channels;
  y_ = x_ * size[2];
  z_ = y_ * size[1];
  c_ = layout == Layout::ncx ? spatial : 1;
  n_ = channels * spatial;
}

WeightIndex::WeightIndex(WeightLayout layout, std::int64_t groups, std::int64_t in_per_group,
                         std::int64_t out_per_group, const Index3& kernel) {
  const std::int64_t taps = kernel[0] * kernel[1] * kernel[2];
  switch (layout) {
    case WeightLayout::iox:  // [Cin, Cout/g, kz, ky, kx]
      kx_ = 1;
      co_ = taps;
      ci_ = out_per_group * taps;
      g_ = in_per_group * ci_;
      break;
    case WeightLayout::oix:  // [Cout, Cin/g, kz, ky, kx]
      kx_ = 1;
      ci_ = taps;
      co_ = in_per_group * taps;
      g_ = out_per_group * co_;
      break;
    case WeightLayout::xoi:  // [kz, ky, kx, Cout/g, Cin]
      ci_ = 1;
      g_ = in_per_group;
      co_ = groups * in_per_group;
      kx_ = out_per_group * co_;
      break;
  }
  ky_ = kx_ * kernel[2];
  kz_ = ky_ * kernel[1];
}

Geometry make_geometry(const Problem& p) {
  validate(p);
  Index3 input{1, 1, 1}, output{1, 1, 1}, kernel{1, 1, 1}, stride{1, 1, 1}, dilation{1, 1, 1},
      pad_begin{0, 0, 0}, pad_end{0, 0, 0}, output_padding{0, 0, 0};
  const int shift = 3 - p.rank();
  for (int a = 0; a < p.rank(); ++a) {
    const Axis& axis = p.axes[a];
    input[shift + a] = axis.input;
    output[shift + a] = output_size(axis);
    kernel[shift + a] = axis.kernel;
    stride[shift + a] = axis.stride;
    dilation[shift + a] = axis.dilation;
    pad_begin[shift + a] = axis.pad_begin;
    pad_end[shift + a] = axis.pad_end;
    output_padding[shift + a] = axis.output_padding;
  }
  const std::int64_t in_g = p.in_channels / p.groups, out_g = p.out_channels / p.groups;
  return Geometry{p.batch,
                  p.groups,
                  in_g,
                  out_g,
                  input,
                  output,
                  kernel,
                  stride,
                  dilation,
                  pad_begin,
                  pad_end,
                  output_padding,
                  p.has_bias,
                  ActivationIndex(p.layout, p.in_channels, input),
                  ActivationIndex(p.layout, p.out_channels, output),
                  WeightIndex(p.weight_layout, p.groups, in_g, out_g, kernel)};
}

Geometry checked_geometry(const Problem& p, std::size_t input, std::size_t weights,
                          std::size_t bias, std::size_t output) {
  check_operand_sizes(p, input, weights, bias, output);
  return make_geometry(p);
}

}  // namespace tconv
