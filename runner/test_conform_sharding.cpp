// --shard i/n (and GoogleTest's GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS) partitions the
// cases of a run exactly: the shards' cases together are the unsharded run's, and no
// case is in two shards; golden cases and random problems alike. --merge-reports joins
// the shards' reports into one whose totals are the unsharded run's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "conform_process.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using testing::run_conform;

// A case of a report: phase, id, check; and its problem and verdict, which a shard must
// reproduce.
using CaseKey = std::tuple<std::string, std::string, std::string>;
using Cases = std::map<CaseKey, std::string>;

Cases cases_of(const ConformRun& r) {
  EXPECT_FALSE(r.report.is_null()) << r.command << "\n" << r.err;
  Cases cases;
  for (const auto& c : r.cases()) {
    const CaseKey key{c["phase"], c["id"], c["check"]};
    EXPECT_TRUE(
        cases.emplace(key, c["problem"].get<std::string>() + " " + c["verdict"].get<std::string>())
            .second)
        << r.command << ": " << c["id"] << " (" << c["check"] << ") twice";
  }
  return cases;
}

void expect_shards_partition(const std::vector<std::string>& arguments, int shards) {
  const Cases all = cases_of(run_conform(arguments));
  Cases joined;
  for (int i = 0; i < shards; ++i) {
    std::vector<std::string> sharded = arguments;
    sharded.insert(sharded.end(), {"--shard", std::to_string(i) + "/" + std::to_string(shards)});
    const ConformRun r = run_conform(sharded);
    EXPECT_EQ(r.report["shard"]["index"], i);
    EXPECT_EQ(r.report["shard"]["count"], shards);
    const Cases shard = cases_of(r);
    EXPECT_FALSE(shard.empty()) << r.command;
    for (const auto& [key, result] : shard) {
      EXPECT_TRUE(joined.emplace(key, result).second)
          << std::get<1>(key) << " (" << std::get<2>(key) << ") is in two shards";
    }
  }
  EXPECT_EQ(joined, all) << "the shards together differ from the unsharded run";
}

TEST(Shards, PartitionTheBuiltInRunsGoldenAndRandomCases) {
  // small: the topology phase's small real layers only
  expect_shards_partition({"--cases", "40", "--size", "small"}, 3);
}

TEST(Shards, PartitionAnAdaptersGoldenAndRandomCases) {
  expect_shards_partition(
      {"--adapter", adapter_library("c_adapter"), "--framework", "tfjs", "--cases", "20", "--size",
       "small"},  // small: the topology phase's small real layers only
      4);
}

// A file of this test process's own in the temporary directory: ctest runs tests in
// parallel, each in its own process.
std::filesystem::path scratch_file(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("tconv-sharding-" + std::to_string(getpid()) + "-" + name);
}

// The unsharded run, and its n shards' reports merged by --merge-reports: the same
// totals (passed, failed, unsupported), the same exit status.
void expect_merged_shards_total_as_the_whole_run(const std::vector<std::string>& arguments,
                                                 int shards) {
  const ConformRun whole = run_conform(arguments);
  ASSERT_FALSE(whole.report.is_null()) << whole.command << "\n" << whole.err;
  std::vector<std::string> merge{"--merge-reports"};
  for (int i = 0; i < shards; ++i) {
    std::vector<std::string> sharded = arguments;
    sharded.insert(sharded.end(), {"--shard", std::to_string(i) + "/" + std::to_string(shards)});
    const ConformRun r = run_conform(sharded);
    ASSERT_FALSE(r.report.is_null()) << r.command << "\n" << r.err;
    const auto path = scratch_file("shard-" + std::to_string(i) + ".json");
    std::ofstream(path) << r.report.dump();
    merge.push_back(path.string());
  }
  const ConformRun merged = run_conform(merge);
  ASSERT_FALSE(merged.report.is_null()) << merged.command << "\n" << merged.err;
  EXPECT_EQ(merged.report["totals"], whole.report["totals"]) << merged.command;
  EXPECT_EQ(merged.exit_status, whole.exit_status) << merged.command << "\n" << merged.err;
  EXPECT_EQ(merged.report["shard"], (nlohmann::json{{"index", 0}, {"count", 1}}));
  for (std::size_t i = 1; i < merge.size(); ++i) std::filesystem::remove(merge[i]);
}

TEST(MergedShards, TotalAsTheWholeBuiltInRun) {
  // small: the topology phase's small real layers only
  expect_merged_shards_total_as_the_whole_run({"--cases", "40", "--size", "small"}, 3);
}

TEST(MergedShards, TotalAsTheWholeRunOfAFailingAdapter) {
  expect_merged_shards_total_as_the_whole_run(
      {"--adapter", adapter_library("fault_nan"), "--framework", "literature", "--cases", "6",
       "--size", "small"},  // small: the topology phase's small real layers only
      3);
}

// Each shard leaves out its own random problems for a missing capability: one record
// per shard, standing for the shard's count of them (cases_represented).
TEST(MergedShards, CountEveryUnsupportedRandomProblemOnce) {
  expect_merged_shards_total_as_the_whole_run(
      {"--adapter", adapter_library("fault_nan"), "--phase", "property", "--dtype", "int64",
       "--cases", "3"},
      3);
}

TEST(MergedShards, RefuseAMissingOrRepeatedShardOrAnotherRun) {
  std::vector<std::string> paths;
  for (const char* shard : {"0/2", "1/2"}) {
    const ConformRun r = run_conform({"--cases", "4", "--size", "small", "--shard", shard});
    paths.push_back(scratch_file("refused-" + std::to_string(paths.size()) + ".json").string());
    std::ofstream(paths.back()) << r.report.dump();
  }
  const ConformRun other_seed =
      run_conform({"--cases", "4", "--size", "small", "--shard", "1/2", "--seed", "9"});
  paths.push_back(scratch_file("refused-2.json").string());
  std::ofstream(paths.back()) << other_seed.report.dump();
  const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
      {{paths[0]}, "shard 1 of 2 is missing"},
      {{paths[0], paths[0], paths[1]}, "given twice"},
      {{paths[0], paths[2]}, "differs in seed"},
      {{"/nonexistent/report.json"}, "cannot be read"}};
  for (const auto& [reports, message] : refused) {
    std::vector<std::string> arguments{"--merge-reports"};
    arguments.insert(arguments.end(), reports.begin(), reports.end());
    const ConformRun r = run_conform(arguments);
    EXPECT_EQ(r.exit_status, 2) << r.command;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.command << "\n" << r.err;
  }
  for (const std::string& path : paths) std::filesystem::remove(path);
}

TEST(Shards, ComeFromGoogleTestsVariablesAsFromShard) {
  const std::string status =
      scratch_file("shard-status").string();
  std::filesystem::remove(status);
  const ConformRun from_variables =
      run_conform({"--cases", "20", "--size", "small"}, {{"GTEST_SHARD_INDEX", "1"},
                                      {"GTEST_TOTAL_SHARDS", "3"},
                                      {"GTEST_SHARD_STATUS_FILE", status}});
  EXPECT_EQ(cases_of(from_variables),
            cases_of(run_conform({"--cases", "20", "--size", "small", "--shard", "1/3"})));
  EXPECT_TRUE(std::filesystem::exists(status))
      << "the status file tells the runner sharding is understood";
  std::filesystem::remove(status);
}

}  // namespace
}  // namespace tconv
