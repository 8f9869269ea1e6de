// Property 8: each framework's parameters resolve to the pads, output_padding and output
// sizes its documents state (framework_documents.h), and the framework's own
// explicit-padding form of the same operation runs identically.
#include "framework_documents.h"
#include "framework_generators.h"
#include "generators.h"
#include "properties.h"
#include "property_support.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

std::size_t spatial_index(Layout layout, std::size_t axis) {
  return (layout == Layout::ncx ? 2 : 1) + axis;
}
std::size_t channel_index(Layout layout, std::size_t rank) {
  return layout == Layout::ncx ? 1 : rank + 1;
}

// Resolves, failing the case with the framework call if the resolver rejects it.
template <class Params>
Problem resolve(const std::function<Problem(const Params&)>& resolver, const Params& c) {
  try {
    return resolver(c);
  } catch (const ProblemError& e) {
    RC_FAIL(describe(c) + " was rejected: " + e.what());
  }
}

// The resolved problem has the documented pads, output_padding and sizes.
template <class Params>
void require_documented(const std::function<Problem(const Params&)>& resolver, const Params& c,
                        const Problem& documented) {
  const Problem resolved = resolve(resolver, c);
  if (resolved != documented) {
    RC_FAIL(describe(c) + " resolves to " + to_string(resolved) + "; its documents give " +
            to_string(documented));
  }
}

// The framework call (resolved to p) and its explicit form (resolved to q) give the
// same output on the same data.
void require_same_run(const Problem& p, const std::string& call, const Problem& q,
                      const std::string& explicit_call, Implementations implementations) {
  if (input_shape(p) != input_shape(q) || weight_shape(p) != weight_shape(q) ||
      output_shape(p) != output_shape(q) || p.layout != q.layout ||
      p.weight_layout != q.weight_layout) {
    RC_FAIL(call + " resolves to " + to_string(p) + " but its explicit form " + explicit_call +
            " to the differently shaped " + to_string(q));
  }
  const auto data = *gen_integer_operands(p);
  for (const Implementation& impl : implementations) {
    require_same<Int>(p, impl.run<Int>(q, data.input, data.weights, data.bias),
                      impl.run<Int>(p, data.input, data.weights, data.bias),
                      impl.name + ": " + call + " against its explicit form " + explicit_call);
  }
}

std::string range_text(Int lo, Int hi) { return std::to_string(lo) + ".." + std::to_string(hi); }

}  // namespace

void tensorflow_conventions(const Resolvers& resolvers, Implementations implementations) {
  const TensorFlowConvTranspose c = *own_stream(__func__, gen_tensorflow());
  RC_TAG(to_string(c.padding));
  const std::size_t rank = c.strides.size();
  const Layout layout = c.data_format;
  Problem documented{.batch = c.input_shape[0],
                     .in_channels = c.filter_shape[rank + 1],
                     .out_channels = c.filter_shape[rank],
                     .groups = 1,
                     .axes = {},
                     .has_bias = c.bias_add,
                     .layout = layout,
                     .weight_layout = WeightLayout::xoi};
  TensorFlowConvTranspose explicit_form = c;
  explicit_form.padding = TensorFlowPadding::explicit_pads;
  explicit_form.explicit_paddings.clear();
  for (std::size_t a = 0; a < rank; ++a) {
    const Int input = c.input_shape[spatial_index(layout, a)],
              output = c.output_shape[spatial_index(layout, a)];
    const bool explicit_pads = c.padding == TensorFlowPadding::explicit_pads;
    const TensorFlowWindow w{.kernel = c.filter_shape[a],
                             .stride = c.strides[a],
                             .dilation = c.dilations[a],
                             .padding = c.padding,
                             .pad_before = explicit_pads ? c.explicit_paddings[a][0] : 0,
                             .pad_after = explicit_pads ? c.explicit_paddings[a][1] : 0};
    // TensorFlow's legal output_shape list: the documented range, each with forward size I.
    const documented::Range legal = documented::tensorflow_output_range(w, input);
    std::vector<Int> listed = tensorflow_output_sizes(w, input), expected_list;
    for (Int o = legal.lo; o <= legal.hi; ++o) expected_list.push_back(o);
    if (listed != expected_list) {
      RC_FAIL(describe(c) + ": axis " + std::to_string(a) + " lists " +
              std::to_string(listed.size()) + " legal output sizes, documented " +
              range_text(legal.lo, legal.hi));
    }
    for (Int o = 1; o <= legal.hi + w.stride; ++o) {
      if (tensorflow_forward_size(w, o) != documented::tensorflow_forward_size(w, o)) {
        RC_FAIL(describe(c) + ": axis " + std::to_string(a) + ": forward size of " +
                std::to_string(o) + " is " + std::to_string(tensorflow_forward_size(w, o)) +
                ", documented " + std::to_string(documented::tensorflow_forward_size(w, o)));
      }
    }
    const Int full = documented::full_size(input, w.kernel, w.stride, w.dilation);
    const documented::Pads pads = c.padding == TensorFlowPadding::same
                                      ? documented::tensorflow_same_pads(full, output)
                                  : explicit_pads ? documented::Pads{w.pad_before, w.pad_after}
                                                  : documented::Pads{0, 0};
    RC_CLASSIFY(pads.begin != pads.end, "asymmetric pads");
    documented.axes.push_back({.input = input,
                               .kernel = w.kernel,
                               .stride = w.stride,
                               .dilation = w.dilation,
                               .pad_begin = pads.begin,
                               .pad_end = pads.end,
                               .output_padding = output - (full - pads.begin - pads.end)});
    explicit_form.explicit_paddings.push_back({pads.begin, pads.end});
  }
  require_documented(resolvers.tensorflow, c, documented);
  require_same_run(resolve(resolvers.tensorflow, c), describe(c),
                   resolve(resolvers.tensorflow, explicit_form), describe(explicit_form),
                   implementations);
}

void keras_conventions(const Resolvers& resolvers, Implementations implementations) {
  const KerasConvTranspose c = *own_stream(__func__, gen_keras());
  RC_TAG(c.padding == KerasPadding::same ? "same" : "valid");
  RC_CLASSIFY(c.output_padding.has_value(), "output_padding");
  const std::size_t rank = c.kernel_size.size();
  const Layout layout = c.data_format;
  const Int batch = c.input_shape[0], channels = c.input_shape[channel_index(layout, rank)];
  Problem documented{.batch = batch,
                     .in_channels = channels,
                     .out_channels = c.filters,
                     .groups = 1,
                     .axes = {},
                     .has_bias = c.use_bias,
                     .layout = layout,
                     .weight_layout = WeightLayout::xoi};
  // Keras runs TensorFlow's conv_transpose on the output_shape deconv_output_length gives.
  TensorFlowConvTranspose explicit_form{.input_shape = c.input_shape,
                                        .filter_shape = c.kernel_size,
                                        .output_shape = {},
                                        .strides = c.strides,
                                        .dilations = c.dilation_rate,
                                        .padding = TensorFlowPadding::explicit_pads,
                                        .explicit_paddings = {},
                                        .data_format = layout,
                                        .bias_add = c.use_bias};
  explicit_form.filter_shape.push_back(c.filters);
  explicit_form.filter_shape.push_back(channels);
  std::vector<Int> output;
  bool tensorflow_accepts = true;
  for (std::size_t a = 0; a < rank; ++a) {
    const Int input = c.input_shape[spatial_index(layout, a)], k = c.kernel_size[a],
              s = c.strides[a], d = c.dilation_rate[a];
    const Int o = documented::keras_output_length(
        input, k, c.padding,
        c.output_padding ? std::optional<Int>((*c.output_padding)[a]) : std::nullopt, s, d);
    const TensorFlowWindow w{.kernel = k,
                             .stride = s,
                             .dilation = d,
                             .padding = c.padding == KerasPadding::same ? TensorFlowPadding::same
                                                                        : TensorFlowPadding::valid,
                             .pad_before = 0,
                             .pad_after = 0};
    tensorflow_accepts =
        tensorflow_accepts && o >= 1 && documented::tensorflow_forward_size(w, o) == input;
    const Int full = documented::full_size(input, k, s, d);
    const documented::Pads pads = c.padding == KerasPadding::same
                                      ? documented::tensorflow_same_pads(full, o)
                                      : documented::Pads{0, 0};
    documented.axes.push_back({.input = input,
                               .kernel = k,
                               .stride = s,
                               .dilation = d,
                               .pad_begin = pads.begin,
                               .pad_end = pads.end,
                               .output_padding = o - (full - pads.begin - pads.end)});
    explicit_form.explicit_paddings.push_back({pads.begin, pads.end});
    output.push_back(o);
  }
  RC_CLASSIFY(!tensorflow_accepts, "TensorFlow rejects the output_shape");
  if (!tensorflow_accepts) {
    try {
      const Problem p = resolvers.keras(c);
      RC_FAIL(describe(c) + " resolves to " + to_string(p) +
              ", but TensorFlow rejects the output_shape deconv_output_length gives");
    } catch (const ProblemError&) {
      return;  // rejected, as TensorFlow would
    }
  }
  explicit_form.output_shape = {batch};
  if (layout == Layout::ncx) explicit_form.output_shape.push_back(c.filters);
  explicit_form.output_shape.insert(explicit_form.output_shape.end(), output.begin(), output.end());
  if (layout == Layout::nxc) explicit_form.output_shape.push_back(c.filters);

  require_documented(resolvers.keras, c, documented);
  require_same_run(resolve(resolvers.keras, c), describe(c),
                   resolve(resolvers.tensorflow, explicit_form), describe(explicit_form),
                   implementations);
}

void onnx_conventions(const Resolvers& resolvers, Implementations implementations) {
  const OnnxConvTranspose c = *own_stream(__func__, gen_onnx());
  RC_TAG(std::string(to_string(c.auto_pad)) + (c.output_shape.empty() ? "" : " with output_shape"));
  const std::size_t rank = c.strides.size();
  Problem documented{.batch = c.x_shape[0],
                     .in_channels = c.x_shape[1],
                     .out_channels = c.w_shape[1] * c.group,
                     .groups = c.group,
                     .axes = {},
                     .has_bias = c.has_b,
                     .layout = Layout::ncx,
                     .weight_layout = WeightLayout::iox};
  OnnxConvTranspose explicit_form = c;
  explicit_form.auto_pad = OnnxAutoPad::notset;
  explicit_form.output_shape.clear();
  explicit_form.pads.assign(2 * rank, 0);
  const bool same = c.auto_pad == OnnxAutoPad::same_upper || c.auto_pad == OnnxAutoPad::same_lower;
  for (std::size_t a = 0; a < rank; ++a) {
    const Int input = c.x_shape[2 + a], k = c.w_shape[2 + a], s = c.strides[a], d = c.dilations[a],
              output_padding = c.output_padding[a];
    const Int unpadded = documented::full_size(input, k, s, d) + output_padding;
    documented::Pads pads{0, 0};
    if (!c.output_shape.empty() || same) {
      const Int target = c.output_shape.empty() ? input * s : c.output_shape[a];
      pads = documented::onnx_pads(c.auto_pad, unpadded - target);
    } else if (!c.pads.empty()) {
      pads = {c.pads[a], c.pads[rank + a]};
    }
    RC_CLASSIFY(pads.begin != pads.end, "asymmetric pads");
    documented.axes.push_back({.input = input,
                               .kernel = k,
                               .stride = s,
                               .dilation = d,
                               .pad_begin = pads.begin,
                               .pad_end = pads.end,
                               .output_padding = output_padding});
    explicit_form.pads[a] = pads.begin;
    explicit_form.pads[rank + a] = pads.end;
  }
  require_documented(resolvers.onnx, c, documented);
  require_same_run(resolve(resolvers.onnx, c), describe(c), resolve(resolvers.onnx, explicit_form),
                   describe(explicit_form), implementations);
}

void pytorch_conventions(const Resolvers& resolvers, Implementations implementations) {
  const PyTorchConvTranspose c = *own_stream(__func__, gen_pytorch());
  RC_CLASSIFY(c.output_size.has_value(), "output_size");
  const std::size_t rank = c.kernel_size.size();
  Problem documented{.batch = c.input_shape[0],
                     .in_channels = c.in_channels,
                     .out_channels = c.out_channels,
                     .groups = c.groups,
                     .axes = {},
                     .has_bias = c.bias,
                     .layout = Layout::ncx,
                     .weight_layout = WeightLayout::iox};
  PyTorchConvTranspose explicit_form = c;
  explicit_form.output_size.reset();
  explicit_form.output_padding.clear();
  for (std::size_t a = 0; a < rank; ++a) {
    const Int input = c.input_shape[2 + a], k = c.kernel_size[a], s = c.stride[a],
              d = c.dilation[a], padding = c.padding[a];
    // _output_padding: output_size − ((I−1)s − 2p + d(k−1) + 1).
    const Int least = documented::full_size(input, k, s, d) - 2 * padding;
    const Int output_padding = c.output_size ? (*c.output_size)[a] - least : c.output_padding[a];
    RC_CLASSIFY(output_padding >= s, "output_padding>=stride");
    documented.axes.push_back({.input = input,
                               .kernel = k,
                               .stride = s,
                               .dilation = d,
                               .pad_begin = padding,
                               .pad_end = padding,
                               .output_padding = output_padding});
    explicit_form.output_padding.push_back(output_padding);
  }
  require_documented(resolvers.pytorch, c, documented);
  require_same_run(resolve(resolvers.pytorch, c), describe(c),
                   resolve(resolvers.pytorch, explicit_form), describe(explicit_form),
                   implementations);
}

}  // namespace tconv::properties
