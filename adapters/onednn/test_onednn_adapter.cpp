// oneDNN's deconvolution through tconv_onednn.so: what it declares, one case per
// declared feature computed within the float32 bound, and the one limit oneDNN puts
// on output_padding (adapters/README.md#onednn).
#include <gtest/gtest.h>

#include "bundled_adapter_test.h"

namespace tconv {
namespace {

using testing::describe;
using testing::load_bundled;
using testing::NamedCase;
using testing::run_case;

TEST(OneDnnAdapter, DeclaresEveryRankLayoutAndFeatureInFloat32Only) {
  const auto adapter = load_bundled("onednn");
  const tconv_capabilities& c = adapter->info().capabilities;
  EXPECT_EQ(adapter->info().name, "oneDNN");
  EXPECT_EQ(c.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D);
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32)) << "oneDNN has no f64 or s64 data type";
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI));
  EXPECT_EQ(c.features, TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
                            TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS |
                            TCONV_FEATURE_BIAS);
  EXPECT_EQ(c.max_batch, 0);
}

class OneDnnComputes : public ::testing::TestWithParam<NamedCase> {};

TEST_P(OneDnnComputes, WithinTheFloat32Bound) {
  const auto adapter = load_bundled("onednn");
  const CallResult r = run_case(*adapter, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
}

constexpr NamedCase kCases[] = {
    {"Plain1d", "ic2,oc3,i5,k3"},
    {"StrideAboveKernel1dChannelsLastXoi", "n2,ic3,oc2,i5,k2,s3,nxc,xoi"},
    {"AsymmetricPads2dOix", "ic2,oc3,i4x5,k3x3,s2x2,pb1x0,pe0x2,bias,oix"},
    {"Dilation2dChannelsLastIox", "ic3,oc2,i4x3,k3x2,s1x2,d2x3,bias,nxc,iox"},
    {"OutputPaddingBelowStride2dXoi", "n2,ic2,oc2,i3x4,k3x3,s2x3,pb1x1,pe1x1,op1x2,xoi"},
    // output_padding 2 >= stride 2 (legal as dilation is 3), with pad_end 1:
    // padding_r = 1 - 2 = -1 is within what oneDNN accepts.
    {"OutputPaddingAboveStrideOffsetByPadEnd", "ic1,oc2,i3x3,k2x2,s2x2,d3x3,pe1x1,op2x2"},
    {"Grouped2dChannelsLastIox", "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe1x0,bias,nxc,iox"},
    {"Depthwise2dOix", "g3,ic3,oc6,i4x3,k3x3,s1x2,d2x1,op0x1,oix"},
    {"ManyChannels2dChannelsLast", "ic16,oc8,i7x7,k3x3,s2x2,pb1x1,pe1x1,op1x1,bias,nxc,oix"},
    {"Plain3dOutputPadding", "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,pb1x0x0,pe0x0x1,op1x0x1,bias,oix"},
    {"Grouped3dChannelsLastXoi",
     "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x0x1,bias,nxc,xoi"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, OneDnnComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

// A limit of oneDNN, not of the mapping: the output size is dst's, checked against
// padding_r = pad_end - output_padding, and oneDNN accepts padding_r >= -(stride - 1)
// only. Here output_padding 2 (legal: dilation 3 > stride 1) needs padding_r = -2.
TEST(OneDnnAdapter, RejectsOutputPaddingBeyondPadEndByStrideOrMore) {
  const auto adapter = load_bundled("onednn");
  const CallResult r = run_case(*adapter, "ic1,oc1,i4,k2,s1,d3,op2");
  EXPECT_EQ(r.verdict, Verdict::error) << describe(*adapter, r);
  EXPECT_NE(r.message.find("could not create a descriptor"), std::string::npos)
      << describe(*adapter, r);
}

}  // namespace
}  // namespace tconv
