// The ONNX Runtime adapters, node adapters/onnxruntime/adapter.mjs (onnxruntime-node, the
// CPU build) and adapters/onnxruntime_web/adapter.mjs (onnxruntime-web, the WebAssembly
// build, loaded from node_modules), through the line protocol as the runner calls them:
// each declares what ONNX's ConvTranspose expresses and its kernel runs (one declaration,
// adapters/node/onnxruntime_adapter.mjs), one case per declared feature and rank passes
// against the direct scatter within the float32 bound, and the rest is unsupported. The
// finding both builds share (adapters/README.md) is pinned as what ORT does today.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <tuple>

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

struct OrtBuild {
  const char* directory;  // adapters/<directory>/adapter.mjs
  const char* package;    // its node package
  const char* name;       // the name it declares
  const char* kernel;     // what its version says it runs
};

constexpr OrtBuild kBuilds[] = {
    {"onnxruntime", "onnxruntime-node", "onnxruntime", "(CPU)"},
    {"onnxruntime_web", "onnxruntime-web", "onnxruntime-web", "(wasm)"},
};

void PrintTo(const OrtBuild& b, std::ostream* os) { *os << b.package; }

std::string build_name(const ::testing::TestParamInfo<OrtBuild>& info) {
  return info.param.directory;
}

// The adapter of one build, started afresh for each test.
class OnnxRuntimeAdapter {
 protected:
  void start(const OrtBuild& build) {
    ASSERT_TRUE(testing::node_packages_installed({build.package}));
    adapter_ = std::make_unique<ProcessAdapter>(testing::node_adapter_command(build.directory),
                                                testing::kNodeAdapterOptions);
  }

  std::unique_ptr<ProcessAdapter> adapter_;
};

class OnnxRuntimeBuild : public OnnxRuntimeAdapter, public ::testing::TestWithParam<OrtBuild> {
 protected:
  void SetUp() override { start(GetParam()); }
};

TEST_P(OnnxRuntimeBuild, DeclaresEveryRankAndFeatureInFloat32ChannelsFirstOnly) {
  const tconv_capabilities& c = adapter_->info().capabilities;
  EXPECT_EQ(adapter_->info().name, GetParam().name);
  EXPECT_NE(adapter_->info().version.find(GetParam().kernel), std::string::npos)
      << adapter_->info().version;
  EXPECT_EQ(c.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D);
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32)) << "ORT has no float64 ConvTranspose kernel";
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NCX));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_IOX));
  EXPECT_EQ(c.features, TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
                            TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS |
                            TCONV_FEATURE_BIAS);
  EXPECT_EQ(c.max_batch, 0);
}

TEST_P(OnnxRuntimeBuild, ChannelsLastOtherWeightLayoutsAndFloat64AreUnsupported) {
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
// shape check then rejects any output_padding >= stride (the same source in both builds).
TEST_P(OnnxRuntimeBuild, FindingRejectsOutputPaddingNotBelowStrideWhereDilationIsLarger) {
  const CallResult r = run_case(*adapter_, "ic1,oc1,i3,k2,s1,d3,op2");  // valid: 2 < max(1, 3)
  EXPECT_EQ(r.verdict, Verdict::error) << describe(*adapter_, r);
  EXPECT_NE(r.message.find("output_padding (2) may be too large for stride (1)"), std::string::npos)
      << describe(*adapter_, r);
}

INSTANTIATE_TEST_SUITE_P(Builds, OnnxRuntimeBuild, ::testing::ValuesIn(kBuilds), build_name);

class OnnxRuntimeComputes
    : public OnnxRuntimeAdapter,
      public ::testing::TestWithParam<std::tuple<OrtBuild, NamedCase>> {
 protected:
  void SetUp() override { start(std::get<0>(GetParam())); }
};

TEST_P(OnnxRuntimeComputes, WithinTheFloat32Bound) {
  const char* problem = std::get<1>(GetParam()).problem;
  const CallResult r = run_case(*adapter_, problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter_, r);
  EXPECT_EQ(adapter_->restarts(), 0) << problem;
}

// Together: every rank and every declared feature. The pads are chosen so that ONNX's
// order [begins..., ends...] and an interleaved one differ; ManyChannels2d runs full and
// partial blocks of MLAS's GEMM (SIMD in the wasm build).
constexpr NamedCase kCases[] = {
    {"Plain1d", "ic1,oc1,i4,k3"},
    {"AsymmetricPadsStrideAboveKernelWithBias1d", "n2,ic3,oc2,i5,k2,s3,pb1,pe0,bias"},
    {"DilationOutputPaddingAsymmetricPads2d", "ic2,oc3,i3x4,k3x2,s2x1,d1x2,pb0x1,pe2x0,op1x0"},
    {"GroupedWithBias2d", "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe0x0,bias"},
    {"DepthwiseDilatedOutputPadding2d", "g3,ic3,oc3,i4x3,k3x3,s2x2,d2x1,op1x1"},
    {"ManyChannels2d", "ic16,oc12,i7x7,k3x3,s2x2,pb1x1,pe1x1,op1x1,bias"},
    {"AsymmetricPadsOutputPaddingWithBias3d",
     "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,pb0x1x0,pe1x0x1,op1x0x1,bias"},
    {"GroupedDilated3d", "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x0x1,bias"},
};
INSTANTIATE_TEST_SUITE_P(
    DeclaredFeatures, OnnxRuntimeComputes,
    ::testing::Combine(::testing::ValuesIn(kBuilds), ::testing::ValuesIn(kCases)),
    [](const ::testing::TestParamInfo<std::tuple<OrtBuild, NamedCase>>& info) {
      return std::string(std::get<0>(info.param).directory) + "_" + std::get<1>(info.param).name;
    });

}  // namespace
}  // namespace tconv
