// The out-of-process adapter client: faults of a Python adapter (faults/*.py) give
// their verdicts, a crashed or hung child is restarted for the next call, and an
// adapter that cannot start or shake hands is refused with a clear error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "adapter_test_support.h"
#include "memory_limit.h"
#include "process_census.h"
#include "problem_string.h"
#include "process_adapter.h"
#include "protocol.h"

namespace tconv {
namespace {

using testing::check_random_case;
using testing::descendants;
using testing::processes_with_argument;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::python_command;
using namespace std::chrono_literals;

constexpr std::uint64_t kDataSeed = 7;
constexpr const char* kProblem = "n2,ic2,oc3,i3x2,k2x2,s2x1,pb1x0,pe0x0,bias,nxc,xoi";
// The hang's timeout; every other call has the default (10 s), ample on a loaded machine.
const ProcessOptions kHangTimeout{std::chrono::milliseconds(1000), std::chrono::seconds(10)};

CallResult run(ProcessAdapter& adapter) {
  return check_random_case<double>(adapter, parse_problem(kProblem), kDataSeed);
}

TEST(ProcessAdapterFaults, ShapeOtherThanTheProblemsIsWrongShape) {
  ProcessAdapter adapter(python_command("faults/wrong_shape.py"));
  // nxc output: [n 2, h 5, w 3, c 3]; the fault appends an axis of size 1.
  const CallResult r = run(adapter);
  EXPECT_EQ(r.verdict, Verdict::wrong_shape) << r.message;
  EXPECT_THAT(r.message, HasSubstr(to_string(parse_problem(kProblem))));
  EXPECT_THAT(r.message, HasSubstr("output shape [2,5,3,3,1], the problem's is [2,5,3,3]"));
}

TEST(ProcessAdapterFaults, CrashMidStreamIsACrashAndTheNextCallRunsInANewProcess) {
  ProcessAdapter adapter(python_command("faults/crash_midstream.py"));
  EXPECT_EQ(run(adapter).verdict, Verdict::passed) << "its first reply is correct";
  const CallResult crash = run(adapter);
  EXPECT_EQ(crash.verdict, Verdict::crashed) << crash.message;
  EXPECT_THAT(crash.message,
              HasSubstr("the adapter process ended during request 2: killed by SIGSEGV"));
  EXPECT_THAT(crash.message, HasSubstr("bytes of a reply"));
  const CallResult after = run(adapter);
  EXPECT_EQ(after.verdict, Verdict::passed) << after.message;
  EXPECT_EQ(adapter.restarts(), 1);
}

TEST(ProcessAdapterFaults, HangIsKilledAtTheTimeoutAndTheNextCallRunsInANewProcess) {
  ProcessAdapter adapter(python_command("faults/hang.py"), kHangTimeout);
  EXPECT_EQ(run(adapter).verdict, Verdict::passed) << "its first reply is correct";
  const auto start = std::chrono::steady_clock::now();
  const CallResult hang = run(adapter);
  EXPECT_EQ(hang.verdict, Verdict::timed_out) << hang.message;
  EXPECT_THAT(hang.message, HasSubstr("no reply within 1000 ms; the adapter process was killed"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  const CallResult after = run(adapter);
  EXPECT_EQ(after.verdict, Verdict::passed) << after.message;
  EXPECT_EQ(adapter.restarts(), 1);
}

// A Python one-liner as the adapter command.
std::vector<std::string> python_code(const std::string& code) { return {TCONV_PYTHON, "-c", code}; }

TEST(ProcessAdapterFaults, ExceptionInTheAdapterIsAnErrorReplyAndTheProcessLivesOn) {
  ProcessAdapter adapter(python_code("import sys; sys.path.insert(0, '" TCONV_ADAPTER_SOURCE_DIR
                                     "/examples')\n"
                                     "import python_adapter\n"
                                     "def fail(request): raise ValueError('no such kernel')\n"
                                     "python_adapter.serve(fail)"));
  for (int call = 0; call < 2; ++call) {
    const CallResult r = run(adapter);
    EXPECT_EQ(r.verdict, Verdict::error) << r.message;
    EXPECT_THAT(r.message, HasSubstr("ValueError: no such kernel"));
  }
  EXPECT_EQ(adapter.restarts(), 0);
}

// Expects constructing the adapter to fail with an AdapterError containing `fragment`.
void expect_refused(const std::vector<std::string>& command, const std::string& fragment) {
  try {
    ProcessAdapter adapter(command);
    ADD_FAILURE() << "accepted " << command.back() << "; expected an error containing '" << fragment
                  << "'";
  } catch (const AdapterError& e) {
    EXPECT_THAT(e.what(), HasSubstr(fragment));
  }
}

TEST(ProcessAdapterStartup, CommandThatDoesNotExistIsRefused) {
  expect_refused({"/nonexistent/adapter"},
                 "cannot start '/nonexistent/adapter': No such file or directory");
}

TEST(ProcessAdapterStartup, ExitBeforeTheHandshakeIsRefusedWithTheExitStatus) {
  expect_refused(python_code("import sys; sys.exit(4)"),
                 "exited with status 4 before its handshake");
}

TEST(ProcessAdapterStartup, OtherProtocolVersionIsRefusedNamingBoth) {
  expect_refused(python_code("import time; print('{\"protocol\": 2}', flush=True); time.sleep(60)"),
                 "the adapter speaks protocol version 2, this suite speaks version 1");
}

TEST(ProcessAdapterStartup, SilenceIsRefusedAtTheStartupTimeout) {
  const ProcessOptions quick{std::chrono::milliseconds(1000), std::chrono::milliseconds(300)};
  try {
    ProcessAdapter adapter(python_code("import time; time.sleep(60)"), quick);
    ADD_FAILURE() << "a silent adapter was accepted";
  } catch (const AdapterError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no handshake within 300 ms"));
  }
}

// --- hostile adapters -----------------------------------------------------------------
// Each gets its verdict, again from a restarted process on the next call (the run goes
// on), and leaves no process behind.

class HostileAdapter : public ::testing::Test {
 protected:
  void SetUp() override { before_ = descendants(); }
  void TearDown() override { EXPECT_EQ(descendants(), before_) << "processes left behind"; }

  // Two calls to the adapter `script` runs with `arguments`: each gets `verdict` with a
  // message containing `fragment`, the second from a restarted process, each in less
  // than `most`, whatever the timeout (a minute).
  void expect_each_call(const std::string& script, const std::vector<std::string>& arguments,
                        Verdict verdict, const std::string& fragment,
                        Clock::duration most = 20s) {
    std::vector<std::string> command = python_command(script);
    command.insert(command.end(), arguments.begin(), arguments.end());
    ProcessAdapter adapter(command, {60s, 10s});
    for (int call = 0; call < 2; ++call) {
      const auto start = Clock::now();
      const CallResult r = run(adapter);
      EXPECT_EQ(r.verdict, verdict) << script << ": " << to_string(r.verdict) << ": " << r.message;
      EXPECT_THAT(r.message, HasSubstr(fragment)) << script;
      EXPECT_LT(Clock::now() - start, most) << script;
    }
    EXPECT_EQ(adapter.restarts(), 1);
  }

 private:
  int before_ = 0;
};

TEST_F(HostileAdapter, DeepNestingAnywhereInAReplyIsAProtocolErrorNamingTheLimit) {
  for (const char* where : {"error", "id", "shape", "layout"}) {
    expect_each_call("faults/deep_nesting.py", {where}, Verdict::protocol_error,
                     "the reply is JSON nested deeper than 64 levels");
  }
}

TEST_F(HostileAdapter, DeepNestingInTheHandshakeIsRefusedNamingTheLimit) {
  std::vector<std::string> command = python_command("faults/deep_nesting.py");
  command.push_back("handshake");
  expect_refused(command, "handshake: JSON nested deeper than 64 levels (at byte 76)");
}

TEST_F(HostileAdapter, HugeReplyIsAProtocolErrorAtTheLengthLimitWithoutReadingIt) {
  // kProblem has 90 output values.
  expect_each_call("faults/huge_reply.py", {}, Verdict::protocol_error,
                   "is longer than 1054336 bytes, the limit for 90 output values (64 bytes each + "
                   "1048576); the adapter process was killed");
}

TEST_F(HostileAdapter, EndlessLineIsAProtocolErrorAtTheLengthLimitNotAtTheTimeout) {
  expect_each_call("faults/endless_line.py", {}, Verdict::protocol_error,
                   "is longer than 1054336 bytes", 10s);
}

TEST_F(HostileAdapter, ExitIsSeenAtOnceThoughGrandchildrenHoldItsStdoutAndNoneOutlivesIt) {
  const std::string seconds = "3600." + std::to_string(getpid());  // only theirs
  expect_each_call("faults/grandchildren.py", {seconds}, Verdict::crashed,
                   ": exited with status 3", 10s);
  EXPECT_EQ(processes_with_argument(seconds), 0) << "grandchildren, in its session or another";
}

// What the adapter `script` makes the suite print on its stderr during one call, which
// gets `verdict`.
std::string stderr_of_a_call(const std::string& script, Verdict verdict) {
  ::testing::internal::CaptureStderr();
  {
    ProcessAdapter adapter(python_command(script));
    const CallResult r = run(adapter);
    EXPECT_EQ(r.verdict, verdict) << to_string(r.verdict) << ": " << r.message;
  }
  return ::testing::internal::GetCapturedStderr();
}

TEST_F(HostileAdapter, ControlBytesOnItsStderrReachTheSuitesEscaped) {
  const std::string shown = stderr_of_a_call("faults/control_bytes.py", Verdict::passed);
  EXPECT_EQ(shown,
            "[adapter] \\x1B[2J\\x1B[H\\x0Dconformance: 999 passed, 0 failed\\x07\\x0D\n");
}

TEST_F(HostileAdapter, LinesOnItsStderrCannotForgeALineOfTheSuites) {
  const std::string shown = stderr_of_a_call("faults/fake_summary.py", Verdict::wrong_values);
  EXPECT_EQ(shown,
            "[adapter] conformance: 999 passed, 0 failed\n"
            "[adapter] conformance: 999 passed, 0 failed\n");
}

TEST_F(HostileAdapter, RunningOutOfMemoryOnAReplyIsThatCallsVerdict) {
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  // A correct reply, padded within its length limit (1054336 bytes) with a string of
  // 1,000,000 bytes: reading it takes some megabytes, more than the suite is given.
  ProcessAdapter adapter(python_code(
      "import json, sys; sys.path.insert(0, '" TCONV_ADAPTER_SOURCE_DIR "/examples')\n"
      "import python_adapter\n"
      "python_adapter.write(python_adapter.HANDSHAKE)\n"
      "for line in sys.stdin:\n"
      "    reply = json.dumps(python_adapter.handle(json.loads(line)))\n"
      "    print(reply[:-1] + ', \"padding\": \"' + 'x' * 1000000 + '\"}', flush=True)"));
  const Problem p = parse_problem(kProblem);
  const auto operands = testing::random_operands<double>(p, kDataSeed);
  std::vector<double> output(static_cast<std::size_t>(output_elements(p)));
  const CallResult r = [&] {
    const testing::AddressSpaceLimit limit(1 << 20);
    return adapter.compute(
        p, DType::float64, {operands.input.data(), operands.weights.data(), operands.bias.data()},
        output.data());
  }();
  EXPECT_EQ(r.verdict, Verdict::protocol_error) << to_string(r.verdict) << ": " << r.message;
  EXPECT_EQ(r.message,
            "the suite ran out of memory during the call (std::bad_alloc); the adapter process "
            "was killed");
  EXPECT_EQ(run(adapter).verdict, Verdict::passed) << "with memory enough, the next call passes";
}

}  // namespace
}  // namespace tconv
