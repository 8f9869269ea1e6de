// The XNNPACK adapter: a 2-D, channels-last, float32 tconv_problem mapped onto
// XNNPACK's operator API (xnn_create_deconvolution2d_nhwc_f32, setup, run), single-
// threaded (no pthreadpool). Written against the API of Debian's 0.0~git20220216
// snapshot; XNNPACK changes it between snapshots. adapters/README.md#xnnpack lists what
// is declared and why.
#include <xnnpack.h>

#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "adapter_glue.h"

namespace tconv::bundled {
namespace {

constexpr int kH = 0, kW = 1;  // the problem's spatial axes, outermost first

void check(xnn_status status, const char* call) {
  static constexpr const char* names[] = {
      "success",       "uninitialized",         "invalid_parameter",
      "invalid_state", "unsupported_parameter", "unsupported_hardware",
      "out_of_memory"};
  if (status == xnn_status_success) return;
  const auto index = static_cast<std::size_t>(status);
  throw std::runtime_error(std::string(call) + " failed: " +
                           (index < std::size(names) ? std::string("xnn_status_") + names[index]
                                                     : "status " + std::to_string(index)));
}

std::int32_t initialize(void*, char* error, std::size_t error_capacity) {
  return guarded(error, error_capacity, [] { check(xnn_initialize(nullptr), "xnn_initialize"); });
}

void finalize(void*) { xnn_deinitialize(); }

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};

void deconvolve(const tconv_problem& p, const float* input, const float* weights, const float* bias,
                float* output) {
  // XNNPACK's deconvolution kernel is [groups, out/g, kh, kw, in/g] (GOHWI): the logical
  // weight axes permuted; it reads no other layout.
  static constexpr std::array<int, 5> gohwi = {0, 1, 3, 4, 2};
  const std::vector<float> kernel = permuted_weights(p, weights, gohwi);
  const auto u32 = [](std::int64_t v) { return static_cast<std::uint32_t>(v); };
  const std::size_t in_per_group = p.in_channels / p.groups;
  const std::size_t out_per_group = p.out_channels / p.groups;

  xnn_operator_t created = nullptr;
  // XNNPACK's "output_padding" top/right/bottom/left is what our model calls the pads:
  // elements cropped from each side of the full output, so begin and end are separate.
  // No clamping: the output range is (-inf, +inf). A null bias is no bias.
  check(xnn_create_deconvolution2d_nhwc_f32(
            u32(p.pad_begin[kH]), u32(p.pad_end[kW]), u32(p.pad_end[kH]), u32(p.pad_begin[kW]),
            u32(p.kernel[kH]), u32(p.kernel[kW]), u32(p.stride[kH]), u32(p.stride[kW]),
            u32(p.dilation[kH]), u32(p.dilation[kW]),  // 1 is dense, as in our model
            u32(p.groups), in_per_group, out_per_group,
            /*input_pixel_stride=*/p.in_channels, /*output_pixel_stride=*/p.out_channels,
            kernel.data(), bias, -std::numeric_limits<float>::infinity(),
            std::numeric_limits<float>::infinity(), /*flags=*/0, &created),
        "xnn_create_deconvolution2d_nhwc_f32");
  const std::unique_ptr<xnn_operator, OperatorDeleter> op(created);

  // XNNPACK may read XNN_EXTRA_BYTES past the end of its input: a careful caller
  // allocates them, so the input is copied into a buffer that has them.
  std::vector<float> padded_input(p.input_elements + XNN_EXTRA_BYTES / sizeof(float));
  std::memcpy(padded_input.data(), input, p.input_elements * sizeof(float));

  // The adjustment (our output_padding) extends the output at the bottom and right.
  check(xnn_setup_deconvolution2d_nhwc_f32(op.get(), p.batch, p.input_size[kH], p.input_size[kW],
                                           u32(p.output_padding[kH]), u32(p.output_padding[kW]),
                                           padded_input.data(), output,
                                           /*threadpool=*/nullptr),
        "xnn_setup_deconvolution2d_nhwc_f32");
  check(xnn_run_operator(op.get(), /*threadpool=*/nullptr), "xnn_run_operator");
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
      "XNNPACK",
      TCONV_XNNPACK_VERSION,  // XNNPACK has no version API: the package's, from CMake
      {// Only the 2-D NHWC float32 operator exists (f16/qs8/qu8 are not our dtypes). The
       // weights are permuted into its one layout, so all three are declared.
       TCONV_RANK_2D, TCONV_BIT(TCONV_FLOAT32), TCONV_BIT(TCONV_NXC),
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
       TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
           TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
       0},
      nullptr,
      tconv::bundled::initialize,
      tconv::bundled::compute,
      tconv::bundled::finalize,
  };
  return &adapter;
}
