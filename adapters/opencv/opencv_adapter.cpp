// The OpenCV adapter: a 2-D, channels-first, float32 tconv_problem mapped onto the dnn
// module's "Deconvolution" layer (cv::dnn::LayerParams in a one-layer cv::dnn::Net on
// the OpenCV backend and CPU target), as a model importer would build it.
// adapters/README.md#opencv lists what is declared and why.
#include <array>
#include <cstring>
#include <opencv2/core/version.hpp>
#include <opencv2/dnn.hpp>
#include <stdexcept>
#include <string>

#include "adapter_glue.h"

namespace tconv::bundled {
namespace {

// A per-axis parameter as the layer reads it: one value per spatial axis, H then W.
cv::dnn::DictValue per_axis(const std::int64_t (&values)[3], int rank) {
  std::array<int, 3> ints{};
  for (int a = 0; a < rank; ++a) ints[a] = static_cast<int>(values[a]);
  return cv::dnn::DictValue::arrayInt(ints.data(), rank);
}

// [leading0, leading1, sizes...]: an activation's NCHW shape, or the weight blob's.
std::vector<int> shape(std::int64_t leading0, std::int64_t leading1, const std::int64_t (&sizes)[3],
                       int rank) {
  std::vector<int> s{static_cast<int>(leading0), static_cast<int>(leading1)};
  for (int a = 0; a < rank; ++a) s.push_back(static_cast<int>(sizes[a]));
  return s;
}

std::string to_text(const std::vector<int>& shape) {
  std::string text = "[";
  for (int size : shape) text += (text.size() > 1 ? ", " : "") + std::to_string(size);
  return text + "]";
}

void deconvolve(const tconv_problem& p, const float* input, const float* weights, const float* bias,
                float* output) {
  cv::dnn::LayerParams layer;
  layer.name = "deconvolution";
  layer.type = "Deconvolution";
  layer.set("num_output", static_cast<int>(p.out_channels));
  layer.set("group", static_cast<int>(p.groups));
  layer.set("kernel_size", per_axis(p.kernel, p.rank));
  layer.set("stride", per_axis(p.stride, p.rank));
  layer.set("dilation", per_axis(p.dilation, p.rank));  // 1 is dense, as in our model
  // One value per axis for both sides: the layer has pads_begin / pads_end, but its
  // 2-D CPU path throws StsNotImplemented when they differ.
  layer.set("pad", per_axis(p.pad_begin, p.rank));
  layer.set("adj", per_axis(p.output_padding, p.rank));  // extra elements at the end
  layer.set("bias_term", p.has_bias != 0);

  // The layer's weight blob is [Cin, Cout/g, kh, kw] (Caffe's, our iox): the logical
  // weight axes [g, out, in, kh, kw] with `in` moved before `out`.
  static constexpr std::array<int, 5> iohw = {0, 2, 1, 3, 4};
  std::vector<float> blob = permuted_weights(p, weights, iohw);
  layer.blobs.emplace_back(shape(p.in_channels, p.out_channels / p.groups, p.kernel, p.rank),
                           CV_32F, blob.data());
  if (p.has_bias)
    layer.blobs.emplace_back(1, static_cast<int>(p.out_channels), CV_32F, const_cast<float*>(bias));

  cv::dnn::Net net;
  net.addLayerToPrev(layer.name, layer.type, layer);
  net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  net.setInput(cv::Mat(shape(p.batch, p.in_channels, p.input_size, p.rank), CV_32F,
                       const_cast<float*>(input)));  // read, never written
  const cv::Mat result = net.forward();

  const std::vector<int> expected = shape(p.batch, p.out_channels, p.output_size, p.rank);
  const std::vector<int> actual(result.size.p, result.size.p + result.dims);
  if (actual != expected || result.type() != CV_32F || !result.isContinuous()) {
    throw std::runtime_error("OpenCV returned a tensor of shape " + to_text(actual) + " (type " +
                             std::to_string(result.type()) + "), not float32 " + to_text(expected));
  }
  std::memcpy(output, result.ptr<float>(), p.output_elements * sizeof(float));
}

std::int32_t compute(void*, const tconv_problem* p, const void* input, const void* weights,
                     const void* bias, void* output, std::int64_t, char* error,
                     std::size_t error_capacity) {
  return guarded(error, error_capacity, [&] {
    deconvolve(*p, static_cast<const float*>(input), static_cast<const float*>(weights),
               static_cast<const float*>(bias), static_cast<float*>(output));
  });
}

}  // namespace
}  // namespace tconv::bundled

const tconv_adapter* tconv_adapter_get(void) {
  static const tconv_adapter adapter = {
      TCONV_ADAPTER_ABI_VERSION,
      "OpenCV dnn",
      CV_VERSION,
      {TCONV_RANK_2D, TCONV_BIT(TCONV_FLOAT32), TCONV_BIT(TCONV_NCX),
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
       TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_OUTPUT_PADDING |
           TCONV_FEATURE_BIAS,
       0},
      nullptr,
      nullptr,
      tconv::bundled::compute,
      nullptr,
  };
  return &adapter;
}
