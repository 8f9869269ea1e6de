// The frameworks' documented shape and padding rules, restated here from the documents
// (not from reference/frameworks.cpp) for the framework-convention properties to check
// that code against. ek = d(k−1) + 1 is the dilated kernel extent and
// full = (I−1)s + ek the transposed convolution's output before pads.
#pragma once

#include <cstdint>
#include <optional>

#include "frameworks.h"

namespace tconv::properties::documented {

std::int64_t full_size(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                       std::int64_t dilation);

struct Pads {
  std::int64_t begin, end;
};

// TensorFlow (GetWindowedOutputSize, SAME): total = max(full − O, 0), the odd unit at
// the end: begin = total/2, end = total − total/2.
Pads tensorflow_same_pads(std::int64_t full, std::int64_t output);

// TensorFlow's forward convolution of an O-sized output back to the input:
// SAME ceil(O/s), VALID ceil((O − ek + 1)/s), EXPLICIT floor((O + pb + pe − ek)/s) + 1.
std::int64_t tensorflow_forward_size(const TensorFlowWindow& w, std::int64_t output);

// The O that conv_transpose accepts for input I: those whose forward size is I.
// SAME (I−1)s + 1 .. I·s; VALID full .. full + s − 1; EXPLICIT
// max(1, full − pb − pe) .. full − pb − pe + s − 1.
struct Range {
  std::int64_t lo, hi;
};
Range tensorflow_output_range(const TensorFlowWindow& w, std::int64_t input);

// Keras deconv_output_length: without output_padding, VALID I·s + max(ek − s, 0) and
// SAME I·s; with it, (I−1)s + ek − 2·pad + output_padding, pad = ek/2 (SAME) or 0.
std::int64_t keras_output_length(std::int64_t input, std::int64_t kernel, KerasPadding padding,
                                 std::optional<std::int64_t> output_padding, std::int64_t stride,
                                 std::int64_t dilation);

// ONNX ConvTranspose: total = s(I−1) + output_padding + ek − output_shape; SAME_UPPER
// puts the odd unit at the end (begin = total/2), every other auto_pad at the begin.
Pads onnx_pads(OnnxAutoPad auto_pad, std::int64_t total);

}  // namespace tconv::properties::documented
