// The ONNX Runtime adapter (node adapters/onnxruntime/adapter.mjs) through the line
// protocol, as the runner calls it: it declares what ONNX's ConvTranspose expresses and
// ORT's CPU kernel runs, one case per declared feature passes against the direct
// scatter within the float32 bound, and the rest is unsupported. The finding
// (adapters/README-libtorch-ort-tfjs.md) is pinned as what ORT does today.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "bundled_adapter_test.h"
#include "capabilities.h"
#include "node_adapter_test.h"

namespace tconv {
namespace {

using testing::check_random_case;
using testing::describe;
using testing::kBundledDataSeed;
using testing::NamedCase;
using testing::run_case;

class OnnxRuntimeAdapter : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::node_packages_installed({"onnxruntime-node"}));
    adapter_ = std::make_unique<ProcessAdapter>(testing::node_adapter_command("onnxruntime"),
                                                testing::kNodeAdapterOptions);
  }

  std::unique_ptr<ProcessAdapter> adapter_;
};

TEST_F(OnnxRuntimeAdapter, DeclaresEveryRankAndFeatureInFloat32ChannelsFirstOnly) {
  const tconv_capabilities& c = adapter_->info().capabilities;
  EXPECT_EQ(adapter_->info().name, "onnxruntime");
  EXPECT_EQ(c.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D);
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32)) << "ORT has no float64 ConvTranspose CPU kernel";
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NCX));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_IOX));
  EXPECT_EQ(c.features, TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
                            TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS |
                            TCONV_FEATURE_BIAS);
  EXPECT_EQ(c.max_batch, 0);
}

class OnnxRuntimeComputes : public OnnxRuntimeAdapter,
                            public ::testing::WithParamInterface<NamedCase> {};

TEST_P(OnnxRuntimeComputes, WithinTheFloat32Bound) {
  const CallResult r = run_case(*adapter_, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter_, r);
  EXPECT_EQ(adapter_->restarts(), 0) << GetParam().problem;
}

// Together: every rank and every declared feature. The pads are chosen so that ONNX's
// order [begins..., ends...] and an interleaved one differ.
constexpr NamedCase kCases[] = {
    {"Plain1d", "ic1,oc1,i4,k3"},
    {"AsymmetricPadsStrideAboveKernelWithBias1d", "n2,ic3,oc2,i5,k2,s3,pb1,pe0,bias"},
    {"DilationOutputPaddingAsymmetricPads2d", "ic2,oc3,i3x4,k3x2,s2x1,d1x2,pb0x1,pe2x0,op1x0"},
    {"GroupedWithBias2d", "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe0x0,bias"},
    {"DepthwiseDilatedOutputPadding2d", "g3,ic3,oc3,i4x3,k3x3,s2x2,d2x1,op1x1"},
    {"AsymmetricPadsOutputPaddingWithBias3d",
     "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,pb0x1x0,pe1x0x1,op1x0x1,bias"},
    {"GroupedDilated3d", "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x0x1,bias"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, OnnxRuntimeComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

TEST_F(OnnxRuntimeAdapter, ChannelsLastOtherWeightLayoutsAndFloat64AreUnsupported) {
  for (const char* text : {"ic1,oc1,i4,k3,nxc", "ic1,oc1,i4,k3,oix", "ic1,oc1,i4,k3,xoi"}) {
    const CallResult r = run_case(*adapter_, text);
    EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter_, r);
  }
  const char* const plain = "ic1,oc1,i4,k3";
  const CallResult f64 =
      check_random_case<double>(*adapter_, parse_problem(plain), kBundledDataSeed);
  EXPECT_EQ(f64.verdict, Verdict::unsupported) << plain << " in float64: " << f64.message;
}

// Finding: ONNX allows output_padding below max(stride, dilation) ("less than the
// corresponding stride/dilation"), and so does ORT's own first check, but its output
// shape check then rejects any output_padding >= stride.
TEST_F(OnnxRuntimeAdapter, FindingRejectsOutputPaddingNotBelowStrideWhereDilationIsLarger) {
  const CallResult r = run_case(*adapter_, "ic1,oc1,i3,k2,s1,d3,op2");  // valid: 2 < max(1, 3)
  EXPECT_EQ(r.verdict, Verdict::error) << describe(*adapter_, r);
  EXPECT_NE(r.message.find("output_padding (2) may be too large for stride (1)"), std::string::npos)
      << describe(*adapter_, r);
}

}  // namespace
}  // namespace tconv
