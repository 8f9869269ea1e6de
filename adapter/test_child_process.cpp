// ChildProcess, the suite's side of an out-of-process adapter, against hostile
// children: a line is read in time linear in its length and no further than its
// limit; the child's end is seen at once even while a grandchild holds its stdout;
// nothing it started outlives it; its stderr reaches the suite's marked and escaped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "adapter_interface.h"
#include "child_process.h"
#include "process_census.h"

namespace tconv {
namespace {

using testing::descendants;
using testing::processes_with_argument;
using testing::processes_with_argument_reaching;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// A Python program as the child.
ChildProcess python(const std::string& code) { return ChildProcess({TCONV_PYTHON, "-c", code}); }

// An argument of `sleep` that no other process has: "3600.<pid><n>".
std::string unique_sleep() {
  static int n = 0;
  return "3600." + std::to_string(getpid()) + std::to_string(++n);
}

Clock::time_point in(Clock::duration d) { return Clock::now() + d; }

TEST(ChildProcessLines, ReadsALineUpToItsLimitAndNoLonger) {
  ChildProcess child = python("print('0123456789'); print('01234567890', flush=True)");
  std::string line;
  EXPECT_EQ(child.read_line(line, in(10s), 10), ChildProcess::Io::ok);
  EXPECT_EQ(line, "0123456789");
  EXPECT_EQ(child.read_line(line, in(10s), 10), ChildProcess::Io::too_long);
}

TEST(ChildProcessLines, AnEndlessLineStopsAtTheLimitLongBeforeTheTimeout) {
  ChildProcess child = python("import sys\nwhile True: sys.stdout.write('1,' * 32768)");
  const auto start = Clock::now();
  std::string line;
  EXPECT_EQ(child.read_line(line, in(60s), 1 << 20), ChildProcess::Io::too_long);
  EXPECT_LT(Clock::now() - start, 10s);
}

TEST(ChildProcessLines, ReadingALineTakesTimeLinearInItsLength) {
  // 256 MB arriving in 64 KiB pieces: searching the whole line again for each piece,
  // as the suite once did, took 90 s here (quadratic); searching each byte once, 1.5 s.
  constexpr std::size_t kBytes = std::size_t{256} << 20;
  ChildProcess child = python("import sys\nsys.stdout.write('x' * " + std::to_string(kBytes) +
                              " + '\\n')\nsys.stdout.flush()");
  const auto start = Clock::now();
  std::string line;
  ASSERT_EQ(child.read_line(line, in(120s), kBytes), ChildProcess::Io::ok);
  EXPECT_EQ(line.size(), kBytes);
  EXPECT_LT(Clock::now() - start, 8s);
}

TEST(ChildProcessEnd, IsSeenAtOnceWhileGrandchildrenHoldItsStdoutAndTheyDieWithIt) {
  const int before = descendants();
  const std::string tag = unique_sleep();
  {
    ChildProcess child = python("import subprocess, sys\n"
                                "for session in (True, False):\n"
                                "    subprocess.Popen(['sleep', '" + tag +
                                "'], start_new_session=session)\n"
                                "sys.exit(3)");
    const auto start = Clock::now();
    std::string line;
    EXPECT_EQ(child.read_line(line, in(60s), 100), ChildProcess::Io::closed);
    EXPECT_LT(Clock::now() - start, 10s) << "seen at the exit, not at the deadline";
    const ExitStatus status = child.stop(in(10s));
    EXPECT_FALSE(status.killed);
    EXPECT_EQ(exit_result(status.wait_status).message, "exited with status 3");
    EXPECT_EQ(processes_with_argument(tag), 0) << "the grandchildren, setsid or not";
  }
  EXPECT_EQ(descendants(), before);
}

TEST(ChildProcessEnd, StopKillsTheChildAndEverythingItStarted) {
  const int before = descendants();
  const std::string tag = unique_sleep();
  {
    ChildProcess child = python("import subprocess, time\n"
                                "for session in (True, False):\n"
                                "    subprocess.Popen(['sleep', '" + tag +
                                "'], start_new_session=session)\n"
                                "print('started', flush=True)\n"
                                "time.sleep(3600)");
    std::string line;
    ASSERT_EQ(child.read_line(line, in(30s), 100), ChildProcess::Io::ok);
    EXPECT_EQ(processes_with_argument_reaching(tag, 2), 2);
    const ExitStatus status = child.stop(Clock::now());
    EXPECT_TRUE(status.killed);
    EXPECT_EQ(processes_with_argument(tag), 0);
  }
  EXPECT_EQ(descendants(), before);
}

TEST(ChildProcessEnd, ACommandThatCannotStartIsRefused) {
  const int before = descendants();
  try {
    ChildProcess child({"/nonexistent/adapter"});
    ADD_FAILURE() << "started";
  } catch (const AdapterError& e) {
    EXPECT_STREQ(e.what(), "cannot start '/nonexistent/adapter': No such file or directory");
  }
  EXPECT_EQ(descendants(), before);
}

// What the child writes on its stderr, as the suite's stderr shows it.
std::string relayed_stderr(const std::string& code) {
  ::testing::internal::CaptureStderr();
  {
    ChildProcess child = python(code);
    child.stop(in(10s));
  }
  return ::testing::internal::GetCapturedStderr();
}

TEST(ChildProcessStderr, EachLineIsMarkedAndItsControlBytesEscaped) {
  EXPECT_EQ(relayed_stderr("import sys\n"
                           "sys.stderr.buffer.write(b'\\x1b[2J\\x1b[H\\rconformance: 999 passed, "
                           "0 failed\\ncaf\\xc3\\xa9\\tno newline at the end')"),
            "[adapter] \\x1B[2J\\x1B[H\\x0Dconformance: 999 passed, 0 failed\n"
            "[adapter] caf\\xC3\\xA9\\x09no newline at the end\n");
}

TEST(ChildProcessStderr, ALongLineIsCutIntoLinesOfItsOwn) {
  const std::string relayed = relayed_stderr("import sys; sys.stderr.write('a' * 2500 + '\\n')");
  EXPECT_EQ(relayed, "[adapter] " + std::string(1024, 'a') + "\n[adapter] " +
                         std::string(1024, 'a') + "\n[adapter] " + std::string(452, 'a') + "\n");
}

TEST(ChildProcessStderr, IsReadWhileTheSuiteWaitsSoAChattyChildNeverBlocks) {
  // 1 MB of stderr before its reply: more than a pipe holds.
  ::testing::internal::CaptureStderr();
  ChildProcess child = python("import sys\nsys.stderr.write(('e' * 99 + '\\n') * 10000)\n"
                              "print('reply', flush=True)");
  std::string line;
  EXPECT_EQ(child.read_line(line, in(30s), 100), ChildProcess::Io::ok);
  child.stop(in(10s));
  const std::string relayed = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(line, "reply");
  EXPECT_THAT(relayed, HasSubstr("[adapter] " + std::string(99, 'e') + "\n"));
  EXPECT_EQ(relayed.size(), 10000 * (10 + 100));
}

}  // namespace
}  // namespace tconv
