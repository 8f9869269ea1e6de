// --merge-reports' parts: a JSON report read back is the report it was written from, and
// the shards of one run merge into one whose totals are the sums of theirs.
#include <gtest/gtest.h>

#include <sstream>

#include "problem_string.h"
#include "report_json.h"
#include "report_merge.h"
#include "sample_report.h"

namespace tconv {
namespace {

const RunReport kSample = testing::sample_report();

std::string json_of(const RunReport& report) {
  std::ostringstream out;
  write_json_report(out, report);
  return out.str();
}

RunReport read_back(const std::string& text) { return read_json_report(text, "report.json"); }

// The sample without its invalid UTF-8, which JSON carries as U+FFFD.
RunReport utf8_sample() {
  RunReport report = kSample;
  report.cases[4].id = "random-17";
  report.cases[4].message = "killed by SIGSEGV";
  report.cases[4].reproduce = "tconv-conform --seed 7";
  return report;
}

TEST(ReadJsonReport, ReadsBackWhatWasWrittenFieldByField) {
  const RunReport report = utf8_sample();
  const std::string text = json_of(report);
  EXPECT_EQ(json_of(read_back(text)), text);
}

TEST(ReadJsonReport, NamesTheFileAndTheFieldOfABrokenReport) {
  for (const auto& [text, fragment] : std::vector<std::pair<std::string, std::string>>{
           {"not json", "report.json: not a tconv-conform JSON report"},
           {"{\"format\": \"other\", \"format_version\": 1}", "format_version 1"},
           {"{}", "format"}}) {
    try {
      read_back(text);
      ADD_FAILURE() << text << " was read";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  }
  std::string broken = json_of(utf8_sample());
  broken.replace(broken.find("\"verdict\": \"passed\""), 19, "\"verdict\": \"fine\"");
  try {
    read_back(broken);
    ADD_FAILURE() << "an unknown verdict was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cases[0]: verdict 'fine'"), std::string::npos)
        << e.what();
  }
}

TEST(ReadJsonReport, RefusesCountsThatWouldOverflowTheTotalsAndDeepNesting) {
  std::string huge = json_of(utf8_sample());
  const std::string field = "\"cases_represented\": 1";
  huge.replace(huge.find(field), field.size(), "\"cases_represented\": 3000000000");
  EXPECT_THROW(read_back(huge), std::runtime_error) << "a record standing for 3e9 problems";
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_THROW(read_back(deep), std::runtime_error) << "100,000 nested arrays";
}

// The sample split into `count` shards, case k in shard k mod count.
std::vector<RunReport> shards_of(const RunReport& report, int count) {
  std::vector<RunReport> shards(count, report);
  for (int i = 0; i < count; ++i) {
    shards[i].shard_index = i;
    shards[i].shard_count = count;
    shards[i].cases.clear();
  }
  for (std::size_t k = 0; k < report.cases.size(); ++k)
    shards[k % count].cases.push_back(report.cases[k]);
  return shards;
}

TEST(MergeShardReports, TotalsAreTheSumsOfTheShards) {
  std::vector<RunReport> shards = shards_of(kSample, 3);
  shards[2].cases.push_back(kSample.cases[2]);
  shards[2].cases.back().cases_represented = 7;
  std::swap(shards[0], shards[2]);  // in any order
  const RunReport merged = merge_shard_reports(shards, "tconv-conform --merge-reports ...");
  EXPECT_EQ(merged.count(Verdict::passed), 2);
  EXPECT_EQ(merged.failures(), 6);
  EXPECT_EQ(merged.count(Verdict::unsupported), 8);
  EXPECT_EQ(merged.shard_index, 0);
  EXPECT_EQ(merged.shard_count, 1);
  EXPECT_EQ(merged.command_line, "tconv-conform --merge-reports ...");
  EXPECT_EQ(merged.cases.front().id, kSample.cases[0].id) << "shard 0's cases first";
}

TEST(MergeShardReports, RefusesReportsOfAnotherRunAndMissingOrRepeatedShards) {
  const std::vector<RunReport> shards = shards_of(kSample, 3);
  const auto refused = [](std::vector<RunReport> reports, const std::string& fragment) {
    try {
      merge_shard_reports(std::move(reports), "");
      ADD_FAILURE() << "merged; expected: " << fragment;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  refused({shards[0], shards[2]}, "shard 1 of 3 is missing");
  refused({shards[0], shards[1]}, "shard 2 of 3 is missing");
  refused({shards[0], shards[0], shards[1], shards[2]}, "shard 0 of 3 is given twice");
  std::vector<RunReport> other = shards;
  other[1].seed = 8;
  refused(other, "shard 1 differs in seed");
  other = shards;
  other[2].implementation = "another adapter";
  refused(other, "shard 2 differs in implementation");
  refused({}, "no report to merge");
}

}  // namespace
}  // namespace tconv
