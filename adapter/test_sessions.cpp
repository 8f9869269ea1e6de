// Sessions (docs/ADAPTERS.md#sessions): the calls of a session run one after the other in
// one child of the adapter host, so that what an adapter keeps between calls survives;
// calls outside a session still run in fresh children; a call that crashes or hangs in
// a session gets its verdict and ends the session, and the next session starts afresh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "adapter_test_support.h"
#include "isolated_call.h"
#include "memory_limit.h"
#include "problem_string.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::check_random_case;
using ::testing::HasSubstr;

const Problem kProblem = parse_problem("n1,ic2,oc3,i4x3,k2x2,s2x1");

IsolationOptions in(SessionStep step) {
  IsolationOptions o;
  o.session = step;
  return o;
}

// fault_stateful is correct for the first two calls of its process (one isolated call:
// two placements), wrong from the third.
class StatefulAdapter : public ::testing::Test {
 protected:
  std::unique_ptr<InProcessAdapter> adapter =
      InProcessAdapter::load(adapter_library("fault_stateful"));
  Verdict call(SessionStep step, std::uint64_t seed = 1) {
    return check_random_case<float>(*adapter, kProblem, seed, in(step)).verdict;
  }
};

TEST_F(StatefulAdapter, PassesEveryCallOutsideASessionEachInAFreshChild) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed)
    EXPECT_EQ(call(SessionStep::none, seed), Verdict::passed);
}

TEST_F(StatefulAdapter, KeepsItsStateFromCallToCallInASession) {
  EXPECT_EQ(call(SessionStep::begin), Verdict::passed);
  EXPECT_EQ(call(SessionStep::next, 2), Verdict::wrong_values);
}

TEST_F(StatefulAdapter, StartsEachSessionInAFreshChild) {
  EXPECT_EQ(call(SessionStep::begin), Verdict::passed);
  EXPECT_EQ(call(SessionStep::begin), Verdict::passed);
  EXPECT_EQ(call(SessionStep::next), Verdict::wrong_values);
  EXPECT_EQ(call(SessionStep::none),
            Verdict::passed);  // outside it: fresh, and it ends the session
  const CallResult after = check_random_case<float>(*adapter, kProblem, 1, in(SessionStep::next));
  EXPECT_EQ(after.verdict, Verdict::crashed);
  EXPECT_THAT(after.message, HasSubstr("no session is running"));
}

TEST(SessionFaults, ACrashEndsTheSessionWithItsVerdict) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_crash"));
  const CallResult crashed =
      check_random_case<float>(*adapter, kProblem, 1, in(SessionStep::begin));
  EXPECT_EQ(crashed.verdict, Verdict::crashed);
  EXPECT_THAT(crashed.message, HasSubstr("SIGSEGV"));
  const CallResult next = check_random_case<float>(*adapter, kProblem, 1, in(SessionStep::next));
  EXPECT_EQ(next.verdict, Verdict::crashed);
  EXPECT_THAT(next.message, HasSubstr("no session is running"));
}

TEST(SessionFaults, AnAdapterCannotRaiseItsMemoryLimitInASession) {
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  // The session child's hard limit is its first call's limit plus 256 MiB: raising the
  // soft limit to it leaves 2.5 GiB beyond the default 2 GiB out of reach.
  setenv("TCONV_FAULT_RAISE_LIMIT", "1", 1);
  const auto adapter = InProcessAdapter::load(adapter_library("fault_memory_hog"));
  for (SessionStep step : {SessionStep::begin, SessionStep::next}) {
    const CallResult r = check_random_case<float>(*adapter, kProblem, 1, in(step));
    EXPECT_EQ(r.verdict, Verdict::error) << r.message;
    EXPECT_THAT(r.message, HasSubstr("cannot allocate 2560 MiB"));
  }
  unsetenv("TCONV_FAULT_RAISE_LIMIT");
}

TEST(SessionFaults, AHangTimesOutAndTheNextSessionStartsAfresh) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_hang"));
  IsolationOptions o = in(SessionStep::begin);
  o.timeout = std::chrono::milliseconds(300);
  EXPECT_EQ(check_random_case<float>(*adapter, kProblem, 1, o).verdict, Verdict::timed_out);
  EXPECT_EQ(check_random_case<float>(*adapter, kProblem, 1, o).verdict, Verdict::timed_out);
}

TEST(SessionFaults, AnOutOfBoundsWriteInASessionHitsTheGuard) {
  const auto adapter = InProcessAdapter::load(adapter_library("fault_overrun"));
  EXPECT_EQ(check_random_case<float>(*adapter, kProblem, 1, in(SessionStep::begin)).verdict,
            Verdict::out_of_bounds);
}

}  // namespace
}  // namespace tconv
