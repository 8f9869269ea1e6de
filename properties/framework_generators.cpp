#include "framework_generators.h"

#include <algorithm>
#include <sstream>

#include "framework_documents.h"
#include "generators.h"

namespace tconv::properties {
namespace {

using Shape = std::vector<std::int64_t>;

// One spatial axis, kept small on 3-D problems so every case runs in microseconds.
struct Window {
  std::int64_t kernel, stride, dilation, input;
};
Window draw_window(int rank) {
  const bool small = rank == 3;
  Window w;
  w.kernel = draw(1, small ? 3 : 5);
  w.stride = draw(1, small ? 3 : 4);
  w.dilation = draw(1, small ? 2 : 3);
  w.input = draw(1, small ? 3 : 5);
  return w;
}

Shape join(Layout layout, std::int64_t batch, std::int64_t channels, const Shape& spatial) {
  Shape shape{batch};
  if (layout == Layout::ncx) shape.push_back(channels);
  shape.insert(shape.end(), spatial.begin(), spatial.end());
  if (layout == Layout::nxc) shape.push_back(channels);
  return shape;
}

std::string list(const Shape& v) {
  std::ostringstream s;
  s << "[";
  for (std::size_t i = 0; i < v.size(); ++i) s << (i ? "," : "") << v[i];
  s << "]";
  return s.str();
}

const char* layout_name(Layout l) { return l == Layout::ncx ? "channels_first" : "channels_last"; }

}  // namespace

rc::Gen<TensorFlowConvTranspose> gen_tensorflow() {
  return rc::gen::exec([] {
    const int rank = static_cast<int>(draw(1, 3));
    TensorFlowConvTranspose c;
    c.padding =
        pick({TensorFlowPadding::same, TensorFlowPadding::valid, TensorFlowPadding::explicit_pads});
    c.data_format = pick({Layout::nxc, Layout::ncx});
    c.bias_add = pick({false, true});
    const std::int64_t batch = draw(1, 2), in = draw(1, 3), out = draw(1, 3);
    Shape input, output, kernel;
    for (int a = 0; a < rank; ++a) {
      const Window win = draw_window(rank);
      TensorFlowWindow w{.kernel = win.kernel,
                         .stride = win.stride,
                         .dilation = win.dilation,
                         .padding = c.padding,
                         .pad_before = 0,
                         .pad_after = 0};
      if (c.padding == TensorFlowPadding::explicit_pads) {
        // Some output size remains legal: pb + pe <= full + s − 2.
        const std::int64_t most =
            documented::full_size(win.input, win.kernel, win.stride, win.dilation) + win.stride - 2;
        w.pad_before = draw(0, most);
        w.pad_after = draw(0, most - w.pad_before);
        c.explicit_paddings.push_back({w.pad_before, w.pad_after});
      }
      const documented::Range legal = documented::tensorflow_output_range(w, win.input);
      input.push_back(win.input);
      output.push_back(draw(legal.lo, legal.hi));
      kernel.push_back(win.kernel);
      c.strides.push_back(win.stride);
      c.dilations.push_back(win.dilation);
    }
    c.input_shape = join(c.data_format, batch, in, input);
    c.output_shape = join(c.data_format, batch, out, output);
    c.filter_shape = kernel;
    c.filter_shape.push_back(out);
    c.filter_shape.push_back(in);
    return c;
  });
}

rc::Gen<KerasConvTranspose> gen_keras() {
  return rc::gen::exec([] {
    const int rank = static_cast<int>(draw(1, 3));
    KerasConvTranspose c;
    c.padding = pick({KerasPadding::valid, KerasPadding::same});
    c.data_format = pick({Layout::nxc, Layout::ncx});
    c.use_bias = pick({false, true});
    c.filters = draw(1, 3);
    const std::int64_t batch = draw(1, 2), channels = draw(1, 3);
    const bool dilated = pick({false, true});  // else strided: never both
    const bool with_output_padding = pick({false, true});
    Shape input, output_padding;
    for (int a = 0; a < rank; ++a) {
      const Window win = draw_window(rank);
      input.push_back(win.input);
      c.kernel_size.push_back(win.kernel);
      c.strides.push_back(dilated ? 1 : win.stride);
      c.dilation_rate.push_back(dilated ? win.dilation : 1);
      output_padding.push_back(draw(0, c.strides.back() - 1));
    }
    if (with_output_padding) c.output_padding = output_padding;
    c.input_shape = join(c.data_format, batch, channels, input);
    return c;
  });
}

rc::Gen<OnnxConvTranspose> gen_onnx() {
  return rc::gen::exec([] {
    const int rank = static_cast<int>(draw(1, 3));
    OnnxConvTranspose c;
    const bool with_output_shape = draw(0, 4) == 4;
    c.auto_pad = with_output_shape ? OnnxAutoPad::notset
                                   : pick({OnnxAutoPad::notset, OnnxAutoPad::same_upper,
                                           OnnxAutoPad::same_lower, OnnxAutoPad::valid});
    const bool same =
        c.auto_pad == OnnxAutoPad::same_upper || c.auto_pad == OnnxAutoPad::same_lower;
    const bool explicit_pads = c.auto_pad == OnnxAutoPad::notset && !with_output_shape;
    c.group = draw(1, 3);
    c.has_b = pick({false, true});
    const std::int64_t batch = draw(1, 2), channels = c.group * draw(1, 2),
                       outputs_per_group = draw(1, 3);
    Shape input, kernel, begins, ends;
    for (int a = 0; a < rank; ++a) {
      const Window win = draw_window(rank);
      const std::int64_t extent = win.dilation * (win.kernel - 1) + 1;
      const std::int64_t limit = std::max(win.stride, win.dilation);
      // SAME aims at I·s, which needs total padding ek − s + output_padding >= 0.
      const std::int64_t output_padding =
          draw(same ? std::max<std::int64_t>(0, win.stride - extent) : 0, limit - 1);
      const std::int64_t unpadded =
          documented::full_size(win.input, win.kernel, win.stride, win.dilation) + output_padding;
      if (explicit_pads) {
        begins.push_back(draw(0, unpadded - 1));
        ends.push_back(draw(0, unpadded - 1 - begins.back()));
      }
      if (with_output_shape) c.output_shape.push_back(draw(1, unpadded));
      input.push_back(win.input);
      kernel.push_back(win.kernel);
      c.strides.push_back(win.stride);
      c.dilations.push_back(win.dilation);
      c.output_padding.push_back(output_padding);
    }
    if (explicit_pads) {
      c.pads = begins;
      c.pads.insert(c.pads.end(), ends.begin(), ends.end());
    }
    if (pick({false, true})) c.kernel_shape = kernel;
    c.x_shape = join(Layout::ncx, batch, channels, input);
    c.w_shape = {channels, outputs_per_group};
    c.w_shape.insert(c.w_shape.end(), kernel.begin(), kernel.end());
    return c;
  });
}

rc::Gen<PyTorchConvTranspose> gen_pytorch() {
  return rc::gen::exec([] {
    const int rank = static_cast<int>(draw(1, 3));
    PyTorchConvTranspose c;
    c.groups = draw(1, 3);
    c.in_channels = c.groups * draw(1, 2);
    c.out_channels = c.groups * draw(1, 2);
    c.bias = pick({false, true});
    const bool by_output_size = pick({false, true});
    Shape input, output_size;
    for (int a = 0; a < rank; ++a) {
      const Window win = draw_window(rank);
      const std::int64_t full =
          documented::full_size(win.input, win.kernel, win.stride, win.dilation);
      const std::int64_t padding = draw(0, (full - 1) / 2);  // leaves min = full − 2p >= 1
      input.push_back(win.input);
      c.kernel_size.push_back(win.kernel);
      c.stride.push_back(win.stride);
      c.dilation.push_back(win.dilation);
      c.padding.push_back(padding);
      if (by_output_size) {
        output_size.push_back(full - 2 * padding + draw(0, win.stride - 1));
      } else {
        c.output_padding.push_back(draw(0, std::max(win.stride, win.dilation) - 1));
      }
    }
    if (by_output_size) c.output_size = output_size;
    c.input_shape = join(Layout::ncx, draw(1, 2), c.in_channels, input);
    return c;
  });
}

const char* to_string(TensorFlowPadding p) {
  switch (p) {
    case TensorFlowPadding::same: return "SAME";
    case TensorFlowPadding::valid: return "VALID";
    case TensorFlowPadding::explicit_pads: return "EXPLICIT";
  }
  return "?";
}

const char* to_string(OnnxAutoPad p) {
  switch (p) {
    case OnnxAutoPad::notset: return "NOTSET";
    case OnnxAutoPad::same_upper: return "SAME_UPPER";
    case OnnxAutoPad::same_lower: return "SAME_LOWER";
    case OnnxAutoPad::valid: return "VALID";
  }
  return "?";
}

std::string describe(const TensorFlowConvTranspose& c) {
  std::ostringstream s;
  s << "tensorflow conv_transpose(input " << list(c.input_shape) << ", filter "
    << list(c.filter_shape) << ", output_shape " << list(c.output_shape) << ", strides "
    << list(c.strides) << ", dilations " << list(c.dilations) << ", padding "
    << to_string(c.padding);
  if (!c.explicit_paddings.empty()) {
    s << " [";
    for (const auto& [before, after] : c.explicit_paddings)
      s << "(" << before << "," << after << ")";
    s << "]";
  }
  s << ", " << layout_name(c.data_format) << (c.bias_add ? ", bias_add" : "") << ")";
  return s.str();
}

std::string describe(const KerasConvTranspose& c) {
  std::ostringstream s;
  s << "keras ConvTranspose(input " << list(c.input_shape) << ", filters " << c.filters
    << ", kernel_size " << list(c.kernel_size) << ", strides " << list(c.strides)
    << ", dilation_rate " << list(c.dilation_rate) << ", padding "
    << (c.padding == KerasPadding::same ? "same" : "valid") << ", output_padding "
    << (c.output_padding ? list(*c.output_padding) : "None") << ", " << layout_name(c.data_format)
    << (c.use_bias ? ", use_bias" : "") << ")";
  return s.str();
}

std::string describe(const OnnxConvTranspose& c) {
  std::ostringstream s;
  s << "onnx ConvTranspose(X " << list(c.x_shape) << ", W " << list(c.w_shape)
    << (c.has_b ? ", B" : "") << ", auto_pad " << to_string(c.auto_pad) << ", group " << c.group
    << ", kernel_shape " << list(c.kernel_shape) << ", strides " << list(c.strides)
    << ", dilations " << list(c.dilations) << ", pads " << list(c.pads) << ", output_padding "
    << list(c.output_padding) << ", output_shape " << list(c.output_shape) << ")";
  return s.str();
}

std::string describe(const PyTorchConvTranspose& c) {
  std::ostringstream s;
  s << "torch ConvTranspose(input " << list(c.input_shape) << ", " << c.in_channels << ", "
    << c.out_channels << ", kernel_size " << list(c.kernel_size) << ", stride " << list(c.stride)
    << ", padding " << list(c.padding) << ", output_padding " << list(c.output_padding)
    << ", groups " << c.groups << ", bias " << (c.bias ? "True" : "False") << ", dilation "
    << list(c.dilation) << ", output_size " << (c.output_size ? list(*c.output_size) : "None")
    << ")";
  return s.str();
}

}  // namespace tconv::properties

namespace tconv {
void showValue(const TensorFlowConvTranspose& c, std::ostream& os) {
  os << properties::describe(c);
}
void showValue(const KerasConvTranspose& c, std::ostream& os) { os << properties::describe(c); }
void showValue(const OnnxConvTranspose& c, std::ostream& os) { os << properties::describe(c); }
void showValue(const PyTorchConvTranspose& c, std::ostream& os) { os << properties::describe(c); }
}  // namespace tconv
