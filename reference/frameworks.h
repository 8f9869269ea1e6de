// Each framework's own parameters for a transposed convolution, and their conversion
// to the framework-neutral tconv::Problem (docs/FRAMEWORKS.md gives the mapping and the
// source of every rule).
//
// Every resolver applies its framework's output-size rule and validity checks and
// throws ProblemError naming the framework, the field and its value, e.g.
//   "pytorch.output_padding[1] = 2: must be < max(stride, dilation) = 2".
// A request resolves as the framework documents it, a field the framework ignores
// included (ONNX pads beside output_shape, PyTorch's module output_padding beside
// output_size): the resolved problem shows what was used. Shapes are in the framework's
// own order; per-axis lists are outermost spatial axis first, and an empty optional list
// means the framework's default on every axis. Every resolver ends by calling validate()
// on its result.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "problem.h"

namespace tconv {

// ---- Forward convolution shape inversion -------------------------------------------
// The forward convolution (input i, kernel k, stride s, pads pb/pe, dilation d) has
//   output_size    = floor((i + pb + pe - d(k-1) - 1) / s) + 1,
// and the transposed convolution with the same parameters returns size i exactly when
//   output_padding = (i + pb + pe - d(k-1) - 1) mod s.
struct ForwardShape {
  std::int64_t output_size;
  std::int64_t output_padding;
};
ForwardShape forward_convolution_shape(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                       std::int64_t pad_begin, std::int64_t pad_end,
                                       std::int64_t dilation);

// ---- PyTorch torch.nn.ConvTranspose{1,2,3}d ----------------------------------------
// Layout ncx, weights iox ([in, out/groups, k...], ConvTransposeNd.weight).
struct PyTorchConvTranspose {
  std::vector<std::int64_t> input_shape;  // [N, C, spatial...]
  std::int64_t in_channels = 1;
  std::int64_t out_channels = 1;
  std::int64_t groups = 1;
  std::vector<std::int64_t> kernel_size;     // required
  std::vector<std::int64_t> stride;          // default 1
  std::vector<std::int64_t> padding;         // default 0, removed at both ends
  std::vector<std::int64_t> output_padding;  // default 0
  std::vector<std::int64_t> dilation;        // default 1
  bool bias = true;
  // Spatial sizes given to forward(); output_padding is then derived from them and the
  // one above ignored, as PyTorch does.
  std::optional<std::vector<std::int64_t>> output_size;
};
Problem resolve_pytorch(const PyTorchConvTranspose& c);

// ---- TensorFlow tf.nn.conv{1,2,3}d_transpose / conv2d_backprop_input ------------------
// data_format nxc is NWC/NHWC/NDHWC, ncx is NCW/NCHW/NCDHW; weights xoi (the filter
// [k..., out, in]); groups 1 (conv_transpose has no group argument).
enum class TensorFlowPadding { same, valid, explicit_pads };

// One spatial axis seen as TensorFlow's shape check sees it: the window of the forward
// convolution (from the transposed convolution's output to its input).
struct TensorFlowWindow {
  std::int64_t kernel = 1;
  std::int64_t stride = 1;
  std::int64_t dilation = 1;
  TensorFlowPadding padding = TensorFlowPadding::same;
  std::int64_t pad_before = 0;  // explicit_pads only
  std::int64_t pad_after = 0;   // explicit_pads only
};

// For a window with kernel, stride, dilation >= 1 and pads >= 0:
// TensorFlow's GetWindowedOutputSize, the forward convolution's output size for an
// input of `size` (SAME: ceil(size/s); VALID: ceil((size - d(k-1))/s);
// explicit: floor((size + before + after - d(k-1) - 1)/s) + 1).
std::int64_t tensorflow_forward_size(const TensorFlowWindow& w, std::int64_t size);

// Every output_shape entry TensorFlow accepts on this axis for an input of size
// `input`: all O >= 1 whose forward size is `input`, in increasing order (at most
// `stride` of them; empty if none).
std::vector<std::int64_t> tensorflow_output_sizes(const TensorFlowWindow& w, std::int64_t input);

struct TensorFlowConvTranspose {
  std::vector<std::int64_t> input_shape;   // in data_format order
  std::vector<std::int64_t> filter_shape;  // [k..., out_channels, in_channels]
  std::vector<std::int64_t> output_shape;  // required, in data_format order
  std::vector<std::int64_t> strides;       // default 1
  std::vector<std::int64_t> dilations;     // default 1
  TensorFlowPadding padding = TensorFlowPadding::same;
  std::vector<std::array<std::int64_t, 2>> explicit_paddings;  // {before, after} per axis
  Layout data_format = Layout::nxc;
  bool bias_add = false;  // followed by tf.nn.bias_add
};
Problem resolve_tensorflow(const TensorFlowConvTranspose& c);

// ---- Keras Conv{1,2,3}DTranspose ----------------------------------------------------
// Keras computes output_shape with deconv_output_length and runs TensorFlow's
// conv_transpose on it with the same padding, so TensorFlow's rule decides the pads.
// data_format nxc is channels_last, ncx channels_first; kernel xoi.
enum class KerasPadding { same, valid };

// keras deconv_output_length (ek = d(k-1)+1): without output_padding, valid gives
// I*s + max(ek - s, 0) and same I*s; with it, (I-1)s + ek - 2*pad + output_padding
// where pad = ek/2 (same) or 0 (valid).
std::int64_t keras_output_length(std::int64_t input, std::int64_t kernel, KerasPadding padding,
                                 std::optional<std::int64_t> output_padding, std::int64_t stride,
                                 std::int64_t dilation);

struct KerasConvTranspose {
  std::vector<std::int64_t> input_shape;  // in data_format order, with the batch
  std::int64_t filters = 1;
  std::vector<std::int64_t> kernel_size;    // required
  std::vector<std::int64_t> strides;        // default 1
  std::vector<std::int64_t> dilation_rate;  // default 1
  KerasPadding padding = KerasPadding::valid;
  std::optional<std::vector<std::int64_t>> output_padding;
  Layout data_format = Layout::nxc;
  bool use_bias = true;
};
Problem resolve_keras(const KerasConvTranspose& c);

// ---- ONNX ConvTranspose ------------------------------------------------------------
// Layout ncx, weights iox (W is [C, M/group, k...]). Empty attributes are absent.
enum class OnnxAutoPad { notset, same_upper, same_lower, valid };

struct OnnxConvTranspose {
  std::vector<std::int64_t> x_shape;  // X: [N, C, spatial...]
  std::vector<std::int64_t> w_shape;  // W: [C, M/group, k...]
  bool has_b = false;                 // the optional input B
  OnnxAutoPad auto_pad = OnnxAutoPad::notset;
  std::int64_t group = 1;
  std::vector<std::int64_t> kernel_shape;    // must match W when given
  std::vector<std::int64_t> strides;         // default 1
  std::vector<std::int64_t> dilations;       // default 1
  std::vector<std::int64_t> pads;            // [x1_begin, x2_begin, ..., x1_end, x2_end, ...]
  std::vector<std::int64_t> output_padding;  // default 0
  std::vector<std::int64_t> output_shape;    // spatial sizes; pads then generated, the given ignored
};
Problem resolve_onnx(const OnnxConvTranspose& c);

}  // namespace tconv
