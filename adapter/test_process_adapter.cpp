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
#include "problem_string.h"
#include "process_adapter.h"

namespace tconv {
namespace {

using testing::check_random_case;
using ::testing::HasSubstr;
using testing::python_command;

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

}  // namespace
}  // namespace tconv
