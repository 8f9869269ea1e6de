// Property 3: the transposed convolution inverts the forward convolution's shape.
#include <algorithm>
#include <set>
#include <sstream>

#include "generators.h"
#include "properties.h"
#include "property_support.h"

namespace tconv::properties {
namespace {

std::string describe(const std::set<std::int64_t>& sizes) {
  std::ostringstream s;
  s << "{";
  for (auto it = sizes.begin(); it != sizes.end(); ++it)
    s << (it == sizes.begin() ? "" : ", ") << *it;
  s << "}";
  return s.str();
}

}  // namespace

void shape_inversion(const ShapeRules& rules) {
  const ForwardAxis f = *own_stream(__func__, gen_forward_axis());
  RC_CLASSIFY(f.stride > 1, "stride>1");
  RC_CLASSIFY(f.dilation > f.stride, "dilation>stride");
  RC_CLASSIFY(f.pad_begin + f.pad_end > f.dilation * (f.kernel - 1), "pads beyond d(k-1)");
  const std::string forward = "forward convolution " + rc::toString(f);

  // The documented forward rule: o = floor(span / s) + 1, output_padding = span mod s.
  const std::int64_t span = f.input + f.pad_begin + f.pad_end - f.dilation * (f.kernel - 1) - 1;
  const ForwardShape shape =
      rules.forward(f.input, f.kernel, f.stride, f.pad_begin, f.pad_end, f.dilation);
  if (shape.output_size != span / f.stride + 1 || shape.output_padding != span % f.stride) {
    RC_FAIL(forward + ": shape (" + std::to_string(shape.output_size) + ", output_padding " +
            std::to_string(shape.output_padding) + "), documented (" +
            std::to_string(span / f.stride + 1) + ", output_padding " +
            std::to_string(span % f.stride) + ")");
  }
  const std::int64_t o = shape.output_size;
  const auto transposed = [&](std::int64_t output_padding) {
    return rules.transposed({.input = o,
                             .kernel = f.kernel,
                             .stride = f.stride,
                             .dilation = f.dilation,
                             .pad_begin = f.pad_begin,
                             .pad_end = f.pad_end,
                             .output_padding = output_padding});
  };
  const std::int64_t back = transposed(shape.output_padding);
  if (back != f.input) {
    RC_FAIL(forward + " gives " + std::to_string(o) +
            "; the transposed convolution with output_padding " +
            std::to_string(shape.output_padding) + " gives " + std::to_string(back) + ", not " +
            std::to_string(f.input));
  }

  // Every input the forward convolution maps to o lies within a stride of i.
  const std::int64_t largest_reached = f.input + std::max(f.stride, f.dilation);
  std::set<std::int64_t> preimage, reached;
  for (std::int64_t i = 1; i <= largest_reached; ++i) {
    const bool fits = i + f.pad_begin + f.pad_end >= f.dilation * (f.kernel - 1) + 1;
    if (fits &&
        rules.forward(i, f.kernel, f.stride, f.pad_begin, f.pad_end, f.dilation).output_size == o) {
      preimage.insert(i);
    }
  }
  for (std::int64_t a = 0; a < f.stride; ++a) {
    if (const std::int64_t size = transposed(a); size >= 1) reached.insert(size);  // else invalid
  }
  if (preimage != reached) {
    RC_FAIL(forward + ": the inputs mapped to " + std::to_string(o) + " are " + describe(preimage) +
            ", the transposed sizes over output_padding 0.." + std::to_string(f.stride - 1) +
            " are " + describe(reached));
  }
  // output_padding in [s, max(s, d)), legal when d > s, reaches sizes the forward
  // convolution maps past o.
  for (std::int64_t a = f.stride; a < std::max(f.stride, f.dilation); ++a) {
    if (preimage.contains(transposed(a))) {
      RC_FAIL(forward + ": output_padding " + std::to_string(a) + " >= stride gives size " +
              std::to_string(transposed(a)) + ", which the forward convolution maps to " +
              std::to_string(o));
    }
  }
}

}  // namespace tconv::properties
