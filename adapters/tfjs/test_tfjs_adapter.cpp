// The TensorFlow.js adapter (node adapters/tfjs/adapter.mjs) through the line protocol,
// as the runner calls it: it declares what tf.conv2dTranspose takes (and with --conv3d
// conv3dTranspose), a case of each tfjs request (tfjs_request.mjs: 'valid', 'same', a
// number, explicit pads) passes against the direct scatter within the float32 bound, a
// 3-D problem no request expresses is an error saying so, and the rest is unsupported.
// The two findings (adapters/README-libtorch-ort-tfjs.md) are pinned as what tfjs does
// today.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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

// The adapter as it starts by default, or with --conv3d (Conv3d below).
class TfjsAdapter : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::node_packages_installed(
        {"@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-cpu"}));
    adapter_ = std::make_unique<ProcessAdapter>(testing::node_adapter_command("tfjs", options()),
                                                testing::kNodeAdapterOptions);
  }
  virtual std::vector<std::string> options() const { return {}; }

  std::unique_ptr<ProcessAdapter> adapter_;
};

class TfjsAdapterWithConv3d : public TfjsAdapter {
  std::vector<std::string> options() const override { return {"--conv3d"}; }
};

TEST_F(TfjsAdapter, Declares1dAnd2dWithPadsAndOutputPaddingInFloat32ChannelsLastOnly) {
  const tconv_capabilities& c = adapter_->info().capabilities;
  EXPECT_EQ(adapter_->info().name, "tfjs");
  EXPECT_EQ(c.ranks, TCONV_RANK_1D | TCONV_RANK_2D) << "3-D only with --conv3d";
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32)) << "tfjs convolutions take float32 only";
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_XOI));
  EXPECT_EQ(c.features, TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS)
      << "the ops take no groups, dilation or bias";
  EXPECT_EQ(c.max_batch, 0);
}

TEST_F(TfjsAdapterWithConv3d, Declares3dToo) {
  EXPECT_EQ(adapter_->info().capabilities.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D);
}

TEST_F(TfjsAdapter, ThreeDimensionalProblemsAreUnsupportedWithoutConv3d) {
  const CallResult r = run_case(*adapter_, "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,op1x0x1,nxc,xoi");
  EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter_, r);
}

class TfjsComputes : public TfjsAdapterWithConv3d,
                     public ::testing::WithParamInterface<NamedCase> {};

TEST_P(TfjsComputes, WithinTheFloat32Bound) {
  const CallResult r = run_case(*adapter_, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter_, r);
  EXPECT_EQ(adapter_->restarts(), 0) << GetParam().problem;
}

// One case per tfjs request (named first), every rank.
constexpr NamedCase kCases[] = {
    {"ValidWithOutputPadding1d", "n2,ic2,oc3,i5,k3,s2,op1,nxc,xoi"},
    {"ExplicitAsymmetricPads1d", "ic1,oc2,i4,k3,s2,pb2,pe0,nxc,xoi"},
    // TensorFlow's DCGAN generator layer: SAME puts the odd pad element at the end.
    {"SameOddSplit2d", "ic8,oc4,i7x7,k5x5,s2x2,pb1x1,pe2x2,nxc,xoi"},
    {"NumberSquareFilterWithOutputPadding2d",
     "n2,ic2,oc2,i4x3,k3x3,s2x2,pb1x1,pe1x1,op1x1,nxc,xoi"},
    {"ExplicitAsymmetricPadsNonSquare2d", "ic2,oc3,i3x4,k3x4,s2x3,pb2x0,pe0x1,op1x2,nxc,xoi"},
    {"ValidWithOutputPadding3d", "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,op1x0x1,nxc,xoi"},
    {"Same3d", "ic1,oc2,i3x2x2,k3x4x2,s1x2x2,pb1x1x0,pe1x1x0,nxc,xoi"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, TfjsComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

// conv3dTranspose takes 'valid' and 'same' only: pads neither gives are not expressible.
TEST_F(TfjsAdapterWithConv3d, PadsNoConv3dTransposeRequestGivesAreAnErrorSayingNotExpressible) {
  const CallResult r = run_case(*adapter_, "ic1,oc1,i3x3x3,k3x3x3,s2x2x2,pb1x0x0,nxc,xoi");
  EXPECT_EQ(r.verdict, Verdict::error) << describe(*adapter_, r);
  EXPECT_NE(r.message.find("not expressible"), std::string::npos) << describe(*adapter_, r);
  EXPECT_EQ(adapter_->restarts(), 0) << "an error reply keeps the process";
}

TEST_F(TfjsAdapter, GroupsDilationBiasOtherLayoutsAndFloat64AreUnsupported) {
  for (const char* text :
       {"g2,ic2,oc2,i4,k3,nxc,xoi", "ic1,oc1,i4,k3,d2,nxc,xoi", "ic1,oc1,i4,k3,bias,nxc,xoi",
        "ic1,oc1,i4,k3,ncx,xoi", "ic1,oc1,i4,k3,nxc,iox"}) {
    const CallResult r = run_case(*adapter_, text);
    EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter_, r);
  }
  const char* const plain = "ic1,oc1,i4,k3,nxc,xoi";
  const CallResult f64 =
      check_random_case<double>(*adapter_, parse_problem(plain), kBundledDataSeed);
  EXPECT_EQ(f64.verdict, Verdict::unsupported) << plain << " in float64: " << f64.message;
}

// Finding: with a numeric pad, computeOutputShape2D takes both axes' extents from the
// filter height and stride height, so with a non-square filter the kernel walks the
// input with a wrong width. The request (pad 1, outputShape [5, 12]) is the problem's.
TEST_F(TfjsAdapter, FindingNumericPadWithNonSquareFilterComputesWrongValues) {
  const CallResult r = run_case(*adapter_, "ic2,oc2,i3x4,k3x4,s2x3,pb1x1,pe1x1,op0x1,nxc,xoi");
  EXPECT_TRUE(r.verdict == Verdict::wrong_values || r.verdict == Verdict::non_finite)
      << describe(*adapter_, r);
}

// Finding: get3DPadAndOutInfo does not clamp SAME's total padding at 0 as its 2-D twin
// and TensorFlow do; on the last axis (I 2, k 1, s 3, outputShape 5) it becomes -1 and
// that axis comes out shifted by one. The request ('same') is the problem's.
TEST_F(TfjsAdapterWithConv3d, FindingConv3dSameShiftsAnAxisWhoseKernelIsShorterThanItsStride) {
  const CallResult r =
      run_case(*adapter_, "ic2,oc2,i2x3x2,k3x2x1,s2x1x3,pb1x0x0,pe1x1x0,op0x0x1,nxc,xoi");
  EXPECT_EQ(r.verdict, Verdict::wrong_values) << describe(*adapter_, r);
}

}  // namespace
}  // namespace tconv
