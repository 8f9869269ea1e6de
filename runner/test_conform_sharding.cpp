// --shard i/n (and GoogleTest's GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS) partitions the
// cases of a run exactly: the shards' cases together are the unsharded run's, and no
// case is in two shards; golden cases and random problems alike.
#include <gtest/gtest.h>

#include <filesystem>
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
  expect_shards_partition({"--cases", "40"}, 3);
}

TEST(Shards, PartitionAnAdaptersGoldenAndRandomCases) {
  expect_shards_partition(
      {"--adapter", adapter_library("c_adapter"), "--framework", "tfjs", "--cases", "20"}, 4);
}

TEST(Shards, ComeFromGoogleTestsVariablesAsFromShard) {
  const std::string status =
      (std::filesystem::temp_directory_path() / "tconv-conform-shard-status").string();
  std::filesystem::remove(status);
  const ConformRun from_variables =
      run_conform({"--cases", "20"}, {{"GTEST_SHARD_INDEX", "1"},
                                      {"GTEST_TOTAL_SHARDS", "3"},
                                      {"GTEST_SHARD_STATUS_FILE", status}});
  EXPECT_EQ(cases_of(from_variables), cases_of(run_conform({"--cases", "20", "--shard", "1/3"})));
  EXPECT_TRUE(std::filesystem::exists(status))
      << "the status file tells the runner sharding is understood";
  std::filesystem::remove(status);
}

}  // namespace
}  // namespace tconv
