#include "framework_documents.h"

#include <algorithm>

namespace tconv::properties::documented {
namespace {

std::int64_t extent(std::int64_t kernel, std::int64_t dilation) {
  return dilation * (kernel - 1) + 1;
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -(-a / b);
}

std::int64_t explicit_pads(const TensorFlowWindow& w) {
  return w.padding == TensorFlowPadding::explicit_pads ? w.pad_before + w.pad_after : 0;
}

}  // namespace

std::int64_t full_size(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                       std::int64_t dilation) {
  return (input - 1) * stride + extent(kernel, dilation);
}

Pads tensorflow_same_pads(std::int64_t full, std::int64_t output) {
  const std::int64_t total = std::max<std::int64_t>(full - output, 0);
  return {total / 2, total - total / 2};
}

std::int64_t tensorflow_forward_size(const TensorFlowWindow& w, std::int64_t output) {
  const std::int64_t ek = extent(w.kernel, w.dilation);
  switch (w.padding) {
    case TensorFlowPadding::same: return ceil_div(output, w.stride);
    case TensorFlowPadding::valid: return ceil_div(output - ek + 1, w.stride);
    case TensorFlowPadding::explicit_pads: break;
  }
  const std::int64_t span = output + explicit_pads(w) - ek;
  return span >= 0 ? span / w.stride + 1 : -ceil_div(-span, w.stride) + 1;
}

Range tensorflow_output_range(const TensorFlowWindow& w, std::int64_t input) {
  if (w.padding == TensorFlowPadding::same) return {(input - 1) * w.stride + 1, input * w.stride};
  const std::int64_t least = full_size(input, w.kernel, w.stride, w.dilation) - explicit_pads(w);
  return {std::max<std::int64_t>(least, 1), least + w.stride - 1};
}

std::int64_t keras_output_length(std::int64_t input, std::int64_t kernel, KerasPadding padding,
                                 std::optional<std::int64_t> output_padding, std::int64_t stride,
                                 std::int64_t dilation) {
  const std::int64_t ek = extent(kernel, dilation);
  const bool same = padding == KerasPadding::same;
  if (!output_padding)
    return same ? input * stride : input * stride + std::max<std::int64_t>(ek - stride, 0);
  const std::int64_t pad = same ? ek / 2 : 0;
  return (input - 1) * stride + ek - 2 * pad + *output_padding;
}

Pads onnx_pads(OnnxAutoPad auto_pad, std::int64_t total) {
  if (auto_pad == OnnxAutoPad::same_upper) return {total / 2, total - total / 2};
  return {total - total / 2, total / 2};
}

}  // namespace tconv::properties::documented
