// tconv-conform, the real binary, on the fault-injection adapters of adapter/faults/:
// each fault is reported with its own verdict in the --json report, on golden cases and
// random problems alike; the run completes (every case accounted for); the exit status
// is 1; and nothing passes that should not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "conform_process.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
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
  args.insert(args.end(), {"--framework", "literature", "--cases", std::to_string(kProblems)});
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

INSTANTIATE_TEST_SUITE_P(InProcess, EveryCaseFails,
                         ::testing::Values(Fault{"crash", "crashed"}, Fault{"abort", "aborted"},
                                           Fault{"exits", "crashed"},
                                           Fault{"hang", "timed_out", {"--timeout-ms", "300"}},
                                           Fault{"overrun", "out_of_bounds"},
                                           Fault{"underrun", "out_of_bounds"},
                                           Fault{"runaway", "out_of_bounds"},
                                           Fault{"unwritten", "unwritten"},
                                           Fault{"nan", "non_finite", {}, true}),
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
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.err;
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
