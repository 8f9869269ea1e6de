// The libtorch adapter (tconv_libtorch.so), loaded through the C ABI and called isolated
// as the runner calls it: it declares exactly what at::conv_transpose*d's arguments
// express, and each declared feature passes against the direct-scatter reference in
// float32 and float64; what it does not declare is unsupported, and refused with a
// reason when called directly.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bundled_adapter_test.h"
#include "capabilities.h"

namespace tconv {
namespace {

using testing::check_random_case;
using testing::describe;
using testing::kBundledDataSeed;
using testing::load_bundled;
using testing::NamedCase;
using testing::run_case;

TEST(LibtorchAdapter, DeclaresWhatConvTransposeExpresses) {
  const auto adapter = load_bundled("libtorch");
  const tconv_capabilities& caps = adapter->info().capabilities;
  EXPECT_EQ(adapter->info().name, "libtorch");
  EXPECT_EQ(caps.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D) << tconv::describe(caps);
  EXPECT_EQ(caps.dtypes, TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64))
      << tconv::describe(caps);
  EXPECT_EQ(caps.layouts, TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC)) << tconv::describe(caps);
  EXPECT_EQ(caps.weight_layouts, TCONV_BIT(TCONV_IOX)) << tconv::describe(caps);
  EXPECT_EQ(caps.features, TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE |
                               TCONV_FEATURE_DILATION | TCONV_FEATURE_OUTPUT_PADDING |
                               TCONV_FEATURE_BIAS)
      << "asymmetric pads have no conv_transpose argument: " << tconv::describe(caps);
  EXPECT_EQ(caps.max_batch, 0) << tconv::describe(caps);
}

class LibtorchComputes : public ::testing::TestWithParam<NamedCase> {};

TEST_P(LibtorchComputes, WithinTheFloat32Bound) {
  const auto adapter = load_bundled("libtorch");
  const CallResult r = run_case(*adapter, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter, r);
}

TEST_P(LibtorchComputes, WithinTheFloat64Bound) {
  const auto adapter = load_bundled("libtorch");
  const CallResult r =
      check_random_case<double>(*adapter, parse_problem(GetParam().problem), kBundledDataSeed);
  EXPECT_EQ(r.verdict, Verdict::passed) << "float64, data seed " << kBundledDataSeed << ": "
                                        << to_string(r.verdict) << ": " << r.message;
}

// Together: every rank, both layouts and every declared feature.
constexpr NamedCase kCases[] = {
    {"Plain1d", "ic1,oc1,i4,k3"},
    {"StrideAboveKernelPaddedWithBias1d", "n2,ic3,oc2,i5,k2,s3,pb1,pe1,bias"},
    {"ChannelsLastOutputPadding1d", "n2,ic2,oc3,i5,k3,s2,pb1,pe1,op1,nxc"},
    {"DilationOutputPadding2d", "ic2,oc3,i3x4,k3x2,s2x1,d1x2,pb1x0,pe1x0,op1x0"},
    {"GroupedChannelsLastWithBias2d", "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb1x0,pe1x0,bias,nxc"},
    {"DepthwiseOutputPaddingBelowDilation2d", "g3,ic3,oc3,i4x3,k3x3,s1x2,d2x1,op1x1"},
    {"PaddedOutputPaddingWithBias3d", "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,pb1x0x1,pe1x0x1,op1x0x1,bias"},
    {"GroupedDilatedChannelsLast3d",
     "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x1x0,bias,nxc"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, LibtorchComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

TEST(LibtorchAdapter, AsymmetricPadsOtherWeightLayoutsAndInt64AreUnsupported) {
  const auto adapter = load_bundled("libtorch");
  for (const char* text : {"ic1,oc1,i4,k3,s2,pb1,pe0", "ic1,oc1,i4,k3,oix", "ic1,oc1,i4,k3,xoi"}) {
    const CallResult r = run_case(*adapter, text);
    EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter, r);
  }
  const char* const plain = "ic1,oc1,i4,k3";
  const CallResult integer =
      check_random_case<std::int64_t>(*adapter, parse_problem(plain), kBundledDataSeed);
  EXPECT_EQ(integer.verdict, Verdict::unsupported) << plain << " in int64: " << integer.message;
}

// Past the capability check (a caller of the C ABI that ignores the declaration), an
// asymmetric problem is an error with the reason, never a symmetric problem's output.
TEST(LibtorchAdapter, AsymmetricPadsCalledDirectlyAreRefusedWithTheReason) {
  const auto adapter = load_bundled("libtorch");
  const Problem p = parse_problem("ic1,oc1,i4,k3,s2,pb1,pe0");
  const auto operands = testing::random_operands<float>(p, kBundledDataSeed);
  std::vector<float> output(static_cast<std::size_t>(output_elements(p)));
  const CallResult r = adapter->compute(
      p, DType::float32, {operands.input.data(), operands.weights.data(), nullptr}, output.data());
  EXPECT_EQ(r.verdict, Verdict::error) << to_string(p) << ": " << r.message;
  EXPECT_NE(r.message.find("asymmetric pads are not expressible"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace tconv
