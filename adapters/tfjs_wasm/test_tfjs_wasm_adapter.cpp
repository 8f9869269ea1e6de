// The TensorFlow.js WebAssembly adapter (node adapters/tfjs_wasm/adapter.mjs) through the
// line protocol, as the runner calls it: it loads tfjs-backend-wasm's .wasm binary from
// node_modules, declares what tf.conv2dTranspose takes (and with --conv3d
// conv3dTranspose: the wasm backend has both kernels), a case of each tfjs request
// (../tfjs/tfjs_request.mjs, shared with the CPU backend's adapter) passes against the
// direct scatter within the float32 bound, and the rest is unsupported. Its findings
// (adapters/README.md#tensorflowjs-webassembly) are pinned as what tfjs does today: the
// numeric-pad one of tfjs-core, and the 3-D kernel's, which keeps 3-D out of the cases.
#include <gtest/gtest.h>

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

// The adapter as it starts by default, or with --conv3d (WithConv3d below).
class TfjsWasmAdapter : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::node_packages_installed(
        {"@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm"}));
    adapter_ = std::make_unique<ProcessAdapter>(
        testing::node_adapter_command("tfjs_wasm", options()), testing::kNodeAdapterOptions);
  }
  virtual std::vector<std::string> options() const { return {}; }

  std::unique_ptr<ProcessAdapter> adapter_;
};

class TfjsWasmAdapterWithConv3d : public TfjsWasmAdapter {
  std::vector<std::string> options() const override { return {"--conv3d"}; }
};

TEST_F(TfjsWasmAdapter, RunsTheWasmBackendAndDeclares1dAnd2dWithPadsAndOutputPadding) {
  const tconv_capabilities& c = adapter_->info().capabilities;
  EXPECT_EQ(adapter_->info().name, "tfjs-wasm");
  EXPECT_NE(adapter_->info().version.find("tfjs-backend-wasm 4.22.0"), std::string::npos)
      << adapter_->info().version;
  EXPECT_EQ(c.ranks, TCONV_RANK_1D | TCONV_RANK_2D) << "3-D only with --conv3d";
  EXPECT_EQ(c.dtypes, TCONV_BIT(TCONV_FLOAT32));
  EXPECT_EQ(c.layouts, TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(c.weight_layouts, TCONV_BIT(TCONV_XOI));
  EXPECT_EQ(c.features, TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS)
      << "the ops take no groups, dilation or bias";
  EXPECT_EQ(c.max_batch, 0);
}

TEST_F(TfjsWasmAdapterWithConv3d, Declares3dToo) {
  EXPECT_EQ(adapter_->info().capabilities.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D);
}

class TfjsWasmComputes : public TfjsWasmAdapterWithConv3d,
                         public ::testing::WithParamInterface<NamedCase> {};

TEST_P(TfjsWasmComputes, WithinTheFloat32Bound) {
  const CallResult r = run_case(*adapter_, GetParam().problem);
  EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter_, r);
  EXPECT_EQ(adapter_->restarts(), 0) << GetParam().problem;
}

// One case per tfjs request (named first), 1-D and 2-D, batch and many channels. 3-D: see
// the finding below.
constexpr NamedCase kCases[] = {
    {"ValidWithOutputPadding1d", "n2,ic2,oc3,i5,k3,s2,op1,nxc,xoi"},
    {"ExplicitAsymmetricPads1d", "ic1,oc2,i4,k3,s2,pb2,pe0,nxc,xoi"},
    {"SameOddSplit2d", "ic8,oc4,i7x7,k5x5,s2x2,pb1x1,pe2x2,nxc,xoi"},
    {"NumberSquareFilterWithOutputPadding2d",
     "n2,ic2,oc2,i4x3,k3x3,s2x2,pb1x1,pe1x1,op1x1,nxc,xoi"},
    {"ExplicitAsymmetricPadsNonSquare2d", "ic2,oc3,i3x4,k3x4,s2x3,pb2x0,pe0x1,op1x2,nxc,xoi"},
};
INSTANTIATE_TEST_SUITE_P(DeclaredFeatures, TfjsWasmComputes, ::testing::ValuesIn(kCases),
                         testing::case_name);

TEST_F(TfjsWasmAdapter, ThreeDimensionalGroupsDilationBiasOtherLayoutsAndFloat64AreUnsupported) {
  for (const char* text :
       {"ic2,oc2,i2x3x2,k2x2x3,s2x1x2,op1x0x1,nxc,xoi", "g2,ic2,oc2,i4,k3,nxc,xoi",
        "ic1,oc1,i4,k3,d2,nxc,xoi", "ic1,oc1,i4,k3,bias,nxc,xoi", "ic1,oc1,i4,k3,ncx,xoi",
        "ic1,oc1,i4,k3,nxc,iox"}) {
    const CallResult r = run_case(*adapter_, text);
    EXPECT_EQ(r.verdict, Verdict::unsupported) << describe(*adapter_, r);
  }
  const char* const plain = "ic1,oc1,i4,k3,nxc,xoi";
  const CallResult f64 =
      check_random_case<double>(*adapter_, parse_problem(plain), kBundledDataSeed);
  EXPECT_EQ(f64.verdict, Verdict::unsupported) << plain << " in float64: " << f64.message;
}

// Finding of tfjs-core, whatever the backend (the CPU adapter's test has it too): with a
// numeric pad, computeOutputShape2D takes both axes' extents from the filter height and
// stride height. The request (pad 1, outputShape [5, 12]) is the problem's.
TEST_F(TfjsWasmAdapter, FindingNumericPadWithNonSquareFilterComputesWrongValues) {
  const CallResult r = run_case(*adapter_, "ic2,oc2,i3x4,k3x4,s2x3,pb1x1,pe1x1,op0x1,nxc,xoi");
  EXPECT_TRUE(r.verdict == Verdict::wrong_values || r.verdict == Verdict::non_finite)
      << describe(*adapter_, r);
}

// Finding of the wasm kernel: NDHWCConv3DBackpropInputV2Impl (src/cc/conv3d_impl.h)
// bounds its loops over the input by integer DivFloor((k + corner), s) where tfjs-cpu
// divides in floating point, dropping a tap whenever s does not divide k + corner, and
// its depth bound lacks the + xf_corner of the rows and columns, so depth frames past
// the first get nothing. The same problems along the width or height with stride 1 pass
// (the controls). If this test fails, the kernel was fixed: put 3-D cases into kCases.
TEST_F(TfjsWasmAdapterWithConv3d, FindingConv3dKernelDropsTaps) {
  for (const char* wrong : {"ic1,oc1,i2x1x1,k1x1x1,nxc,xoi",           // a second depth frame
                            "ic1,oc1,i1x1x1,k1x1x1,s1x1x2,nxc,xoi"}) {  // k + corner = 1 < s
    const CallResult r = run_case(*adapter_, wrong);
    EXPECT_EQ(r.verdict, Verdict::wrong_values) << describe(*adapter_, r);
  }
  for (const char* control : {"ic1,oc1,i1x1x2,k1x1x1,nxc,xoi", "ic1,oc1,i1x2x1,k1x1x1,nxc,xoi"}) {
    const CallResult r = run_case(*adapter_, control);
    EXPECT_EQ(r.verdict, Verdict::passed) << describe(*adapter_, r);
  }
}

}  // namespace
}  // namespace tconv
