// What a person reads after a run of tconv-conform: the terminal summary stays short
// (failures grouped, unsupported cases counted by reason), each repeated --problem runs,
// and a replay command works from any directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conform_process.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using testing::run_command_line;
using testing::run_conform;

int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Runs with the working directory `dir`, then restores it.
template <class Run>
ConformRun in_directory(const std::filesystem::path& dir, Run run) {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  ConformRun r = run();
  std::filesystem::current_path(before);
  return r;
}

TEST(Reports, EachRepeatedProblemRuns) {
  const ConformRun r = run_conform({"--problem", "ic1,oc1,i3,k2", "--problem", "ic2,oc1,i4,k3,s2"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.err;
  std::set<std::string> problems;
  for (const auto& c : r.cases()) problems.insert(c["problem"].get<std::string>());
  EXPECT_EQ(problems, (std::set<std::string>{"n1,g1,ic1,oc1,i3,k2,s1,d1,pb0,pe0,op0,nobias,ncx,iox",
                                             "n1,g1,ic2,oc1,i4,k3,s2,d1,pb0,pe0,op0,nobias,ncx,iox"}))
      << "a repeated --problem must not replace the first";
}

// Every golden case of a NaN-writing adapter fails: one terminal entry per group, the
// smallest case first; the JSON report keeps every case.
TEST(Reports, TheTerminalShowsOneEntryPerFailureGroupSmallestFirst) {
  const ConformRun r = run_conform(
      {"--adapter", adapter_library("fault_nan"), "--phase", "golden", "--framework", "tfjs"});
  ASSERT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  const int failures = r.report["totals"]["failed"];
  const auto& groups = r.report["failure_groups"];
  ASSERT_GT(failures, 100);
  ASSERT_LT(groups.size(), static_cast<std::size_t>(failures));
  EXPECT_LT(line_count(r.out), 300) << failures << " failures";
  std::size_t grouped = 0;
  for (const auto& g : groups) grouped += g["count"].get<std::size_t>();
  EXPECT_EQ(grouped, static_cast<std::size_t>(failures)) << "every failure is in one group";
  const auto& smallest = r.report["cases"][groups[0]["cases"][0].get<int>()];
  EXPECT_NE(r.out.find("    1. "), std::string::npos) << r.out;
  EXPECT_LT(r.out.find(smallest["id"].get<std::string>()), r.out.find("    2. ")) << r.out;
}

TEST(Reports, APassingRunCountsItsUnsupportedCasesByReason) {
  // fault_nan declares no int64: each of the 300 random problems drawn is unsupported.
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_nan"), "--phase",
                                    "property", "--dtype", "int64", "--cases", "3",
                                    "--allow-empty"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.err;
  EXPECT_NE(r.out.find("unsupported (300), not counted as passes; by reason:\n"
                       "     300  needs int64, which fault-nan does not declare\n"),
            std::string::npos)
      << r.out;
  EXPECT_LT(line_count(r.out), 80) << r.out;
}

TEST(Reports, AReplayCommandWorksFromAnotherDirectory) {
  const std::filesystem::path library = adapter_library("fault_nan");
  const ConformRun r = in_directory(library.parent_path(), [&] {
    return run_conform({"--adapter", "./" + library.filename().string(), "--phase", "golden",
                        "--framework", "literature"});
  });
  ASSERT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  const std::string reproduce = r.cases().front()["reproduce"];
  EXPECT_NE(reproduce.find("--adapter " + library.string()), std::string::npos) << reproduce;
  const ConformRun replay =
      in_directory("/", [&] { return run_command_line(reproduce + " --quiet"); });
  EXPECT_EQ(replay.exit_status, r.exit_status) << reproduce << "\n" << replay.err;
  EXPECT_NE(replay.out.find("conformance: 0 passed, 1 failed"), std::string::npos)
      << reproduce << "\n" << replay.out << replay.err;
}

}  // namespace
}  // namespace tconv
