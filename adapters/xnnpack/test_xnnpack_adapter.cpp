// XNNPACK's deconvolution through tconv_xnnpack.so: what it declares, one case per
// declared feature computed within the float32 bound, and the memory-safety bug of
// Debian's snapshot that the suite found (adapters/README.md#xnnpack).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bundled_adapter_test.h"

namespace tconv {
namespace {

using testing::describe;
using testing::load_bundled;
using testing::NamedCase;
using testing::run_case;

TEST(XnnpackAdapter, Declares2dChannelsLastFloat32WithEveryFeature) {
  const auto adapter = load_bundled("xnnpack");
  const tconv_capabilities& c = adapter->info().capabilities;
  EXPECT_EQ(adapter->info().name, "XNNPACK");
  EXPECT_EQ(c.ranks, TCONV_RANK_2D) << "xnn_create_deconvolution2d_nhwc_* only";
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32));
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI));
  EXPECT_EQ(c.features, TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
                            TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS |
                            TCONV_FEATURE_BIAS);
  EXPECT_EQ(c.max_batch, 0);
}

class XnnpackComputes : public ::testing::TestWithParam<NamedCase> {};

TEST_P(XnnpackComputes, WithinTheFloat32Bound) {
  const auto adapter = load_bundled("xnnpack");
  const CallResult r = run_case(*adapter, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
}

// XNNPACK picks a sub-convolution kernel when 1 < stride <= kernel and there is no
// dilation, and an indirect GEMM otherwise: the cases cover both.
constexpr NamedCase kCases[] = {
    {"Plain", "ic1,oc1,i3x3,k2x2,nxc"},
    {"StrideAboveKernelXoi", "n2,ic3,oc2,i3x4,k2x1,s3x2,bias,nxc,xoi"},
    {"SubConvolutionStrideWithinKernel", "ic4,oc4,i5x5,k4x4,s2x2,pb1x1,pe1x1,nxc"},
    {"AsymmetricPadsOix", "ic2,oc3,i4x5,k3x3,s2x2,pb1x0,pe0x2,bias,nxc,oix"},
    {"DilationIox", "ic3,oc2,i4x3,k3x2,s1x2,d2x3,bias,nxc,iox"},
    {"OutputPaddingXoi", "n2,ic2,oc2,i3x4,k3x3,s2x3,pb1x1,pe1x1,op1x2,nxc,xoi"},
    {"GroupedIox", "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe1x0,bias,nxc,iox"},
    {"DepthwiseOix", "g3,ic3,oc6,i4x3,k3x3,s1x2,d2x1,op0x1,nxc,oix"},
    {"ManyChannels", "ic16,oc8,i7x7,k3x3,s2x2,pb1x1,pe1x1,op1x1,bias,nxc,oix"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, XnnpackComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

// XNNPACK's own limit (xnn_setup_deconvolution2d_nhwc_f32 wants adjustment < stride):
// output_padding 2 is legal here only because dilation 3 exceeds stride 1.
TEST(XnnpackAdapter, RejectsOutputPaddingAtOrAboveStride) {
  const auto adapter = load_bundled("xnnpack");
  const CallResult r = run_case(*adapter, "ic1,oc1,i3x3,k2x2,s1x1,d3x3,op2x0,nxc");
  EXPECT_EQ(r.verdict, Verdict::error) << describe(*adapter, r);
  EXPECT_NE(r.message.find("xnn_status_invalid_parameter"), std::string::npos)
      << describe(*adapter, r);
}

// A bug of XNNPACK 0.0~git20220216 (Debian 12), not of the mapping: on its
// sub-convolution path (stride > 1, stride <= kernel, no dilation) an output axis of at
// most stride - 2 elements makes it write outside the output, crash or fail an internal
// assertion, for parameters it accepts. The same problems with a larger input or a
// smaller stride pass (the control cases). If this test fails, the library was fixed:
// move the cases into kCases.
TEST(XnnpackAdapter, KnownBugSubConvolutionWithAnOutputAxisShorterThanStrideIsMemoryUnsafe) {
  const auto adapter = load_bundled("xnnpack");
  const auto memory_unsafe =
      ::testing::AnyOf(Verdict::out_of_bounds, Verdict::crashed, Verdict::aborted);
  for (const char* problem : {"ic1,oc1,i1x1,k3x3,s3x3,pb1x1,pe1x1,nxc",  // output 1x1, stride 3
                              "ic1,oc1,i1x1,k3x1,s3x1,pb1x0,pe1x0,nxc"}) {
    const CallResult r = run_case(*adapter, problem);
    EXPECT_THAT(r.verdict, memory_unsafe) << describe(*adapter, r);
  }
  for (const char* control : {"ic1,oc1,i2x2,k3x3,s3x3,pb1x1,pe1x1,nxc",  // output 4x4
                              "ic1,oc1,i1x1,k3x3,s2x2,pb1x1,pe1x1,nxc"}) {
    const CallResult r = run_case(*adapter, control);
    EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
  }
}

}  // namespace
}  // namespace tconv
