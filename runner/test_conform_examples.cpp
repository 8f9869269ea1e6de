// tconv-conform, the real binary, on implementations that conform: the built-in
// references and the example adapters (in-process C, out-of-process Python) pass every
// case of a small run and exit 0, with every case accounted for; a failure's replay
// command re-runs just that case; usage errors and an unusable adapter exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "conform_process.h"
#include "golden_cases.h"
#include "golden_self_checks.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
using testing::python_adapter;
using testing::run_conform;

const GoldenVectors& stored() {
  static const GoldenVectors vectors(TCONV_VECTORS_DIR);
  return vectors;
}

// The records a full golden phase has: one per case that runs on adapters, or one per
// applicable self-check of every case for the built-in references.
int golden_records(bool adapter) {
  int records = 0;
  for (const GoldenCase& c : stored().cases()) {
    if (adapter) {
      records += runs_on_adapters(*c.vector) ? 1 : 0;
    } else {
      for (const GoldenSelfCheck& check : golden_self_checks())
        records += check.applies(*c.vector) ? 1 : 0;
    }
  }
  return records;
}

// Exit 0, every case passed, and the expected number of golden and property records.
void expect_conforms(const ConformRun& r, int golden, int property) {
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.out << r.err;
  ASSERT_FALSE(r.report.is_null()) << r.command << "\n" << r.err;
  EXPECT_EQ(r.report["totals"]["failed"], 0) << r.command;
  EXPECT_EQ(r.report["totals"]["unsupported"], 0) << r.command;
  EXPECT_EQ(r.cases("golden").size(), static_cast<std::size_t>(golden)) << r.command;
  EXPECT_EQ(r.cases("property").size(), static_cast<std::size_t>(property)) << r.command;
  for (const auto& c : r.report["cases"]) {
    EXPECT_EQ(c["verdict"], "passed") << c["id"] << " (" << c["check"] << "): " << c["message"];
  }
  EXPECT_THAT(r.out,
              HasSubstr("conformance: " + std::to_string(golden + property) + " passed, 0 failed"));
}

// Golden and property phases: the topology phase has its tests (test_conform_topology.cpp),
// and the Python example's pure-Python scatter would take minutes on its real layers.
TEST(ConformingImplementations, BuiltInReferencesPassEveryGoldenSelfCheckAndRandomProblem) {
  expect_conforms(run_conform({"--phase", "golden,property", "--cases", "100"}),
                  golden_records(false), 100);
}

TEST(ConformingImplementations, CExampleAdapterPassesInProcess) {
  // Four property checks per random problem.
  expect_conforms(run_conform({"--adapter", adapter_library("c_adapter"), "--phase",
                               "golden,property", "--cases", "25"}),
                  golden_records(true), 4 * 25);
}

TEST(ConformingImplementations, PythonExampleAdapterPassesOutOfProcess) {
  expect_conforms(
      run_conform({"--adapter-cmd", python_adapter("examples/python_adapter.py"), "--phase",
                   "golden,property", "--cases", "25"}),
      golden_records(true), 4 * 25);
}

TEST(Replay, TheReplayCommandOfAFailureReRunsJustThatCaseWithTheSameResult) {
  // A topology case replays as the agreement check of its problem (test_conform_topology.cpp).
  const ConformRun run =
      run_conform({"--adapter", adapter_library("fault_nan"), "--phase", "golden,property",
                   "--cases", "2", "--framework", "literature", "--seed", "5"});
  ASSERT_EQ(run.exit_status, 1) << run.out << run.err;
  int replayed = 0;
  for (const auto& c : run.report["cases"]) {
    if (!c["failure"]) continue;
    const ConformRun again = testing::run_command_line(c["reproduce"]);
    EXPECT_EQ(again.exit_status, 1) << again.command << "\n" << again.err;
    const auto cases = again.cases(c["phase"]);
    const auto same = std::find_if(cases.begin(), cases.end(), [&](const nlohmann::json& a) {
      return a["check"] == c["check"];
    });
    ASSERT_NE(same, cases.end()) << again.command;
    EXPECT_EQ((*same)["problem"], c["problem"]) << again.command;
    EXPECT_EQ((*same)["dtype"], c["dtype"]) << again.command;
    EXPECT_EQ((*same)["verdict"], c["verdict"]) << again.command;
    EXPECT_EQ((*same)["message"], c["message"]) << again.command;
    ++replayed;
  }
  EXPECT_EQ(replayed, 6 + 3 * 2)
      << "every literature case, and all but the shape check of 2 problems";
}

TEST(TimeBudget, StopsDrawingWhenSpentAndSaysSo) {
  const auto start = std::chrono::steady_clock::now();
  const ConformRun r =
      run_conform({"--phase", "property", "--cases", "1000000", "--time-budget", "1"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("time budget of 1 s spent: drawing stopped after "));
  EXPECT_GT(r.cases("property").size(), 0u);
  EXPECT_LT(r.cases("property").size(), 1000000u);
}

TEST(UnusableCommandLines, ExitWithStatus2AndAClearMessage) {
  const ConformRun usage = run_conform({"--cases", "0"});
  EXPECT_EQ(usage.exit_status, 2);
  EXPECT_THAT(usage.err, HasSubstr("--cases 0: must be an integer in [1, "));

  const ConformRun missing = run_conform({"--adapter", "/nonexistent/adapter.so"});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_THAT(
      missing.err,
      HasSubstr("cannot use the adapter: cannot load adapter library /nonexistent/adapter.so"));

  const ConformRun wrong_abi = run_conform({"--adapter", adapter_library("fault_wrong_abi")});
  EXPECT_EQ(wrong_abi.exit_status, 2);
  EXPECT_THAT(wrong_abi.err,
              HasSubstr("was built for adapter ABI version 2, this suite speaks version 1"));

  const ConformRun no_handshake = run_conform({"--adapter-cmd", "/bin/true"});
  EXPECT_EQ(no_handshake.exit_status, 2);
  EXPECT_THAT(no_handshake.err, HasSubstr("cannot use the adapter: adapter command '/bin/true'"));

  const ConformRun no_case = run_conform({"--case", "no_such_case"});
  EXPECT_EQ(no_case.exit_status, 2);
  EXPECT_THAT(no_case.err, HasSubstr("--case no_such_case: no stored golden case has this id"));
  for (const ConformRun* r : {&usage, &missing, &wrong_abi, &no_handshake, &no_case}) {
    EXPECT_TRUE(r->report.is_null()) << r->command << " wrote a report";
  }
}

}  // namespace
}  // namespace tconv
