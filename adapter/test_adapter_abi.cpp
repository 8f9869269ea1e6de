// The C ABI (include/tconv/adapter.h) from the suite's side: a problem crosses it with
// every field, capabilities decide what is unsupported, adapters load from a shared
// library or a linked-in struct with clear errors when they cannot, and init /
// finalize run where the header says.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "adapter_test_support.h"
#include "capabilities.h"
#include "isolated_call.h"
#include "problem_string.h"

namespace tconv {
namespace {

using testing::adapter_library;
using ::testing::HasSubstr;

TEST(CProblem, HoldsEveryFieldOfTheProblem) {
  const Problem p =
      parse_problem("n2,g2,ic4,oc6,i5x7,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x0,bias,nxc,oix");
  const CProblem c(p, DType::float32);
  const tconv_problem& t = c.get();
  EXPECT_EQ(t.rank, 2);
  EXPECT_EQ(t.batch, 2);
  EXPECT_EQ(t.groups, 2);
  EXPECT_EQ(t.in_channels, 4);
  EXPECT_EQ(t.out_channels, 6);
  const auto axis = [&](const std::int64_t(&v)[3]) { return std::vector<std::int64_t>(v, v + 3); };
  EXPECT_EQ(axis(t.input_size), (std::vector<std::int64_t>{5, 7, 1}));  // unused axis: size 1
  EXPECT_EQ(axis(t.kernel), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(axis(t.stride), (std::vector<std::int64_t>{2, 1, 1}));
  EXPECT_EQ(axis(t.dilation), (std::vector<std::int64_t>{1, 2, 1}));
  EXPECT_EQ(axis(t.pad_begin), (std::vector<std::int64_t>{1, 0, 0}));
  EXPECT_EQ(axis(t.pad_end), (std::vector<std::int64_t>{0, 1, 0}));
  EXPECT_EQ(axis(t.output_padding), (std::vector<std::int64_t>{1, 0, 0}));
  // O = (I-1)s + d(k-1) + 1 - pb - pe + op: 8 + 2 + 1 - 1 + 1 = 11; 6 + 2 + 1 - 1 = 8.
  EXPECT_EQ(axis(t.output_size), (std::vector<std::int64_t>{11, 8, 1}));
  EXPECT_EQ(t.input_elements, 2 * 4 * 5 * 7);
  EXPECT_EQ(t.weight_elements, 6 * 2 * 3 * 2);
  EXPECT_EQ(t.bias_elements, 6);
  EXPECT_EQ(t.output_elements, 2 * 6 * 11 * 8);
  EXPECT_EQ(t.has_bias, 1);
  EXPECT_EQ(t.layout, TCONV_NXC);
  EXPECT_EQ(t.weight_layout, TCONV_OIX);
  EXPECT_EQ(t.dtype, TCONV_FLOAT32);
  EXPECT_STREQ(t.text, to_string(p).c_str());
}

TEST(CProblem, FromCGivesBackTheProblemAndDType) {
  for (const char* text :
       {"ic1,oc1,i4,k3", "n3,g3,ic3,oc6,i2x2x2,k2x1x2,s1x2x1,d2x1x1,op1x1x0,bias,ncx,xoi",
        "ic2,oc2,i3x4,k2x2,pb1x0,pe0x1,nxc,iox"}) {
    const Problem p = parse_problem(text);
    for (DType d : {DType::float32, DType::float64, DType::int64}) {
      const CProblem c(p, d);
      EXPECT_EQ(from_c(c.get()), p) << text;
      EXPECT_EQ(dtype_from_c(c.get()), d) << text;
    }
  }
}

TEST(CProblem, FromCRefusesFieldsOutOfRangeNamingThem) {
  const CProblem valid(parse_problem("ic1,oc1,i4,k3"), DType::float64);
  const struct {
    void (*spoil)(tconv_problem&);
    const char* fragment;
  } cases[] = {
      {[](tconv_problem& t) { t.rank = 4; }, "tconv_problem.rank = 4: must be 1, 2 or 3"},
      {[](tconv_problem& t) { t.layout = 2; }, "tconv_problem.layout = 2: must be in [0, 2)"},
      {[](tconv_problem& t) { t.weight_layout = -1; }, "tconv_problem.weight_layout = -1"},
      {[](tconv_problem& t) { t.has_bias = 2; }, "tconv_problem.has_bias = 2: must be 0 or 1"},
      {[](tconv_problem& t) { t.stride[0] = 0; }, "axes[0].stride = 0: must be >= 1"},
      {[](tconv_problem& t) { t.dtype = 3; }, "tconv_problem.dtype = 3"},
  };
  for (const auto& c : cases) {
    tconv_problem t = valid.get();
    c.spoil(t);
    try {
      from_c(t);
      dtype_from_c(t);
      ADD_FAILURE() << "accepted; expected '" << c.fragment << "'";
    } catch (const ProblemError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.fragment));
    }
  }
}

TEST(DTypeNames, AreThoseOfTheGoldenVectors) {
  for (DType d : {DType::float32, DType::float64, DType::int64})
    EXPECT_EQ(parse_dtype(to_string(d)), d);
  EXPECT_STREQ(to_string(DType::float32), "float32");
  EXPECT_THROW(parse_dtype("float16"), std::invalid_argument);
}

constexpr tconv_capabilities kEverything = {
    TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D,
    TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64),
    TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
    TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
    TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
        TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
    0};

TEST(Capabilities, EachUndeclaredCapabilityMakesTheProblemThatNeedsItUnsupported) {
  const struct {
    const char* problem;
    DType dtype;
    void (*withdraw)(tconv_capabilities&);
    const char* name;
  } cases[] = {
      {"ic1,oc1,i2x2x2,k1x1x1", DType::float64,
       [](tconv_capabilities& c) { c.ranks &= ~TCONV_RANK_3D; }, "3-D"},
      {"ic1,oc1,i2,k1", DType::float32,
       [](tconv_capabilities& c) { c.dtypes &= ~TCONV_BIT(TCONV_FLOAT32); }, "float32"},
      {"ic1,oc1,i2,k1", DType::int64,
       [](tconv_capabilities& c) { c.dtypes &= ~TCONV_BIT(TCONV_INT64); }, "int64"},
      {"ic1,oc1,i2,k1,nxc", DType::float64,
       [](tconv_capabilities& c) { c.layouts = TCONV_BIT(TCONV_NCX); }, "layout nxc"},
      {"ic1,oc1,i2,k1,oix", DType::float64,
       [](tconv_capabilities& c) { c.weight_layouts &= ~TCONV_BIT(TCONV_OIX); }, "weights oix"},
      {"g2,ic4,oc2,i2,k1", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_GROUPED; }, "grouped"},
      {"g2,ic2,oc4,i2,k1", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_DEPTHWISE; }, "depthwise"},
      {"ic1,oc1,i2x2,k2x2,d1x2", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_DILATION; }, "dilation"},
      {"ic1,oc1,i2,k2,s2,op1", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_OUTPUT_PADDING; },
       "output_padding"},
      {"ic1,oc1,i3,k3,pb1,pe0", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_ASYMMETRIC_PADS; },
       "asymmetric_pads"},
      {"ic1,oc1,i2,k1,bias", DType::float64,
       [](tconv_capabilities& c) { c.features &= ~TCONV_FEATURE_BIAS; }, "bias"},
      {"n3,ic1,oc1,i2,k1", DType::float64, [](tconv_capabilities& c) { c.max_batch = 2; },
       "batch 3 > max_batch 2"},
  };
  for (const auto& c : cases) {
    const Problem p = parse_problem(c.problem);
    EXPECT_EQ(unsupported_feature(kEverything, p, c.dtype), std::nullopt) << c.problem;
    tconv_capabilities less = kEverything;
    c.withdraw(less);
    EXPECT_EQ(unsupported_feature(less, p, c.dtype), std::optional<std::string>(c.name))
        << c.problem;
  }
}

TEST(Capabilities, SymmetricPadsAndUnitDilationNeedNoFeature) {
  const tconv_capabilities bare = {
      TCONV_RANK_2D, TCONV_BIT(TCONV_FLOAT64), TCONV_BIT(TCONV_NCX), TCONV_BIT(TCONV_IOX), 0, 1};
  EXPECT_EQ(unsupported_feature(bare, parse_problem("ic2,oc3,i4x4,k3x3,s2x2,pb1x1,pe1x1"),
                                DType::float64),
            std::nullopt);
}

TEST(Capabilities, EveryBitTheABIDefinesIsValid) {
  EXPECT_EQ(invalid_capabilities(kEverything), std::nullopt);
  tconv_capabilities limited = kEverything;
  limited.max_batch = 4;
  EXPECT_EQ(invalid_capabilities(limited), std::nullopt);
}

TEST(Capabilities, AnUnknownBitOrANegativeMaxBatchIsInvalidNamingFieldAndValue) {
  const struct {
    void (*spoil)(tconv_capabilities&);
    const char* error;
  } cases[] = {
      {[](tconv_capabilities& c) { c.ranks |= 8; },
       "tconv_capabilities.ranks = 0xf: unknown bits 0x8 (known: 0x7)"},
      {[](tconv_capabilities& c) { c.dtypes |= TCONV_BIT(3); },
       "tconv_capabilities.dtypes = 0xf: unknown bits 0x8 (known: 0x7)"},
      {[](tconv_capabilities& c) { c.layouts |= 1u << 31; },
       "tconv_capabilities.layouts = 0x80000003: unknown bits 0x80000000 (known: 0x3)"},
      {[](tconv_capabilities& c) { c.weight_layouts = 16; },
       "tconv_capabilities.weight_layouts = 0x10: unknown bits 0x10 (known: 0x7)"},
      {[](tconv_capabilities& c) { c.features |= 64; },
       "tconv_capabilities.features = 0x7f: unknown bits 0x40 (known: 0x3f)"},
      {[](tconv_capabilities& c) { c.max_batch = -3; },
       "tconv_capabilities.max_batch = -3: must be >= 0 (0: no limit)"},
  };
  for (const auto& c : cases) {
    tconv_capabilities spoilt = kEverything;
    c.spoil(spoilt);
    EXPECT_EQ(invalid_capabilities(spoilt), std::optional<std::string>(c.error));
  }
}

TEST(Capabilities, DescribeListsTheDeclaration) {
  const tconv_capabilities some = {TCONV_RANK_1D | TCONV_RANK_2D,
                                   TCONV_BIT(TCONV_FLOAT32),
                                   TCONV_BIT(TCONV_NXC),
                                   TCONV_BIT(TCONV_XOI),
                                   TCONV_FEATURE_BIAS | TCONV_FEATURE_DILATION,
                                   0};
  EXPECT_EQ(describe(some),
            "ranks 1-D 2-D; dtypes float32; layouts nxc; weights xoi; features dilation bias; "
            "max_batch unlimited");
}

// Expects loading `library` to fail with an AdapterError containing `fragment`.
void expect_load_refused(const std::string& library, const std::string& fragment) {
  try {
    InProcessAdapter::load(library);
    ADD_FAILURE() << "loaded " << library << "; expected '" << fragment << "'";
  } catch (const AdapterError& e) {
    EXPECT_THAT(e.what(), HasSubstr(fragment));
  }
}

TEST(Loading, TheCExampleLoadsWithItsDeclaration) {
  const auto adapter = InProcessAdapter::load(adapter_library("c_adapter"));
  EXPECT_EQ(adapter->info().name, "c-example");
  EXPECT_EQ(adapter->info().version, "1.0");
  EXPECT_EQ(describe(adapter->info().capabilities), describe(kEverything));
}

TEST(Loading, AMissingLibraryIsRefusedNamingIt) {
  expect_load_refused("/nonexistent/adapter.so",
                      "cannot load adapter library /nonexistent/adapter.so");
}

TEST(Loading, ALibraryWithoutTheEntryPointIsRefused) {
  expect_load_refused("libm.so.6", "adapter library libm.so.6 does not export tconv_adapter_get");
}

TEST(Loading, AnotherABIVersionIsRefusedNamingBoth) {
  expect_load_refused(
      adapter_library("fault_wrong_abi"),
      "was built for adapter ABI version " + std::to_string(TCONV_ADAPTER_ABI_VERSION + 1) +
          ", this suite speaks version " + std::to_string(TCONV_ADAPTER_ABI_VERSION));
}

TEST(Loading, UnknownCapabilityBitsAreRefusedNamingFieldAndValue) {
  expect_load_refused(adapter_library("fault_unknown_capability"),
                      "(fault-unknown-capability): tconv_capabilities.features = 0x100020: "
                      "unknown bits 0x100000 (known: 0x3f)");
}

TEST(Loading, ANegativeMaxBatchIsRefusedNamingIt) {
  expect_load_refused(
      adapter_library("fault_negative_max_batch"),
      "(fault-negative-max-batch): tconv_capabilities.max_batch = -1: must be >= 0");
}

TEST(Loading, ACrashingConstructorIsAnErrorNotTheSuitesCrash) {
  expect_load_refused(adapter_library("fault_ctor_crash"),
                      "fault_ctor_crash.so crashed while loading: its host was killed by SIGSEGV");
}

TEST(Loading, AHangingConstructorIsAnErrorAfterTheLoadTimeout) {
  const auto start = std::chrono::steady_clock::now();
  try {
    InProcessAdapter::load(adapter_library("fault_ctor_hang"), {std::chrono::milliseconds(500)});
    ADD_FAILURE() << "loaded";
  } catch (const AdapterError& e) {
    EXPECT_THAT(e.what(), HasSubstr("fault_ctor_hang.so did not load within 500 ms"));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Loading, AMissingHostIsRefusedNamingIt) {
  setenv("TCONV_ADAPTER_HOST", "/nonexistent/tconv-adapter-host", 1);
  expect_load_refused(adapter_library("c_adapter"),
                      "cannot start '/nonexistent/tconv-adapter-host': No such file or directory");
  unsetenv("TCONV_ADAPTER_HOST");
}

TEST(Loading, TheLibraryIsNeverLoadedIntoTheLoadingProcess) {
  const auto mapped = [] {
    std::ifstream maps("/proc/self/maps");
    return std::string(std::istreambuf_iterator<char>(maps), {}).find("/c_adapter.so") !=
           std::string::npos;
  };
  const auto adapter = InProcessAdapter::load(adapter_library("c_adapter"));
  const Problem p = parse_problem("ic1,oc1,i2,k1");
  const double x[] = {1, 2}, w[] = {3};
  double y[2];
  EXPECT_EQ(isolated_call(*adapter, p, DType::float64, {x, w, nullptr}, y).verdict,
            Verdict::completed);
  EXPECT_FALSE(mapped()) << "loaded and called in its host only";
  // Called directly (a benchmark), it runs here.
  EXPECT_EQ(adapter->compute(p, DType::float64, {x, w, nullptr}, y).verdict, Verdict::completed);
  EXPECT_EQ(y[1], 6);
  EXPECT_TRUE(mapped());
}

TEST(Loading, ALinkedInStructWithoutComputeIsRefused) {
  const tconv_adapter c = {
      TCONV_ADAPTER_ABI_VERSION, "empty", "0", kEverything, nullptr, nullptr, nullptr, nullptr};
  EXPECT_THROW(InProcessAdapter{c}, AdapterError);
}

TEST(Loading, ALinkedInStructWithUnknownCapabilitiesIsRefused) {
  const auto compute = [](void*, const tconv_problem*, const void*, const void*, const void*, void*,
                          std::int64_t, char*, std::size_t) { return TCONV_OK; };
  tconv_capabilities spoilt = kEverything;
  spoilt.max_batch = -1;
  const tconv_adapter c = {
      TCONV_ADAPTER_ABI_VERSION, "spoilt", "0", spoilt, nullptr, nullptr, compute, nullptr};
  try {
    InProcessAdapter adapter(c);
    ADD_FAILURE() << "accepted";
  } catch (const AdapterError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("linked-in adapter (spoilt): tconv_capabilities.max_batch = -1"));
  }
}

// A linked-in adapter counting its init and finalize calls; compute fails unless init ran.
struct Lifecycle {
  int inits = 0, finalizes = 0;
  bool init_fails = false;
};

tconv_adapter counting_adapter(Lifecycle& life) {
  const auto init = [](void* user, char* error, std::size_t capacity) -> std::int32_t {
    auto& l = *static_cast<Lifecycle*>(user);
    ++l.inits;
    if (!l.init_fails) return TCONV_OK;
    std::snprintf(error, capacity, "no licence");
    return TCONV_ERROR;
  };
  const auto compute = [](void* user, const tconv_problem*, const void*, const void*, const void*,
                          void* output, std::int64_t n, char*, std::size_t) -> std::int32_t {
    if (static_cast<Lifecycle*>(user)->inits == 0) return TCONV_ERROR;
    for (std::int64_t i = 0; i < n; ++i) static_cast<double*>(output)[i] = 0;
    return TCONV_OK;
  };
  const auto finalize = [](void* user) { ++static_cast<Lifecycle*>(user)->finalizes; };
  return {TCONV_ADAPTER_ABI_VERSION, "counting", "1", kEverything, &life, init, compute, finalize};
}

TEST(Lifecycle, InitRunsOnceBeforeTheFirstComputeAndFinalizeAtUnload) {
  Lifecycle life;
  const tconv_adapter c = counting_adapter(life);
  const Problem p = parse_problem("ic1,oc1,i2,k1");
  const double x[] = {1, 2}, w[] = {3};
  double y[2];
  {
    InProcessAdapter adapter(c);
    EXPECT_EQ(life.inits, 0) << "not before the first compute";
    for (int call = 0; call < 2; ++call) {
      EXPECT_EQ(adapter.compute(p, DType::float64, {x, w, nullptr}, y).verdict, Verdict::completed);
    }
    EXPECT_EQ(life.inits, 1);
    EXPECT_EQ(life.finalizes, 0);
  }
  EXPECT_EQ(life.finalizes, 1);
}

TEST(Lifecycle, IsolatedCallsInitInTheForkedChildOnly) {
  Lifecycle life;
  const tconv_adapter c = counting_adapter(life);
  InProcessAdapter adapter(c);
  const Problem p = parse_problem("ic1,oc1,i2,k1");
  const double x[] = {1, 2}, w[] = {3};
  double y[2];
  const CallResult r = isolated_call(adapter, p, DType::float64, {x, w, nullptr}, y);
  EXPECT_EQ(r.verdict, Verdict::completed) << "compute saw init run in the child: " << r.message;
  EXPECT_EQ(life.inits, 0) << "the parent never ran init";
}

TEST(Lifecycle, FailedInitIsAnErrorWithItsMessage) {
  Lifecycle life;
  life.init_fails = true;
  const tconv_adapter c = counting_adapter(life);
  InProcessAdapter adapter(c);
  const double x[] = {1, 2}, w[] = {3};
  double y[2];
  const CallResult r =
      adapter.compute(parse_problem("ic1,oc1,i2,k1"), DType::float64, {x, w, nullptr}, y);
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.message, "init failed: no licence");
}

}  // namespace
}  // namespace tconv
