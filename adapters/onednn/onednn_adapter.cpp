// The oneDNN adapter: a tconv_problem mapped onto dnnl::deconvolution_forward on the
// CPU engine, the way oneDNN's own examples use it (format `any` for the primitive,
// oneDNN reorders between the user's buffers and the formats it picks).
// adapters/README.md#onednn lists what is declared and why.
#include <dnnl.hpp>
#include <string>
#include <unordered_map>

#include "adapter_glue.h"

namespace tconv::bundled {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;

memory::dims spatial(const std::int64_t (&values)[3], int rank) {
  return memory::dims(values, values + rank);
}

// Activations: oneDNN's logical order is always [N, C, spatial...]; the physical
// order is a format tag, channels first or last, one per rank.
memory::desc activation_desc(const tconv_problem& p, std::int64_t channels,
                             const std::int64_t (&sizes)[3]) {
  static constexpr Tag ncx[] = {Tag::ncw, Tag::nchw, Tag::ncdhw};
  static constexpr Tag nxc[] = {Tag::nwc, Tag::nhwc, Tag::ndhwc};
  memory::dims dims{p.batch, channels};
  for (std::int64_t size : spatial(sizes, p.rank)) dims.push_back(size);
  return {dims, memory::data_type::f32, (p.layout == TCONV_NCX ? ncx : nxc)[p.rank - 1]};
}

// Weights: oneDNN's deconvolution weights are [O, I, k...] (O its output channels),
// [G, O/G, I/G, k...] with groups: the logical axes of WeightAxes. Each of the three
// tconv layouts is that tensor with other strides, so a strided descriptor describes
// the user's buffer as it is and oneDNN's reorder does any conversion.
memory::desc weights_desc(const tconv_problem& p) {
  WeightAxes w = weight_axes(p);
  if (p.groups == 1) {  // the ungrouped form, as a user without groups writes it
    w.dims.erase(w.dims.begin());
    w.strides.erase(w.strides.begin());
  }
  return {w.dims, memory::data_type::f32, w.strides};
}

// `user` itself when the primitive wants its format, else a oneDNN reorder of it.
memory in_format(memory user, const memory::desc& wanted, const dnnl::engine& engine,
                 dnnl::stream& stream) {
  if (user.get_desc() == wanted) return user;
  memory converted(wanted, engine);
  dnnl::reorder(user, converted).execute(stream, user, converted);
  return converted;
}

void deconvolve(const tconv_problem& p, const float* input, const float* weights, const float* bias,
                float* output) {
  const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  dnnl::stream stream(engine);

  memory::dims strides = spatial(p.stride, p.rank), dilates, padding_l, padding_r;
  for (int a = 0; a < p.rank; ++a) {
    dilates.push_back(p.dilation[a] - 1);  // oneDNN's dilation 0 is dense: ours minus one
    padding_l.push_back(p.pad_begin[a]);
    // oneDNN takes the output size from dst's dims, and checks it against
    // (dst − ker_range + padding_l + padding_r) / stride + 1 == src: our output_padding
    // (extra elements at the end) is a negative amount of end padding. oneDNN accepts
    // padding_r down to −(stride − 1) only, so it rejects output_padding − pad_end ≥
    // stride (legal in our model when dilation > stride).
    padding_r.push_back(p.pad_end[a] - p.output_padding[a]);
  }

  // The user's buffers, described as they are (oneDNN never writes src or weights).
  const memory::desc src_desc = activation_desc(p, p.in_channels, p.input_size);
  const memory::desc dst_desc = activation_desc(p, p.out_channels, p.output_size);
  const memory user_src(src_desc, engine, const_cast<float*>(input));
  const memory user_weights(weights_desc(p), engine, const_cast<float*>(weights));
  memory user_dst(dst_desc, engine, output);
  const memory::desc bias_desc =
      p.has_bias ? memory::desc({p.out_channels}, memory::data_type::f32, Tag::x) : memory::desc();

  const auto any = [](const memory::desc& d) {
    return memory::desc(d.dims(), memory::data_type::f32, Tag::any);
  };
  const dnnl::deconvolution_forward::desc op(dnnl::prop_kind::forward_inference,
                                             dnnl::algorithm::deconvolution_direct, any(src_desc),
                                             any(user_weights.get_desc()), bias_desc, any(dst_desc),
                                             strides, dilates, padding_l, padding_r);
  const dnnl::deconvolution_forward::primitive_desc pd(op, engine);

  const memory src = in_format(user_src, pd.src_desc(), engine, stream);
  const memory wei = in_format(user_weights, pd.weights_desc(), engine, stream);
  memory dst = pd.dst_desc() == dst_desc ? user_dst : memory(pd.dst_desc(), engine);
  std::unordered_map<int, memory> args{
      {DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DST, dst}};
  if (p.has_bias) args.emplace(DNNL_ARG_BIAS, memory(bias_desc, engine, const_cast<float*>(bias)));
  dnnl::deconvolution_forward(pd).execute(stream, args);
  if (dst != user_dst) dnnl::reorder(dst, user_dst).execute(stream, dst, user_dst);
  stream.wait();
}

std::int32_t compute(void*, const tconv_problem* p, const void* input, const void* weights,
                     const void* bias, void* output, std::int64_t, char* error,
                     std::size_t error_capacity) {
  return guarded(error, error_capacity, [&] {
    deconvolve(*p, static_cast<const float*>(input), static_cast<const float*>(weights),
               static_cast<const float*>(bias), static_cast<float*>(output));
  });
}

std::string library_version() {
  const dnnl_version_t* v = dnnl_version();
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
}

}  // namespace
}  // namespace tconv::bundled

const tconv_adapter* tconv_adapter_get(void) {
  static const std::string version = tconv::bundled::library_version();
  static const tconv_adapter adapter = {
      TCONV_ADAPTER_ABI_VERSION,
      "oneDNN",
      version.c_str(),
      {// oneDNN has no f64 or s64 data type; every rank, both activation layouts (format
       // tags) and all three weight layouts (strided descriptors) are its own.
       TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D, TCONV_BIT(TCONV_FLOAT32),
       TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
       TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
           TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
       0},
      nullptr,
      nullptr,
      tconv::bundled::compute,
      nullptr,
  };
  return &adapter;
}
