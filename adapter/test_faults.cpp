// Every fault-injection adapter (faults/) through the isolated executor, against the
// direct scatter: each fault gets its own verdict, with a message saying what
// happened, never `passed`; and the run goes on: the next case, right after the
// fault, is computed and checked as usual.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter_test_support.h"
#include "direct_scatter.h"
#include "memory_limit.h"
#include "problem_string.h"
#include "process_census.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::check_random_case;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::uint64_t kDataSeed = 99;
// A 2-D problem using most features. Its output has 2·6·7·5 = 420 elements: n, c of
// 6, h of 7 ((3-1)·2 + (3-1) + 1 - 1 + 1), w of 5 ((4-1) + 2·(2-1) + 1 - 1).
constexpr const char* kProblem = "n2,g2,ic4,oc6,i3x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x0,bias,nxc,oix";
// The hang's timeout; every other call has the default (10 s), ample on a loaded machine.
const IsolationOptions kHangTimeout{std::chrono::milliseconds(500)};

// Checks a verdict and that its message contains the problem string and each fragment.
void expect_verdict(const CallResult& r, Verdict want, const Problem& p,
                    std::initializer_list<std::string> fragments) {
  EXPECT_EQ(r.verdict, want) << "got '" << to_string(r.verdict) << "': " << r.message;
  EXPECT_THAT(r.message, HasSubstr(to_string(p)));
  for (const std::string& f : fragments) EXPECT_THAT(r.message, HasSubstr(f));
}

// The run goes on: right after a fault, the example adapter passes the same case.
void expect_the_run_goes_on(const Problem& p) {
  const auto good = InProcessAdapter::load(adapter_library("c_adapter"));
  const CallResult r = check_random_case<double>(*good, p, kDataSeed);
  EXPECT_EQ(r.verdict, Verdict::passed) << "after the fault: " << r.message;
}

// Runs kProblem (or `problem`) in T through the fault library, data seed kDataSeed.
template <class T = double>
CallResult run_fault(const std::string& fault, const char* problem = kProblem,
                     const IsolationOptions& options = {}) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_" + fault));
  return check_random_case<T>(*adapter, parse_problem(problem), kDataSeed, options);
}

class InProcessFaults : public ::testing::Test {
 protected:
  void TearDown() override { expect_the_run_goes_on(p); }
  const Problem p = parse_problem(kProblem);
};

TEST_F(InProcessFaults, SegmentationFaultIsACrashNamingTheSignal) {
  expect_verdict(run_fault("crash"), Verdict::crashed, p, {"killed by SIGSEGV"});
}

TEST_F(InProcessFaults, AbortIsReportedAsAborted) {
  expect_verdict(run_fault("abort"), Verdict::aborted, p, {"killed by SIGABRT"});
}

TEST_F(InProcessFaults, ExitInsteadOfReturningIsACrash) {
  expect_verdict(run_fault("exits"), Verdict::crashed, p,
                 {"exited with status 3 before compute returned"});
}

TEST_F(InProcessFaults, HangIsKilledAtTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  expect_verdict(run_fault("hang", kProblem, kHangTimeout), Verdict::timed_out, p,
                 {"no result within 500 ms: killed"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// 64·32·32 inputs × 16 taps × 64 channels = 67,108,864 multiply-adds: a call of it is
// allowed 6,710 ms beyond the timeout (call_timeout.h).
constexpr const char* kLargeProblem = "n1,g1,ic64,oc64,i32x32,k4x4,s2x2,pb1x1,pe1x1,ncx,iox";

TEST_F(InProcessFaults, HangOnALargeProblemIsKilledAfterItsAllowance) {
  expect_verdict(run_fault("hang", kLargeProblem, kHangTimeout), Verdict::timed_out,
                 parse_problem(kLargeProblem), {"no result within 7210 ms: killed"});
}

TEST_F(InProcessFaults, ASlowButCorrectCallOfALargeProblemIsNotKilled) {
  // 1 ms would kill any call; the allowance for 67 million multiply-adds (6.7 s) is more
  // than the naive example adapter needs for them, even on a loaded machine.
  const auto example = InProcessAdapter::load(adapter_library("c_adapter"));
  const CallResult r = check_random_case<float>(*example, parse_problem(kLargeProblem), kDataSeed,
                                                IsolationOptions{std::chrono::milliseconds(1)});
  EXPECT_EQ(r.verdict, Verdict::passed) << r.message;
}

// The first placement puts every tensor's end against its guard, the second its start.
// Offsets in the messages: the output has 420 elements (3360 bytes in float64), the
// input 2·4·3·4 = 96.

TEST_F(InProcessFaults, WriteOfOneElementPastTheEndHitsTheGuardAfterTheOutput) {
  expect_verdict(run_fault("overrun"), Verdict::out_of_bounds, p,
                 {"the guard region after the output at byte offset 3360 from the output's start "
                  "(element 420; the output has elements 0..419), killed by SIGSEGV"});
}

TEST_F(InProcessFaults, UnchangedRewriteOfThePastTheEndElementHitsTheGuard) {
  expect_verdict(run_fault("rmw_past_end"), Verdict::out_of_bounds, p,
                 {"the guard region after the output at byte offset 3360 ", "(element 420;"});
}

TEST_F(InProcessFaults, StoreFarPastTheEndHitsTheGuard) {
  // 32 KiB past the end: beyond any canary, within the guard.
  expect_verdict(run_fault("far_store"), Verdict::out_of_bounds, p,
                 {"the guard region after the output at byte offset 36128 ", "(element 4516;"});
}

TEST_F(InProcessFaults, RunawayWriteHitsTheGuardAtTheFirstElementPastTheEnd) {
  expect_verdict(
      run_fault("runaway"), Verdict::out_of_bounds, p,
      {"wrote to the guard region after the output at byte offset 3360 ", "(element 420;"});
}

TEST_F(InProcessFaults, WriteOfOneElementBeforeTheStartChangesTheCanaryBeforeTheOutput) {
  // The nearest changed byte is one of the element's 4 (one may equal the canary's).
  expect_verdict(run_fault<float>("underrun"), Verdict::out_of_bounds, p,
                 {"changed the canary before the output at byte offset -", "(element -1;"});
}

TEST_F(InProcessFaults, WriteOfTheOldFixedCanaryByteChangesTheCanary) {
  // The canary is drawn anew for every call: no constant leaves it intact.
  expect_verdict(run_fault("canary_value"), Verdict::out_of_bounds, p,
                 {"changed the canary before the output at byte offset -", "(element -1;"});
}

TEST_F(InProcessFaults,
       UnchangedRewriteOfTheElementBeforeTheStartHitsTheGuardInTheSecondPlacement) {
  expect_verdict(run_fault("underrun_by_one"), Verdict::out_of_bounds, p,
                 {"the guard region before the output at byte offset -8 from the output's start "
                  "(element -1; the output has elements 0..419)"});
}

TEST_F(InProcessFaults, ReadOfOneElementPastTheInputHitsTheGuardAfterTheInput) {
  expect_verdict(run_fault("read_past_input"), Verdict::out_of_bounds, p,
                 {"read the guard region after the input at byte offset 768 from the input's start "
                  "(element 96; the input has elements 0..95)"});
}

TEST_F(InProcessFaults, WriteToTheInputIsOutOfBounds) {
  expect_verdict(
      run_fault("write_to_input"), Verdict::out_of_bounds, p,
      {"wrote to the read-only input at byte offset 0 from the input's start (element 0;"});
}

TEST_F(InProcessFaults, ForgedReportIsNoVerdict) {
  // It overwrites every shared page and writes "passed" into every pipe and socket it
  // holds, then exits: the suite saw compute return nothing.
  expect_verdict(run_fault("forge_report"), Verdict::crashed, p,
                 {"exited with status 0 before compute returned"});
}

TEST_F(InProcessFaults, AllocatingTwoAndAHalfGiBIsRefused) {
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  expect_verdict(run_fault("memory_hog"), Verdict::error, p, {"cannot allocate 2560 MiB"});
}

TEST_F(InProcessFaults, BadAllocThrownOutOfComputeIsAnError) {
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  expect_verdict(run_fault("throws_bad_alloc"), Verdict::error, p,
                 {"threw an exception: std::bad_alloc"});
}

TEST_F(InProcessFaults, AfterATimeoutTheNextCallRunsInAFreshHost) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_hang"));
  for (int call = 0; call < 2; ++call) {
    expect_verdict(check_random_case<double>(*adapter, p, kDataSeed, kHangTimeout),
                   Verdict::timed_out, p, {"no result within 500 ms: killed"});
  }
}

TEST_F(InProcessFaults, AHostKilledDuringACallIsACrashAndTheNextCallGetsAFreshHost) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_kills_host"));
  for (int call = 0; call < 2; ++call) {
    expect_verdict(check_random_case<double>(*adapter, p, kDataSeed), Verdict::crashed, p,
                   {"the adapter host sent no reply: it was killed by SIGKILL"});
  }
}

TEST_F(InProcessFaults, NoProcessTheAdapterStartedOutlivesItAndNothingReachesStdout) {
  // A unique duration names the sleepers it starts (faults/grandchildren.c).
  const std::string seconds = std::to_string(3000 + getpid() % 1000) + ".25";
  setenv("TCONV_FAULT_SLEEP", seconds.c_str(), 1);
  ::testing::internal::CaptureStdout();
  {
    const auto adapter = InProcessAdapter::load(adapter_library("fault_grandchildren"));
    const CallResult r = check_random_case<double>(*adapter, p, kDataSeed);
    EXPECT_EQ(r.verdict, Verdict::passed) << r.message;
    // Two per placement, while it lives.
    EXPECT_EQ(testing::processes_with_argument_reaching(seconds, 4), 4);
  }
  const std::string out = ::testing::internal::GetCapturedStdout();
  unsetenv("TCONV_FAULT_SLEEP");
  EXPECT_EQ(testing::processes_with_argument(seconds), 0);
  EXPECT_THAT(out, Not(HasSubstr("conformance:")));
}

TEST_F(InProcessFaults, SuccessWithHalfTheOutputUnwrittenIsUnwritten) {
  // The fault copies elements 0..209 of 420: the first batch item.
  expect_verdict(run_fault<std::int64_t>("unwritten"), Verdict::unwritten, p,
                 {"left 210 of 420 output elements unwritten",
                  "the first at output[n=1, c=0, h=0, w=0] (offset 210)"});
}

TEST_F(InProcessFaults, ComputedNaNIsNonFiniteNotUnwritten) {
  for (const CallResult& r : {run_fault<float>("nan"), run_fault<double>("nan")}) {
    // The last element of the output, in nxc: n=1, h=6, w=4, c=5.
    expect_verdict(r, Verdict::non_finite, p,
                   {"output[n=1, c=5, h=6, w=4]", "nan (computed by the adapter)"});
  }
}

TEST_F(InProcessFaults, DeclaredButMissing3DIsAnErrorNotUnsupported) {
  const char* three_d = "ic2,oc2,i2x3x2,k2x2x2";
  expect_verdict(run_fault("false_claims", three_d), Verdict::error, parse_problem(three_d),
                 {"returned status 1: 3-D is not implemented"});
  EXPECT_EQ(run_fault("false_claims").verdict, Verdict::passed) << "it does compute 2-D";
}

// Adapters linked into the test through the C ABI, each with one fault of its own.
constexpr tconv_capabilities kEverything = {
    TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D,
    TCONV_BIT(TCONV_FLOAT64),
    TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
    TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
    TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
        TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
    0};

tconv_adapter linked(const char* name, tconv_compute_fn compute,
                     tconv_capabilities capabilities = kEverything) {
  return {TCONV_ADAPTER_ABI_VERSION, name, "1.0", capabilities, nullptr, nullptr, compute, nullptr};
}

// The correct output, computed by the suite's direct scatter (float64 only).
void correct_output(const tconv_problem* c, const void* input, const void* weights,
                    const void* bias, void* output) {
  const auto values = [](const void* data, std::int64_t n) {
    return std::span<const double>(static_cast<const double*>(data), static_cast<std::size_t>(n));
  };
  conv_transpose_direct_scatter<double>(
      from_c(*c), values(input, c->input_elements), values(weights, c->weight_elements),
      values(bias, c->bias_elements),
      std::span<double>(static_cast<double*>(output),
                        static_cast<std::size_t>(c->output_elements)));
}

class LinkedInFaults : public ::testing::Test {
 protected:
  CallResult run(const tconv_adapter& c) {
    InProcessAdapter adapter(c);
    return check_random_case<double>(adapter, p, kDataSeed);
  }
  void TearDown() override { expect_the_run_goes_on(p); }
  const Problem p = parse_problem(kProblem);
};

TEST_F(LinkedInFaults, SuccessWithNothingWrittenIsUnwritten) {
  const auto nothing = [](void*, const tconv_problem*, const void*, const void*, const void*, void*,
                          std::int64_t, char*, std::size_t) -> std::int32_t { return TCONV_OK; };
  expect_verdict(run(linked("writes nothing", nothing)), Verdict::unwritten, p,
                 {"left 420 of 420 output elements unwritten", "(offset 0)"});
}

TEST_F(LinkedInFaults, AccumulatingIntoTheUnwrittenOutputIsUnwritten) {
  // Adds the correct result to whatever the buffer held instead of setting it: every
  // element is the poison plus a number, a quiet NaN carrying the poison's payload.
  const auto accumulate = [](void*, const tconv_problem* c, const void* x, const void* w,
                             const void* b, void* y, std::int64_t n, char*, std::size_t) {
    std::vector<double> result(static_cast<std::size_t>(n));
    correct_output(c, x, w, b, result.data());
    for (std::int64_t i = 0; i < n; ++i) static_cast<double*>(y)[i] += result[i];
    return TCONV_OK;
  };
  expect_verdict(run(linked("accumulates", accumulate)), Verdict::unwritten, p,
                 {"left 420 of 420 output elements unwritten"});
}

TEST_F(LinkedInFaults, OneWrongElementIsWrongValuesAtItsCoordinate) {
  const auto off_by_one = [](void*, const tconv_problem* c, const void* x, const void* w,
                             const void* b, void* y, std::int64_t, char*, std::size_t) {
    correct_output(c, x, w, b, y);
    static_cast<double*>(y)[7] += 1;  // nxc, 6 channels: n=0, h=0, w=1, c=1
    return TCONV_OK;
  };
  expect_verdict(run(linked("off by one", off_by_one)), Verdict::wrong_values, p,
                 {"output[n=0, c=1, h=0, w=1]: expected ", "exceeds the bound"});
}

TEST_F(LinkedInFaults, ThrownExceptionIsAnError) {
  const auto throws = [](void*, const tconv_problem*, const void*, const void*, const void*, void*,
                         std::int64_t, char*, std::size_t) -> std::int32_t {
    throw std::runtime_error("out of memory, says the adapter");
  };
  expect_verdict(run(linked("throws", throws)), Verdict::error, p,
                 {"threw an exception: out of memory, says the adapter"});
}

TEST_F(LinkedInFaults, WriteOfOneElementPastTheEndHitsTheGuardAsInTheHost) {
  const auto overrun = [](void*, const tconv_problem* c, const void* x, const void* w,
                          const void* b, void* y, std::int64_t n, char*, std::size_t) {
    correct_output(c, x, w, b, y);
    static_cast<volatile double*>(y)[n] = 0;
    return TCONV_OK;
  };
  expect_verdict(
      run(linked("overruns", overrun)), Verdict::out_of_bounds, p,
      {"wrote to the guard region after the output at byte offset 3360 ", "(element 420;"});
}

TEST_F(LinkedInFaults, WhatItPrintsOnStdoutGoesToStderr) {
  const auto prints = [](void*, const tconv_problem* c, const void* x, const void* w, const void* b,
                         void* y, std::int64_t, char*, std::size_t) {
    std::printf("conformance: 999 passed, 0 failed\n");
    std::fflush(stdout);
    correct_output(c, x, w, b, y);
    return TCONV_OK;
  };
  ::testing::internal::CaptureStdout();
  const CallResult r = run(linked("prints", prints));
  EXPECT_THAT(::testing::internal::GetCapturedStdout(), Not(HasSubstr("conformance:")));
  EXPECT_EQ(r.verdict, Verdict::passed) << r.message;
}

TEST_F(LinkedInFaults, UndeclaredFeatureIsUnsupportedAndNeverRun) {
  const auto must_not_run = [](void*, const tconv_problem*, const void*, const void*, const void*,
                               void*, std::int64_t, char* error, std::size_t capacity) {
    std::snprintf(error, capacity, "ran a case it does not support");
    return TCONV_ERROR;
  };
  tconv_capabilities no_bias = kEverything;
  no_bias.features &= ~TCONV_FEATURE_BIAS;
  expect_verdict(run(linked("bias-less", must_not_run, no_bias)), Verdict::unsupported, p,
                 {"needs bias, which bias-less does not declare"});
}

}  // namespace
}  // namespace tconv
