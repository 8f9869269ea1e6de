// Conversions from each framework's parameters to tconv::Problem. docs/FRAMEWORKS.md
// states each mapping and rule with its source; the comments here name the source file
// or document a rule comes from.
#include "frameworks.h"

#include <algorithm>
#include <string>
#include <utility>

namespace tconv {
namespace {

using Shape = std::vector<std::int64_t>;

std::string list(const Shape& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string indexed(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

// One framework's rules: every failure reads "<framework>.<field> = <value>: <rule>".
class Rules {
 public:
  explicit Rules(std::string framework) : framework_(std::move(framework)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& value,
                         const std::string& rule) const {
    throw ProblemError(framework_ + "." + field + " = " + value + ": " + rule);
  }
  [[noreturn]] void fail(const std::string& field, std::int64_t value,
                         const std::string& rule) const {
    fail(field, std::to_string(value), rule);
  }
  void at_least(const std::string& field, std::int64_t value, std::int64_t minimum) const {
    if (value < minimum) fail(field, value, "must be >= " + std::to_string(minimum));
  }
  void each_at_least(const std::string& field, const Shape& values, std::int64_t minimum) const {
    for (std::size_t i = 0; i < values.size(); ++i) at_least(indexed(field, i), values[i], minimum);
  }
  // One entry per spatial axis, each >= minimum. An empty list means `fallback` on
  // every axis where the framework has a default.
  Shape per_axis(const std::string& field, const Shape& values, std::size_t rank,
                 std::optional<std::int64_t> fallback, std::int64_t minimum) const {
    if (values.empty() && fallback) return Shape(rank, *fallback);
    if (values.size() != rank) {
      fail(field, list(values), "must have " + std::to_string(rank) + " entries, one per spatial axis");
    }
    each_at_least(field, values, minimum);
    return values;
  }
  // The name checked arithmetic reports when a size computation overflows.
  std::string what(const std::string& computation) const { return framework_ + " " + computation; }

 private:
  std::string framework_;
};

struct Activation {
  std::int64_t batch, channels;
  Shape spatial;
};

std::size_t channel_index(Layout layout, std::size_t size) {
  return layout == Layout::ncx ? 1 : size - 1;
}
std::size_t spatial_index(Layout layout, std::size_t axis) {
  return (layout == Layout::ncx ? 2 : 1) + axis;
}

// An activation shape with 1 to 3 spatial axes and every size >= 1, in `layout` order.
Activation split(const Rules& rules, const std::string& field, const Shape& shape, Layout layout) {
  if (shape.size() < 3 || shape.size() > 5) {
    rules.fail(field, list(shape), "must have 3 to 5 entries: batch, channels and 1 to 3 spatial axes");
  }
  rules.each_at_least(field, shape, 1);
  Activation a{shape.front(), shape[channel_index(layout, shape.size())], {}};
  for (std::size_t i = 0; i + 2 < shape.size(); ++i) a.spatial.push_back(shape[spatial_index(layout, i)]);
  return a;
}

Shape join(Layout layout, std::int64_t batch, std::int64_t channels, const Shape& spatial) {
  Shape shape{batch};
  if (layout == Layout::ncx) shape.push_back(channels);
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  if (layout == Layout::nxc) shape.push_back(channels);
  return shape;
}

// d·(k−1)+1, the extent of a dilated kernel.
std::int64_t extent(std::int64_t kernel, std::int64_t dilation, const std::string& what) {
  return checked_add(checked_mul(dilation, kernel - 1, what), 1, what);
}

// (I−1)·s + d·(k−1)+1, the transposed convolution's output before pads and output_padding.
std::int64_t full_size(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                       std::int64_t dilation, const std::string& what) {
  return checked_add(checked_mul(input - 1, stride, what), extent(kernel, dilation, what), what);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace

// ---- Forward convolution shape inversion -------------------------------------------

ForwardShape forward_convolution_shape(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                       std::int64_t pad_begin, std::int64_t pad_end,
                                       std::int64_t dilation) {
  const Rules rules("forward_convolution");
  rules.at_least("input", input, 1);
  rules.at_least("kernel", kernel, 1);
  rules.at_least("stride", stride, 1);
  rules.at_least("dilation", dilation, 1);
  rules.at_least("pad_begin", pad_begin, 0);
  rules.at_least("pad_end", pad_end, 0);
  const std::string what = rules.what("output size");
  // The last window starts at most i + pb + pe − extent past the first.
  const std::int64_t span = checked_add(checked_add(input, pad_begin, what),
                                        checked_add(pad_end, -extent(kernel, dilation, what), what),
                                        what);
  if (span < 0) {
    rules.fail("input", input, "plus pads " + std::to_string(pad_begin) + " + " +
                                   std::to_string(pad_end) + " is shorter than the kernel extent " +
                                   std::to_string(extent(kernel, dilation, what)));
  }
  return {span / stride + 1, span % stride};
}

// ---- PyTorch -----------------------------------------------------------------------

Problem resolve_pytorch(const PyTorchConvTranspose& c) {
  const Rules rules("pytorch");
  const Activation x = split(rules, "input_shape", c.input_shape, Layout::ncx);
  const std::size_t rank = x.spatial.size();
  const Shape kernel = rules.per_axis("kernel_size", c.kernel_size, rank, std::nullopt, 1);
  // aten check_shape_forward (Convolution.cpp): "non-positive stride is not supported",
  // "negative padding / output_padding is not supported", "dilation should be greater than zero".
  const Shape stride = rules.per_axis("stride", c.stride, rank, 1, 1);
  const Shape padding = rules.per_axis("padding", c.padding, rank, 0, 0);
  // torch/nn/modules/conv.py _ConvTransposeNd._output_padding: with output_size, forward()
  // derives the output_padding it passes on from output_size and never reads (nor does
  // the constructor check) the module's own, so it is ignored here too.
  const Shape output_padding =
      c.output_size ? Shape{} : rules.per_axis("output_padding", c.output_padding, rank, 0, 0);
  const Shape dilation = rules.per_axis("dilation", c.dilation, rank, 1, 1);
  // torch/nn/modules/conv.py _ConvNd.__init__: "groups must be a positive integer",
  // "in_channels must be divisible by groups", "out_channels must be divisible by groups".
  rules.at_least("in_channels", c.in_channels, 1);
  rules.at_least("out_channels", c.out_channels, 1);
  rules.at_least("groups", c.groups, 1);
  for (const auto& [name, channels] : {std::pair<std::string, std::int64_t>{"in_channels", c.in_channels},
                                       {"out_channels", c.out_channels}}) {
    if (channels % c.groups != 0) {
      rules.fail("groups", c.groups, "must divide " + name + " = " + std::to_string(channels));
    }
  }
  // The weight [in_channels, out/groups, k...] meets the input's channel dimension.
  if (x.channels != c.in_channels) {
    rules.fail("input_shape[1]", x.channels, "must equal in_channels = " + std::to_string(c.in_channels));
  }
  if (c.output_size) rules.per_axis("output_size", *c.output_size, rank, std::nullopt, 1);

  Problem p{.batch = x.batch, .in_channels = c.in_channels, .out_channels = c.out_channels,
            .groups = c.groups, .axes = {}, .has_bias = c.bias, .layout = Layout::ncx,
            .weight_layout = WeightLayout::iox};
  for (std::size_t a = 0; a < rank; ++a) {
    const std::string what = rules.what("axis " + std::to_string(a) + " output size");
    // _ConvTransposeNd._output_padding: min = (I−1)s − 2p + d(k−1) + 1, max = min + s − 1.
    const std::int64_t min = checked_add(full_size(x.spatial[a], kernel[a], stride[a], dilation[a], what),
                                         checked_mul(-2, padding[a], what), what);
    std::int64_t extra;
    if (c.output_size) {
      const std::int64_t size = (*c.output_size)[a];
      const std::int64_t max = checked_add(min, stride[a] - 1, what);
      if (size < min || size > max) {
        rules.fail(indexed("output_size", a), size,
                   "valid sizes range from " + std::to_string(min) + " to " + std::to_string(max) +
                       " (for an input of " + std::to_string(x.spatial[a]) + ")");
      }
      extra = size - min;
    } else {
      // aten slow_conv_transpose{2,3}d_shape_check (NaiveConvolutionTranspose2d.cpp):
      // "output padding must be smaller than either stride or dilation".
      extra = output_padding[a];
      const std::int64_t limit = std::max(stride[a], dilation[a]);
      if (extra >= limit) {
        rules.fail(indexed("output_padding", a), extra,
                   "must be < max(stride, dilation) = " + std::to_string(limit));
      }
    }
    // aten: "Output size is too small".
    const std::int64_t out = checked_add(min, extra, what);
    if (out < 1) {
      rules.fail(indexed("padding", a), padding[a],
                 "leaves output size " + std::to_string(out) + " (must be >= 1)");
    }
    p.axes.push_back({.input = x.spatial[a], .kernel = kernel[a], .stride = stride[a],
                      .dilation = dilation[a], .pad_begin = padding[a], .pad_end = padding[a],
                      .output_padding = extra});
  }
  validate(p);
  return p;
}

// ---- TensorFlow --------------------------------------------------------------------

namespace {

struct Range {
  std::int64_t lo, hi;  // empty when lo > hi
};

// Closed form of the sizes tensorflow_output_sizes lists.
Range tensorflow_output_range(const TensorFlowWindow& w, std::int64_t input) {
  const std::string what = "tensorflow legal output_shape";
  if (w.padding == TensorFlowPadding::same) {
    // ceil(O/s) = I  <=>  (I−1)s < O <= I·s.
    return {checked_add(checked_mul(input - 1, w.stride, what), 1, what), checked_mul(input, w.stride, what)};
  }
  // floor((O + pb + pe − extent)/s) + 1 = I  <=>  O + pb + pe − extent in [(I−1)s, (I−1)s + s − 1].
  const bool pads = w.padding == TensorFlowPadding::explicit_pads;
  const std::int64_t least = checked_add(full_size(input, w.kernel, w.stride, w.dilation, what),
                                         -checked_add(pads ? w.pad_before : 0, pads ? w.pad_after : 0, what),
                                         what);
  return {std::max<std::int64_t>(least, 1), checked_add(least, w.stride - 1, what)};
}

}  // namespace

std::int64_t tensorflow_forward_size(const TensorFlowWindow& w, std::int64_t size) {
  // tensorflow/core/framework/kernel_shape_util.cc GetWindowedOutputSizeVerbose. TF's
  // integer division truncates; it differs from floor only where the size is negative,
  // which TF rejects ("Computed output size would be negative") and no input matches.
  const std::string what = "tensorflow forward output size";
  if (w.padding == TensorFlowPadding::same) return checked_add(size, w.stride - 1, what) / w.stride;
  const bool pads = w.padding == TensorFlowPadding::explicit_pads;
  const std::int64_t padded =
      checked_add(size, checked_add(pads ? w.pad_before : 0, pads ? w.pad_after : 0, what), what);
  return floor_div(checked_add(padded, -extent(w.kernel, w.dilation, what), what), w.stride) + 1;
}

std::vector<std::int64_t> tensorflow_output_sizes(const TensorFlowWindow& w, std::int64_t input) {
  const Range r = tensorflow_output_range(w, input);
  std::vector<std::int64_t> sizes;
  for (std::int64_t o = r.lo; o <= r.hi; ++o) sizes.push_back(o);
  return sizes;
}

Problem resolve_tensorflow(const TensorFlowConvTranspose& c) {
  const Rules rules("tensorflow");
  const Activation x = split(rules, "input_shape", c.input_shape, c.data_format);
  const std::size_t rank = x.spatial.size();
  // nn_ops.py conv_transpose: output_shape is required, one entry per dimension.
  if (c.output_shape.size() != rank + 2) {
    rules.fail("output_shape", list(c.output_shape), "must have the input's " + std::to_string(rank + 2) + " entries");
  }
  const Activation y = split(rules, "output_shape", c.output_shape, c.data_format);
  if (c.filter_shape.size() != rank + 2) {
    rules.fail("filter_shape", list(c.filter_shape),
               "must have " + std::to_string(rank + 2) + " entries [k..., out_channels, in_channels]");
  }
  rules.each_at_least("filter_shape", c.filter_shape, 1);
  const Shape strides = rules.per_axis("strides", c.strides, rank, 1, 1);
  const Shape dilations = rules.per_axis("dilations", c.dilations, rank, 1, 1);
  // nn_ops.py conv2d_transpose: "input channels does not match filter's input channels",
  // "output_shape does not match filter's output channels"; batches agree.
  const std::int64_t in_channels = c.filter_shape[rank + 1], out_channels = c.filter_shape[rank];
  const std::size_t channel = channel_index(c.data_format, rank + 2);
  if (x.channels != in_channels) {
    rules.fail(indexed("input_shape", channel), x.channels,
               "must equal the filter's in_channels filter_shape[" + std::to_string(rank + 1) +
                   "] = " + std::to_string(in_channels));
  }
  if (y.channels != out_channels) {
    rules.fail(indexed("output_shape", channel), y.channels,
               "must equal the filter's out_channels filter_shape[" + std::to_string(rank) +
                   "] = " + std::to_string(out_channels));
  }
  if (y.batch != x.batch) {
    rules.fail("output_shape[0]", y.batch, "must equal the input's batch " + std::to_string(x.batch));
  }
  // core/util/padding.cc CheckValidPadding: explicit paddings only with EXPLICIT, non-negative.
  const bool explicit_pads = c.padding == TensorFlowPadding::explicit_pads;
  if (c.explicit_paddings.size() != (explicit_pads ? rank : 0)) {
    rules.fail("explicit_paddings", std::to_string(c.explicit_paddings.size()) + " pairs",
               explicit_pads ? "must give one {before, after} pair per spatial axis"
                             : "must be empty unless padding is EXPLICIT");
  }
  for (std::size_t a = 0; a < c.explicit_paddings.size(); ++a) {
    rules.each_at_least(indexed("explicit_paddings", a),
                        {c.explicit_paddings[a][0], c.explicit_paddings[a][1]}, 0);
  }

  Problem p{.batch = x.batch, .in_channels = in_channels, .out_channels = out_channels,
            .groups = 1, .axes = {}, .has_bias = c.bias_add, .layout = c.data_format,
            .weight_layout = WeightLayout::xoi};
  for (std::size_t a = 0; a < rank; ++a) {
    const std::string what = rules.what("axis " + std::to_string(a) + " pads");
    const std::int64_t kernel = c.filter_shape[a], input = x.spatial[a], output = y.spatial[a];
    TensorFlowWindow w{.kernel = kernel, .stride = strides[a], .dilation = dilations[a],
                       .padding = c.padding, .pad_before = 0, .pad_after = 0};
    if (explicit_pads) {
      w.pad_before = c.explicit_paddings[a][0];
      w.pad_after = c.explicit_paddings[a][1];
    }
    // conv_grad_shape_utils.cc ConvBackpropComputeDimensionsV2: the forward convolution
    // of output_shape must give the input ("Size of out_backprop doesn't match computed").
    const std::int64_t forward = tensorflow_forward_size(w, output);
    if (forward != input) {
      const Range legal = tensorflow_output_range(w, input);
      rules.fail(indexed("output_shape", spatial_index(c.data_format, a)), output,
                 "its forward convolution has size " + std::to_string(forward) + ", not the input's " +
                     std::to_string(input) +
                     (legal.lo > legal.hi ? "; no output size gives it"
                                          : "; legal sizes are " + std::to_string(legal.lo) + " to " +
                                                std::to_string(legal.hi)));
    }
    const std::int64_t full = full_size(input, kernel, strides[a], dilations[a], what);
    if (c.padding == TensorFlowPadding::same) {
      // GetWindowedOutputSizeVerbose SAME: the odd unit of padding goes at the end.
      const std::int64_t total = std::max<std::int64_t>(checked_add(full, -output, what), 0);
      w.pad_before = total / 2;
      w.pad_after = total - w.pad_before;
    }
    const std::int64_t kept = checked_add(full, -checked_add(w.pad_before, w.pad_after, what), what);
    p.axes.push_back({.input = input, .kernel = kernel, .stride = strides[a], .dilation = dilations[a],
                      .pad_begin = w.pad_before, .pad_end = w.pad_after,
                      .output_padding = checked_add(output, -kept, what)});
  }
  validate(p);
  return p;
}

// ---- Keras -------------------------------------------------------------------------

std::int64_t keras_output_length(std::int64_t input, std::int64_t kernel, KerasPadding padding,
                                 std::optional<std::int64_t> output_padding, std::int64_t stride,
                                 std::int64_t dilation) {
  // keras/utils/conv_utils.py deconv_output_length (tf-keras), the same formulas as
  // keras/src/backend/common/backend_utils.py compute_conv_transpose_output_length (Keras 3).
  const std::string what = "keras deconv_output_length";
  const std::int64_t ek = extent(kernel, dilation, what);
  const std::int64_t scaled = checked_mul(input, stride, what);
  if (!output_padding) {
    return padding == KerasPadding::valid ? checked_add(scaled, std::max<std::int64_t>(ek - stride, 0), what)
                                          : scaled;
  }
  const std::int64_t pad = padding == KerasPadding::same ? ek / 2 : 0;
  return checked_add(full_size(input, kernel, stride, dilation, what), *output_padding - 2 * pad, what);
}

Problem resolve_keras(const KerasConvTranspose& c) {
  const Rules rules("keras");
  const Activation x = split(rules, "input_shape", c.input_shape, c.data_format);
  const std::size_t rank = x.spatial.size();
  // keras/src/layers/convolutional/base_conv_transpose.py BaseConvTranspose.__init__:
  // filters > 0, kernel_size and strides without 0, and strides > 1 excludes dilation_rate > 1
  // (tf-keras: Conv._validate_init).
  rules.at_least("filters", c.filters, 1);
  const Shape kernel = rules.per_axis("kernel_size", c.kernel_size, rank, std::nullopt, 1);
  const Shape strides = rules.per_axis("strides", c.strides, rank, 1, 1);
  const Shape dilation = rules.per_axis("dilation_rate", c.dilation_rate, rank, 1, 1);
  if (*std::max_element(strides.begin(), strides.end()) > 1 &&
      *std::max_element(dilation.begin(), dilation.end()) > 1) {
    rules.fail("strides", list(strides),
               "strides > 1 not supported in conjunction with dilation_rate > 1 = " + list(dilation));
  }
  // tf-keras conv{1,2,3}d_transpose.py __init__: "Strides must be greater than output padding".
  std::optional<Shape> output_padding;
  if (c.output_padding) {
    output_padding = rules.per_axis("output_padding", *c.output_padding, rank, std::nullopt, 0);
    for (std::size_t a = 0; a < rank; ++a) {
      if ((*output_padding)[a] >= strides[a]) {
        rules.fail(indexed("output_padding", a), (*output_padding)[a],
                   "must be < strides[" + std::to_string(a) + "] = " + std::to_string(strides[a]));
      }
    }
  }

  Shape output;
  for (std::size_t a = 0; a < rank; ++a) {
    output.push_back(keras_output_length(
        x.spatial[a], kernel[a], c.padding,
        output_padding ? std::optional<std::int64_t>((*output_padding)[a]) : std::nullopt, strides[a],
        dilation[a]));
  }
  Shape filter = kernel;
  filter.push_back(c.filters);
  filter.push_back(x.channels);
  const TensorFlowConvTranspose tf{
      .input_shape = c.input_shape, .filter_shape = filter,
      .output_shape = join(c.data_format, x.batch, c.filters, output), .strides = strides,
      .dilations = dilation,
      .padding = c.padding == KerasPadding::same ? TensorFlowPadding::same : TensorFlowPadding::valid,
      .explicit_paddings = {}, .data_format = c.data_format, .bias_add = c.use_bias};
  try {
    return resolve_tensorflow(tf);
  } catch (const ProblemError& e) {
    rules.fail("output_padding", output_padding ? list(*output_padding) : "None",
               "gives output_shape " + list(tf.output_shape) +
                   " (deconv_output_length), which TensorFlow's conv_transpose rejects: " + e.what());
  }
}

// ---- ONNX --------------------------------------------------------------------------

namespace {
const char* to_string(OnnxAutoPad p) {
  switch (p) {
    case OnnxAutoPad::notset: return "NOTSET";
    case OnnxAutoPad::same_upper: return "SAME_UPPER";
    case OnnxAutoPad::same_lower: return "SAME_LOWER";
    case OnnxAutoPad::valid: return "VALID";
  }
  return "?";
}

struct Pads {
  std::int64_t begin, end;
};

// The doc text's split of total_padding: SAME_UPPER begin = total/2, end = total − total/2;
// every other mode the reverse. total/2 is floored, as onnx/reference/ops/op_conv_transpose.py
// computes it (`total_padding[i] // 2`); it matters only for a negative total.
Pads onnx_generated_pads(std::int64_t total, OnnxAutoPad auto_pad) {
  const std::int64_t half = floor_div(total, 2);
  if (auto_pad == OnnxAutoPad::same_upper) return {half, total - half};
  return {total - half, half};
}
}  // namespace

Problem resolve_onnx(const OnnxConvTranspose& c) {
  // onnx/defs/nn/defs.cc: the ConvTranspose doc text, convTransposeShapeInference and the
  // attribute docs; onnxruntime conv_transpose_attributes.h for W and group.
  const Rules rules("onnx");
  const Activation x = split(rules, "X.shape", c.x_shape, Layout::ncx);
  const std::size_t rank = x.spatial.size();
  if (c.w_shape.size() != rank + 2) {
    rules.fail("W.shape", list(c.w_shape), "must have X's " + std::to_string(rank + 2) + " entries [C, M/group, k...]");
  }
  rules.each_at_least("W.shape", c.w_shape, 1);
  // onnxruntime: "filter number not equal to input channel number",
  // "Input channels is not divisible by group", "group count is <= 0".
  if (c.w_shape[0] != x.channels) {
    rules.fail("W.shape[0]", c.w_shape[0], "must equal X's channels C = " + std::to_string(x.channels));
  }
  rules.at_least("group", c.group, 1);
  if (x.channels % c.group != 0) {
    rules.fail("group", c.group, "must divide X's channels C = " + std::to_string(x.channels));
  }
  const Shape kernel(c.w_shape.begin() + 2, c.w_shape.end());
  // onnxruntime ComputeKernelShape: a given kernel_shape must agree with W.
  if (!c.kernel_shape.empty() && c.kernel_shape != kernel) {
    rules.fail("kernel_shape", list(c.kernel_shape), "must equal W's spatial dims " + list(kernel));
  }
  const Shape strides = rules.per_axis("strides", c.strides, rank, 1, 1);
  const Shape dilations = rules.per_axis("dilations", c.dilations, rank, 1, 1);
  const Shape output_padding = rules.per_axis("output_padding", c.output_padding, rank, 0, 0);
  // Attribute doc: "Each padding value in output_padding must be less than the
  // corresponding stride/dilation dimension" (read as PyTorch's max(stride, dilation)).
  const auto limit = [&](std::size_t a) { return std::max(strides[a], dilations[a]); };
  const auto below_limit = [&](std::size_t a) {
    return "must be < max(strides, dilations) = " + std::to_string(limit(a));
  };
  for (std::size_t a = 0; a < rank; ++a) {
    if (output_padding[a] >= limit(a)) {
      rules.fail(indexed("output_padding", a), output_padding[a], below_limit(a));
    }
  }
  // The pads attribute is checked as given (convTransposeShapeInference: size, not with
  // auto_pad; the pads doc: >= 0) even where output_shape makes ONNX ignore its values.
  if (!c.pads.empty()) {
    if (c.pads.size() != 2 * rank) {
      rules.fail("pads", list(c.pads), "must have " + std::to_string(2 * rank) + " entries [x1_begin, ..., x1_end, ...]");
    }
    rules.each_at_least("pads", c.pads, 0);
    if (c.auto_pad != OnnxAutoPad::notset) {
      rules.fail("pads", list(c.pads), std::string("cannot be used with auto_pad = ") + to_string(c.auto_pad));
    }
  }
  const bool has_output_shape = !c.output_shape.empty();
  if (has_output_shape) rules.per_axis("output_shape", c.output_shape, rank, std::nullopt, 1);

  const std::string what_channels = rules.what("output channels");
  Problem p{.batch = x.batch, .in_channels = x.channels,
            .out_channels = checked_mul(c.w_shape[1], c.group, what_channels), .groups = c.group,
            .axes = {}, .has_bias = c.has_b, .layout = Layout::ncx, .weight_layout = WeightLayout::iox};
  const bool same = c.auto_pad == OnnxAutoPad::same_upper || c.auto_pad == OnnxAutoPad::same_lower;
  for (std::size_t a = 0; a < rank; ++a) {
    const std::string what = rules.what("axis " + std::to_string(a) + " output size");
    // output_shape[i] = s(I−1) + output_padding + ((k−1)d + 1) − pads[start] − pads[end].
    const std::int64_t full = full_size(x.spatial[a], kernel[a], strides[a], dilations[a], what);
    const std::int64_t unpadded = checked_add(full, output_padding[a], what);
    Pads pads{c.pads.empty() ? 0 : c.pads[a], c.pads.empty() ? 0 : c.pads[a + rank]};
    std::int64_t extra = output_padding[a];
    if (has_output_shape || same) {
      // The output_shape attribute doc: "If output_shape is specified pads values are
      // ignored"; they are generated from it, or for SAME_* from output_shape = I·s:
      //   total_padding = s(I−1) + output_padding + ((k−1)d + 1) − output_shape.
      const std::int64_t target =
          has_output_shape ? c.output_shape[a] : checked_mul(x.spatial[a], strides[a], what);
      const std::int64_t total = checked_add(unpadded, -target, what);
      pads = onnx_generated_pads(total, c.auto_pad);
      const auto fail = [&](const std::string& rule) {
        const std::string why = rule + " (total_padding " + std::to_string(total) + " = " +
                                std::to_string(unpadded) + " - " + std::to_string(target) + ")";
        if (has_output_shape) rules.fail(indexed("output_shape", a), target, why);
        rules.fail("auto_pad", to_string(c.auto_pad), why);
      };
      // A negative generated pad adds elements instead of removing them. At the begin
      // the model cannot express that; at the end it is that much more output_padding.
      if (pads.begin < 0) {
        fail("generates pads[" + std::to_string(a) + "] = " + std::to_string(pads.begin) +
             ", a negative begin pad on axis " + std::to_string(a) + ", which the model cannot express");
      }
      if (pads.end < 0) {
        extra = checked_add(output_padding[a], -pads.end, what);
        if (extra >= limit(a)) {
          fail("generates pads[" + std::to_string(a + rank) + "] = " + std::to_string(pads.end) +
               ", a negative end pad on axis " + std::to_string(a) + ", i.e. output_padding[" +
               std::to_string(a) + "] = " + std::to_string(extra) + ", which " + below_limit(a));
        }
        pads.end = 0;
      }
    }
    const std::int64_t out =
        checked_add(checked_add(full, extra, what), -checked_add(pads.begin, pads.end, what), what);
    if (out < 1) {
      rules.fail("pads", list(c.pads), "leave output size " + std::to_string(out) + " on axis " +
                                           std::to_string(a) + " (must be >= 1)");
    }
    p.axes.push_back({.input = x.spatial[a], .kernel = kernel[a], .stride = strides[a],
                      .dilation = dilations[a], .pad_begin = pads.begin, .pad_end = pads.end,
                      .output_padding = extra});
  }
  validate(p);
  return p;
}

}  // namespace tconv
