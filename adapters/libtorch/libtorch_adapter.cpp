// The libtorch adapter (in-process, docs/ADAPTERS.md#the-c-abi): at::conv_transpose1d /
// 2d / 3d on the CPU, on the suite's buffers wrapped in place (at::from_blob), the
// result copied into the output buffer.
//
// Declared: what conv_transpose's arguments express: ranks 1-3, float32 and float64,
// iox weights (PyTorch's [Cin, Cout/g, k...]), groups, depthwise, dilation,
// output_padding, bias. Activations ncx, and nxc passed natively: a channels-last
// tensor is an [N, C, spatial...] tensor whose strides put C innermost (PyTorch's
// memory_format ChannelsLast / ChannelsLast3d; in 1-D the same strides), given to
// PyTorch as it is. Not declared: asymmetric pads (`padding` is one value per axis,
// removed from both ends), int64 (no integer kernel), the oix and xoi weight layouts.
#include <ATen/Parallel.h>
#include <ATen/ops/conv_transpose1d.h>
#include <ATen/ops/conv_transpose2d.h>
#include <ATen/ops/conv_transpose3d.h>
#include <ATen/ops/from_blob.h>
#include <tconv/adapter.h>
#include <torch/version.h>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter_glue.h"

namespace {

// The per-axis values of p's spatial axes.
at::IntArrayRef spatial(const std::int64_t (&values)[3], const tconv_problem& p) {
  return {values, static_cast<std::size_t>(p.rank)};
}

// [leading..., spatial...]
std::vector<std::int64_t> shape(std::initializer_list<std::int64_t> leading,
                                at::IntArrayRef sizes) {
  std::vector<std::int64_t> s(leading);
  s.insert(s.end(), sizes.begin(), sizes.end());
  return s;
}

// An activation tensor [N, C, spatial...] over `data`, with the strides of the
// problem's layout: contiguous (ncx) or channels innermost (nxc).
at::Tensor activation(void* data, const tconv_problem& p, std::int64_t channels,
                      const std::int64_t (&size)[3], const at::TensorOptions& options) {
  const std::vector<std::int64_t> sizes = shape({p.batch, channels}, spatial(size, p));
  std::vector<std::int64_t> strides(sizes.size());
  std::int64_t stride = 1;
  const auto set_stride = [&](std::size_t dim) {
    strides[dim] = stride;
    stride *= sizes[dim];
  };
  if (p.layout == TCONV_NXC) set_stride(1);
  for (std::size_t dim = sizes.size() - 1; dim >= 2; --dim) set_stride(dim);
  if (p.layout == TCONV_NCX) set_stride(1);
  set_stride(0);
  return at::from_blob(data, sizes, strides, options);
}

// Throws unless conv_transpose's arguments express p. The suite sends only declared
// problems: this guards a caller that ignores the declaration.
void require_expressible(const tconv_problem& p) {
  if (p.dtype != TCONV_FLOAT32 && p.dtype != TCONV_FLOAT64) {
    throw std::invalid_argument("only float32 and float64");
  }
  if (p.weight_layout != TCONV_IOX) throw std::invalid_argument("only iox weights");
  for (int a = 0; a < p.rank; ++a) {
    if (p.pad_begin[a] != p.pad_end[a]) {
      throw std::invalid_argument("asymmetric pads are not expressible in `padding`");
    }
  }
}

at::Tensor conv_transpose(const tconv_problem& p, const at::Tensor& x, const at::Tensor& w,
                          const c10::optional<at::Tensor>& b) {
  const auto stride = spatial(p.stride, p), padding = spatial(p.pad_begin, p);
  const auto output_padding = spatial(p.output_padding, p), dilation = spatial(p.dilation, p);
  switch (p.rank) {
    case 1:
      return at::conv_transpose1d(x, w, b, stride, padding, output_padding, p.groups, dilation);
    case 2:
      return at::conv_transpose2d(x, w, b, stride, padding, output_padding, p.groups, dilation);
    default:
      return at::conv_transpose3d(x, w, b, stride, padding, output_padding, p.groups, dilation);
  }
}

int32_t init(void*, char*, size_t) {
  at::set_num_threads(1);  // deterministic summation order, and the suite's cores are shared
  return TCONV_OK;
}

int32_t compute(void*, const tconv_problem* problem, const void* input, const void* weights,
                const void* bias, void* output, int64_t, char* error, size_t error_capacity) {
  return tconv::bundled::guarded(error, error_capacity, [&] {
    const tconv_problem& p = *problem;
    require_expressible(p);
    const auto options =
        at::TensorOptions().dtype(p.dtype == TCONV_FLOAT32 ? at::kFloat : at::kDouble);
    // from_blob wants mutable data; the operands are only read.
    const at::Tensor x =
        activation(const_cast<void*>(input), p, p.in_channels, p.input_size, options);
    const at::Tensor w = at::from_blob(
        const_cast<void*>(weights),
        shape({p.in_channels, p.out_channels / p.groups}, spatial(p.kernel, p)), options);
    c10::optional<at::Tensor> b;
    if (p.has_bias) b = at::from_blob(const_cast<void*>(bias), {p.out_channels}, options);

    const at::Tensor y = conv_transpose(p, x, w, b);
    at::Tensor out = activation(output, p, p.out_channels, p.output_size, options);
    if (y.sizes() != out.sizes()) {  // copy_ would broadcast a size-1 axis silently
      throw std::runtime_error("returned shape " + c10::str(y.sizes()) + ", expected " +
                               c10::str(out.sizes()));
    }
    out.copy_(y);
  });
}

constexpr tconv_adapter kAdapter = {
    TCONV_ADAPTER_ABI_VERSION,
    "libtorch",
    TORCH_VERSION,
    {TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D,
     TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64),
     TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC), TCONV_BIT(TCONV_IOX),
     TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
         TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_BIAS,
     0},
    nullptr,  // user_data
    init,
    compute,
    nullptr,  // finalize
};

}  // namespace

const tconv_adapter* tconv_adapter_get(void) { return &kAdapter; }
