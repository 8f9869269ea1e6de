// Arm NN's TransposeConvolution2d on its CpuRef backend through tconv_armnn.so: what it
// declares, one case per declared feature and layout computed within the float32 bound,
// what its descriptor cannot express unsupported, and the batch bug the suite found
// (adapters/README.md#arm-nn).
#include <gtest/gtest.h>

#include <string>

#include "bundled_adapter_test.h"

namespace tconv {
namespace {

using testing::check_random_case;
using testing::describe;
using testing::kBundledDataSeed;
using testing::load_bundled;
using testing::NamedCase;
using testing::run_case;

TEST(ArmnnAdapter, Declares2dFloat32BothLayoutsWithPadsAndBiasOnly) {
  const auto adapter = load_bundled("armnn");
  const tconv_capabilities& c = adapter->info().capabilities;
  EXPECT_EQ(adapter->info().name, "Arm NN");
  EXPECT_EQ(c.ranks, TCONV_RANK_2D) << "TransposeConvolution2d only";
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32)) << "armnn::DataType has no float64 or int64";
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI));
  EXPECT_EQ(c.features, TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS)
      << "the descriptor has no groups, dilation or output padding";
  EXPECT_EQ(c.max_batch, 0);
}

class ArmnnComputes : public ::testing::TestWithParam<NamedCase> {};

TEST_P(ArmnnComputes, WithinTheFloat32Bound) {
  const auto adapter = load_bundled("armnn");
  const CallResult r = run_case(*adapter, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
}

// Both data layouts with every weight layout; non-square kernels, strides and pads, so
// that a swapped H/W (in the pads, the strides or the weights' permutation) fails. Batch
// 1 only: see the bug below.
constexpr NamedCase kCases[] = {
    {"PlainNchw", "ic1,oc1,i3x3,k2x2,ncx"},
    {"PlainNhwc", "ic1,oc1,i3x3,k2x2,nxc"},
    {"StrideAboveKernelWithBiasNchwOix", "ic3,oc2,i3x4,k2x1,s3x2,bias,ncx,oix"},
    {"AsymmetricPadsNhwcXoi", "ic2,oc3,i4x5,k3x4,s2x3,pb2x0,pe0x3,bias,nxc,xoi"},
    {"AsymmetricPadsNchwIox", "ic3,oc2,i5x4,k4x3,s3x2,pb1x2,pe3x0,ncx,iox"},
    {"ManyChannelsNhwcOix", "ic16,oc8,i7x7,k3x3,s2x2,pb1x1,pe1x1,bias,nxc,oix"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, ArmnnComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

TEST(ArmnnAdapter, OtherRanksGroupsDilationOutputPaddingAndFloat64AreUnsupported) {
  const auto adapter = load_bundled("armnn");
  for (const char* text : {"ic1,oc1,i4,k3", "ic1,oc1,i2x2x2,k2x2x2", "g2,ic2,oc2,i3x3,k2x2",
                           "ic1,oc1,i3x3,k2x2,d2x1", "ic1,oc1,i3x3,k2x2,s2x2,op1x0"}) {
    const CallResult r = run_case(*adapter, text);
    EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter, r);
  }
  const char* const plain = "ic1,oc1,i3x3,k2x2";
  const CallResult f64 = check_random_case<double>(*adapter, parse_problem(plain), kBundledDataSeed);
  EXPECT_EQ(f64.verdict, Verdict::unsupported) << plain << " in float64: " << f64.message;
}

// A bug of Arm NN 20.08 (Debian 12), not of the mapping: TransposeConvolution2dLayer::
// InferOutputShapes divides the weights' Cout·Cin by the input's batch·Cin, so with
// batch N > 1 and Cout >= N it infers Cout/N output channels and rejects the network
// ("does not match the inferred shape"), or, where N does not divide Cout, fails its
// assertion "Invalid number of elements" (Debian builds with assertions: SIGABRT). The
// same problems at batch 1 pass (the control cases). If this test fails, the library
// was fixed: put batch > 1 into kCases.
TEST(ArmnnAdapter, KnownBugBatchAboveOneBreaksTheOutputChannelCount) {
  const auto adapter = load_bundled("armnn");
  const CallResult rejected = run_case(*adapter, "n2,ic3,oc2,i3x4,k2x1,s3x2,bias,ncx,oix");
  EXPECT_EQ(rejected.verdict, Verdict::error) << describe(*adapter, rejected);
  EXPECT_NE(rejected.message.find("[2,2,8,7] != [2,1,8,7]"), std::string::npos)
      << describe(*adapter, rejected);
  const CallResult asserted = run_case(*adapter, "n2,ic1,oc3,i3x3,k2x2,nxc");
  EXPECT_EQ(asserted.verdict, Verdict::aborted) << describe(*adapter, asserted);
  for (const char* control : {"n1,ic3,oc2,i3x4,k2x1,s3x2,bias,ncx,oix", "n1,ic1,oc3,i3x3,k2x2,nxc"}) {
    const CallResult r = run_case(*adapter, control);
    EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
  }
}

}  // namespace
}  // namespace tconv
