// tconv-conform, the real binary, on the fault-injection adapters of adapter/faults/:
// each fault is reported with its own verdict in the --json report, on golden cases and
// random problems alike; the run completes (every case accounted for); the exit status
// is 1; and nothing passes that should not. A library that crashes while loading, or
// declares what the ABI has no bits for, cannot be used (exit status 2); nothing an
// adapter prints reaches the runner's stdout, and no process it starts outlives the run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "conform_process.h"
#include "memory_limit.h"
#include "process_census.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::python_adapter;
using testing::run_conform;

constexpr int kLiteratureCases = 6;  // vectors/literature.json, all within the model
constexpr int kChecks = 4;           // property checks per random problem
constexpr int kProblems = 2;

struct Fault {
  std::string name;                     // fault_<name>.so, or a Python script of adapter/faults/
  std::string verdict;                  // of every case
  std::vector<std::string> extra = {};  // arguments
  bool shape_passes = false;            // a complete output of the right shape, wrong values
};

void PrintTo(const Fault& f, std::ostream* os) { *os << f.name; }

ConformRun run_fault(const Fault& f) {
  std::vector<std::string> args =
      f.name.ends_with(".py")
          ? std::vector<std::string>{"--adapter-cmd", python_adapter("faults/" + f.name)}
          : std::vector<std::string>{"--adapter", adapter_library("fault_" + f.name)};
  // Golden and property phases: the topology phase's real layers would make each fault's
  // run take seconds (test_conform_topology.cpp tests that phase).
  args.insert(args.end(), {"--phase", "golden,property", "--framework", "literature", "--cases",
                           std::to_string(kProblems)});
  args.insert(args.end(), f.extra.begin(), f.extra.end());
  return run_conform(args);
}

class EveryCaseFails : public ::testing::TestWithParam<Fault> {};

TEST_P(EveryCaseFails, WithTheFaultsVerdictAndTheRunCompletes) {
  const Fault& f = GetParam();
  const ConformRun r = run_fault(f);
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  ASSERT_FALSE(r.report.is_null()) << r.command << "\n" << r.err;
  EXPECT_EQ(r.cases("golden").size(), static_cast<std::size_t>(kLiteratureCases)) << r.command;
  EXPECT_EQ(r.cases("property").size(), static_cast<std::size_t>(kChecks * kProblems)) << r.command;
  for (const auto& c : r.report["cases"]) {
    const std::string what = r.command + ": " + c["id"].get<std::string>() + " (" +
                             c["check"].get<std::string>() +
                             "): " + c["message"].get<std::string>();
    const bool may_pass = f.shape_passes && c["check"] == "output shape";
    EXPECT_EQ(c["verdict"], may_pass ? "passed" : f.verdict) << what;
    if (!c["failure"]) continue;
    EXPECT_THAT(c["message"].get<std::string>(),
                ::testing::StartsWith(c["problem"].get<std::string>()))
        << what;
    EXPECT_THAT(c["reproduce"].get<std::string>(),
                HasSubstr(c["phase"] == "golden" ? "--case " : "--problem "))
        << what;
  }
  EXPECT_EQ(r.report["totals"]["failed"],
            kLiteratureCases + (f.shape_passes ? kChecks - 1 : kChecks) * kProblems);
}

std::vector<Fault> in_process_faults() {
  std::vector<Fault> faults = {Fault{"crash", "crashed"},
                               Fault{"abort", "aborted"},
                               Fault{"exits", "crashed"},
                               Fault{"hang", "timed_out", {"--timeout-ms", "300"}},
                               Fault{"overrun", "out_of_bounds"},
                               Fault{"underrun", "out_of_bounds"},
                               Fault{"runaway", "out_of_bounds"},
                               Fault{"unwritten", "unwritten"},
                               Fault{"nan", "non_finite", {}, true},
                               Fault{"forge_report", "crashed"},
                               Fault{"rmw_past_end", "out_of_bounds"},
                               Fault{"canary_value", "out_of_bounds"},
                               Fault{"far_store", "out_of_bounds"},
                               Fault{"read_past_input", "out_of_bounds"},
                               Fault{"write_to_input", "out_of_bounds"},
                               Fault{"underrun_by_one", "out_of_bounds"}};
  // AddressSanitizer ends a process whose allocation fails, before it can report.
  if (!testing::kAddressSanitizer) {
    faults.insert(faults.end(), {Fault{"memory_hog", "error"}, Fault{"throws_bad_alloc", "error"}});
  }
  return faults;
}

INSTANTIATE_TEST_SUITE_P(InProcess, EveryCaseFails, ::testing::ValuesIn(in_process_faults()),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(OutOfProcess, EveryCaseFails,
                         ::testing::Values(Fault{"wrong_shape.py", "wrong_shape"}),
                         [](const auto&) { return "wrong_shape"; });

// The faults of a process that fails every second request: those calls fail with the
// verdict, the process is restarted, the others pass; the run completes.
class EverySecondCallFails : public ::testing::TestWithParam<Fault> {};

TEST_P(EverySecondCallFails, OnlyWithTheFaultsVerdictAndTheRunCompletes) {
  const Fault& f = GetParam();
  const ConformRun r = run_fault(f);
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  EXPECT_EQ(r.cases("golden").size(), static_cast<std::size_t>(kLiteratureCases)) << r.command;
  EXPECT_EQ(r.cases("property").size(), static_cast<std::size_t>(kChecks * kProblems)) << r.command;
  std::multiset<std::string> verdicts;
  for (const auto& c : r.report["cases"]) verdicts.insert(c["verdict"]);
  EXPECT_GT(verdicts.count(f.verdict), 0u) << r.command;
  EXPECT_GT(verdicts.count("passed"), 0u) << r.command;
  EXPECT_EQ(verdicts.count(f.verdict) + verdicts.count("passed"), verdicts.size()) << r.command;
}

INSTANTIATE_TEST_SUITE_P(OutOfProcess, EverySecondCallFails,
                         ::testing::Values(Fault{"hang.py", "timed_out", {"--timeout-ms", "500"}},
                                           Fault{"crash_midstream.py", "crashed"}),
                         [](const auto& info) {
                           return info.param.name.substr(0, info.param.name.size() - 3);
                         });

// An adapter that starts processes leaving its process group and session, and prints a
// fake summary line on its stdout: the run passes (it computes correctly), the line
// never reaches the runner's stdout, and no process it started outlives the run.
TEST(Grandchildren, NeitherOutliveTheRunNorReachItsStdout) {
  const std::string seconds = std::to_string(3000 + getpid() % 1000) + ".75";
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_grandchildren"), "--phase",
                                    "golden,property", "--framework", "literature", "--cases", "2"},
                                   {{"TCONV_FAULT_SLEEP", seconds}});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("999 passed"))) << r.command;
  EXPECT_THAT(r.err, HasSubstr("conformance: 999 passed")) << "printed on stderr, marked";
  EXPECT_EQ(testing::processes_with_argument(seconds), 0) << r.command;
}

// --memory-limit-mb bounds every in-process call of both phases, and the replay
// commands keep it: 64 MiB is refused under 16, allowed under the default.
TEST(MemoryLimit, BoundsEveryCallOfBothPhasesAndReplaysKeepIt) {
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  const std::vector<std::string> run = {"--adapter",   adapter_library("fault_memory_hog"),
                                        "--phase",     "golden,property",
                                        "--framework", "literature",
                                        "--cases",     "2"};
  const std::map<std::string, std::string> hog_64_mib = {{"TCONV_FAULT_HOG_MIB", "64"}};
  std::vector<std::string> limited = run;
  limited.insert(limited.end(), {"--memory-limit-mb", "16"});
  const ConformRun refused = run_conform(limited, hog_64_mib);
  EXPECT_EQ(refused.exit_status, 1) << refused.command << "\n" << refused.err;
  EXPECT_EQ(refused.cases().size(),
            static_cast<std::size_t>(kLiteratureCases + kChecks * kProblems));
  for (const auto& c : refused.cases()) {
    EXPECT_EQ(c["verdict"], "error") << c["id"] << ": " << c["message"];
    EXPECT_THAT(c["message"].get<std::string>(), HasSubstr("cannot allocate 64 MiB"));
    EXPECT_THAT(c["reproduce"].get<std::string>(), HasSubstr("--memory-limit-mb 16"));
  }
  const ConformRun allowed = run_conform(run, hog_64_mib);
  EXPECT_EQ(allowed.exit_status, 0) << allowed.command << "\n" << allowed.err;
}

// A library that crashes, or declares what the ABI has no bits for, cannot be used:
// exit status 2 with the reason, never a crash of the runner.
TEST(Loading, ACrashingConstructorIsReportedAndTheRunnerLives) {
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_ctor_crash")});
  EXPECT_EQ(r.exit_status, 2) << r.command << "\n" << r.err;
  EXPECT_THAT(r.err, HasSubstr("fault_ctor_crash.so crashed while loading: its host was killed "
                               "by SIGSEGV"));
}

TEST(Loading, UnknownCapabilityBitsAreReportedNamingFieldAndValue) {
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_unknown_capability")});
  EXPECT_EQ(r.exit_status, 2) << r.command << "\n" << r.err;
  EXPECT_THAT(r.err, HasSubstr("tconv_capabilities.features = 0x100020: unknown bits 0x100000"));
}

// fault_false_claims declares 3-D but returns an error there: every 3-D case fails with
// `error` (never unsupported, never passed), every other case passes.
void expect_errors_exactly_in_3d(const ConformRun& r, std::size_t minimum_3d) {
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  std::size_t three_d = 0;
  for (const auto& c : r.report["cases"]) {
    const bool is_3d =
        std::find(c["features"].begin(), c["features"].end(), "3-D") != c["features"].end();
    EXPECT_EQ(c["verdict"], is_3d ? "error" : "passed")
        << c["id"] << ": " << c["problem"] << ": " << c["message"];
    if (is_3d) {
      EXPECT_THAT(c["message"].get<std::string>(), HasSubstr("3-D is not implemented"));
      ++three_d;
    }
  }
  EXPECT_GE(three_d, minimum_3d) << r.command;
}

TEST(FalseClaims, FailsOnEvery3DGoldenCaseItClaims) {
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_false_claims"), "--phase",
                                    "golden", "--framework", "pytorch", "--rank", "3"});
  EXPECT_GT(r.cases("golden").size(), 10u);
  expect_errors_exactly_in_3d(r, r.cases("golden").size());
}

TEST(FalseClaims, FailsOnEvery3DRandomProblemAndPassesTheOthers) {
  const ConformRun r = run_conform(
      {"--adapter", adapter_library("fault_false_claims"), "--phase", "property", "--cases", "30"});
  EXPECT_EQ(r.cases("property").size(), static_cast<std::size_t>(kChecks * 30));
  expect_errors_exactly_in_3d(r, kChecks);
}

// An adapter that declares too little: problems it does not declare are unsupported,
// never run, never counted toward --cases; the draw budget bounds the search.
TEST(UndeclaredDType, LeavesEveryRandomProblemUnsupportedAndStopsAtTheDrawBudget) {
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_nan"), "--phase",
                                    "property", "--dtype", "int64", "--cases", "3"});
  EXPECT_EQ(r.exit_status, 3) << "nothing was checked\n" << r.command << "\n" << r.err;
  ASSERT_EQ(r.cases().size(), 1u) << "one record per missing capability";
  const nlohmann::json c = r.cases().front();
  EXPECT_EQ(c["verdict"], "unsupported");
  EXPECT_THAT(c["message"].get<std::string>(),
              HasSubstr("in int64: needs int64, which fault-nan does not declare; 300 of the 300 "
                        "random problems drawn need it"));
  EXPECT_THAT(r.out, HasSubstr("only 0 of the 3 random problems found in 300 draws"));
}

}  // namespace
}  // namespace tconv
