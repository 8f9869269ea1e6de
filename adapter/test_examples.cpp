// The example adapters, in C (in-process, through the ABI, isolated) and in Python
// (out-of-process, through the protocol), pass every problem of a table that touches
// every feature, in every dtype: exactly in int64, within the rounding bound in
// float32 and float64, against the direct-scatter reference.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "adapter_test_support.h"
#include "problem_string.h"
#include "process_adapter.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::check_random_case;
using testing::python_command;

constexpr std::uint64_t kDataSeed = 1234;

// Together these use every rank, layout, weight layout and optional feature.
constexpr const char* kProblems[] = {
    "ic1,oc1,i4,k3",                                          // 1-D, plain
    "n2,ic3,oc2,i5,k2,s3,pb1,pe0,bias,nxc,xoi",               // stride > kernel, asymmetric
    "ic2,oc3,i3x4,k3x2,s2x1,d1x2,pb1x0,pe1x1,op1x0,oix",      // 2-D, dilation, output_padding
    "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe1x0,bias,nxc,iox",  // grouped, channels-last
    "g3,ic3,oc3,i4x3,k3x3,s1x2,d2x1,op1x1,xoi",               // depthwise, op >= stride
    "ic2,oc2,i2x3x2,k2x2x3,s2x1x2,pb1x0x0,pe0x0x1,op1x0x1,bias,ncx,oix",       // 3-D
    "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x0x1,bias,nxc,xoi",  // 3-D grouped, nxc
};

template <class T>
void expect_all_pass(Adapter& adapter) {
  for (const char* text : kProblems) {
    const Problem p = parse_problem(text);
    const CallResult r = check_random_case<T>(adapter, p, kDataSeed);
    EXPECT_EQ(r.verdict, Verdict::passed)
        << adapter.info().name << ", " << to_string(dtype_of<T>()) << ", data seed " << kDataSeed
        << ": " << to_string(r.verdict) << ": " << r.message;
  }
}

template <class T>
class ExampleAdapters : public ::testing::Test {};
using DTypes = ::testing::Types<float, double, std::int64_t>;
TYPED_TEST_SUITE(ExampleAdapters, DTypes);

TYPED_TEST(ExampleAdapters, CAdapterPassesEveryProblemInProcess) {
  const auto adapter = InProcessAdapter::load(adapter_library("c_adapter"));
  EXPECT_EQ(adapter->info().name, "c-example");
  expect_all_pass<TypeParam>(*adapter);
}

TYPED_TEST(ExampleAdapters, PythonAdapterPassesEveryProblemOutOfProcess) {
  ProcessAdapter adapter(python_command("examples/python_adapter.py"));
  EXPECT_EQ(adapter.info().name, "python-example");
  expect_all_pass<TypeParam>(adapter);
  EXPECT_EQ(adapter.restarts(), 0) << "the Python example never needs a restart";
}

}  // namespace
}  // namespace tconv
