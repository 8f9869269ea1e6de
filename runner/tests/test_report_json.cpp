// The JSON report: parsed back with nlohmann, every field against the report it was
// written from, and its fields against runner/report.schema.json.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "problem_string.h"
#include "report_json.h"
#include "sample_report.h"

namespace tconv {
namespace {

using nlohmann::json;

const RunReport kSample = testing::sample_report();

json written(const RunReport& report) {
  std::ostringstream out;
  write_json_report(out, report);
  return json::parse(out.str());
}

// Parsed on first use, so that invalid JSON fails a test rather than the program.
const json& doc() {
  static const json parsed = written(kSample);
  return parsed;
}

// The sample's text as JSON carries it: its two invalid bytes replaced by U+FFFD each.
std::string as_utf8(std::string text) {
  for (auto at = text.find("\xff\xfe"); at != std::string::npos; at = text.find("\xff\xfe", at)) {
    text.replace(at, 2, "\xEF\xBF\xBD\xEF\xBF\xBD");
  }
  return text;
}

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

TEST(JsonReport, IsValidJson) { EXPECT_NO_THROW(written(kSample)); }

TEST(JsonReport, HoldsTheRunFieldsAndTotals) {
  EXPECT_EQ(doc()["format"], "tconv-conform report");
  EXPECT_EQ(doc()["format_version"], 1);
  EXPECT_EQ(doc()["implementation"], kSample.implementation);
  EXPECT_EQ(doc()["implementation_version"], "1.2.3");
  EXPECT_EQ(doc()["command_line"], kSample.command_line);
  EXPECT_EQ(doc()["seed"], 7u);
  EXPECT_EQ(doc()["shard"], (json{{"index", 1}, {"count", 4}}));
  EXPECT_EQ(doc()["started_at"], "2026-11-21T10:00:00Z");
  EXPECT_EQ(doc()["seconds"], 12.5);
  EXPECT_EQ(doc()["totals"],
            (json{{"cases", 9}, {"passed", 2}, {"failed", 6}, {"unsupported", 1}}));
}

TEST(JsonReport, KeepsASeedAbove2To53Exactly) {
  RunReport report = kSample;
  report.seed = 18446744073709551557u;
  EXPECT_EQ(written(report)["seed"].get<std::uint64_t>(), 18446744073709551557u);
}

TEST(JsonReport, HoldsEveryCaseFieldByField) {
  ASSERT_EQ(doc()["cases"].size(), kSample.cases.size());
  for (std::size_t i = 0; i < kSample.cases.size(); ++i) {
    const CaseRecord& c = kSample.cases[i];
    const json& j = doc()["cases"][i];
    SCOPED_TRACE("case " + std::to_string(i) + " " + to_string(c.problem));
    EXPECT_EQ(j["id"], as_utf8(c.id));
    EXPECT_EQ(j["phase"], c.phase);
    EXPECT_EQ(j["check"], c.check);
    EXPECT_EQ(j["source"], c.source);
    EXPECT_EQ(j["problem"], to_string(c.problem));
    EXPECT_EQ(j["dtype"], c.dtype);
    EXPECT_EQ(j["verdict"], verdict_id(c.verdict));
    EXPECT_EQ(j["verdict_text"], report_name(c.verdict));
    EXPECT_EQ(j["failure"], is_failure(c.verdict));
    EXPECT_EQ(j["message"], as_utf8(c.message));
    EXPECT_EQ(j["features"], json(c.features));
    EXPECT_EQ(j["seconds"], c.seconds);
    EXPECT_EQ(j["original_problem"],
              c.original_problem ? json(to_string(*c.original_problem)) : json(nullptr));
    EXPECT_EQ(j["shrink_steps"], c.shrink_steps);
    EXPECT_EQ(j["reproduce"], as_utf8(c.reproduce));
    ASSERT_EQ(j["error_map"].is_null(), !c.error_map);
    if (!c.error_map) continue;
    EXPECT_EQ(j["error_map"]["shape"], json(c.error_map->shape));
    ASSERT_EQ(j["error_map"]["abs_error"].size(), c.error_map->abs_error.size());
    for (std::size_t k = 0; k < c.error_map->abs_error.size(); ++k) {
      const double e = c.error_map->abs_error[k];
      EXPECT_EQ(j["error_map"]["abs_error"][k], std::isnan(e) ? json(nullptr) : json(e))
          << "element " << k;
    }
    EXPECT_EQ(j["error_map"]["allowed"], json(c.error_map->allowed));
  }
}

TEST(JsonReport, WritesAnUnwrittenElementAsNull) {
  const json& errors = doc()["cases"][6]["error_map"]["abs_error"];
  EXPECT_EQ(errors, (json{2.0, 0.0, 0.0, 0.0, nullptr, 0.0, 0.0, 0.0, 2.0}));
  EXPECT_EQ(doc()["cases"][6]["error_map"]["actual"][4], nullptr);
}

TEST(JsonReport, HoldsTheExpectedAndActualValuesOrNullWhenNotRecorded) {
  const json& stripe = doc()["cases"][6]["error_map"];
  EXPECT_EQ(stripe["expected"], json(kSample.cases[6].error_map->expected));
  EXPECT_EQ(stripe["actual"][0], 2.0) << "expected 0, 2 too high";
  EXPECT_EQ(stripe["actual"][8], -1.0) << "expected 1, 2 too low";
  RunReport report = kSample;
  report.cases[6].error_map->expected.clear();
  report.cases[6].error_map->actual.clear();
  EXPECT_TRUE(written(report)["cases"][6]["error_map"]["expected"].is_null());
  EXPECT_TRUE(written(report)["cases"][6]["error_map"]["actual"].is_null());
}

TEST(JsonReport, GroupsTheFailuresByVerdictAndClassSmallestFirst) {
  const json& groups = doc()["failure_groups"];
  ASSERT_EQ(groups.size(), failure_groups(kSample).size());
  EXPECT_EQ(groups[0], (json{{"verdict", "completed"},
                             {"verdict_text", "not compared"},
                             {"failure_class", to_string(kSample.cases[5].problem)},
                             {"count", 1},
                             {"cases", {5}}}));
  int grouped = 0;
  for (const json& g : groups) {
    grouped += g["count"].get<int>();
    for (const json& index : g["cases"])
      EXPECT_EQ(doc()["cases"][index.get<int>()]["failure_class"], g["failure_class"]);
  }
  EXPECT_EQ(grouped, 6) << "every failure in one group";
  EXPECT_EQ(doc()["cases"][6]["failure_class"], failure_class(kSample.cases[6]));
  EXPECT_TRUE(doc()["cases"][0]["failure_class"].is_null()) << "a pass has no failure class";
}

TEST(JsonReport, TotalsCountEveryCaseAnUnsupportedRecordStandsFor) {
  RunReport report = kSample;
  report.cases[2].cases_represented = 40;
  const json j = written(report);
  EXPECT_EQ(j["cases"][2]["cases_represented"], 40);
  EXPECT_EQ(j["totals"], (json{{"cases", 48}, {"passed", 2}, {"failed", 6}, {"unsupported", 40}}));
}

TEST(JsonReport, CompletedIsAFailureNamedNotCompared) {
  const json& c = doc()["cases"][5];
  EXPECT_EQ(c["verdict"], "completed");
  EXPECT_EQ(c["verdict_text"], "not compared");
  EXPECT_EQ(c["failure"], true);
}

const std::vector<std::pair<Verdict, std::string>> kVerdictNames{
    {Verdict::completed, "completed"},
    {Verdict::passed, "passed"},
    {Verdict::unsupported, "unsupported"},
    {Verdict::wrong_values, "wrong_values"},
    {Verdict::non_finite, "non_finite"},
    {Verdict::error, "error"},
    {Verdict::crashed, "crashed"},
    {Verdict::aborted, "aborted"},
    {Verdict::timed_out, "timed_out"},
    {Verdict::out_of_bounds, "out_of_bounds"},
    {Verdict::unwritten, "unwritten"},
    {Verdict::wrong_shape, "wrong_shape"},
    {Verdict::protocol_error, "protocol_error"}};

TEST(JsonReport, NamesEachVerdictByItsEnumerator) {
  for (const auto& [verdict, name] : kVerdictNames) EXPECT_EQ(verdict_id(verdict), name);
}

// The full schema check runs in ctest (json_report_matches_schema, Python's jsonschema);
// this one needs no Python: the writer's field names are exactly the schema's.
TEST(JsonReport, WritesExactlyTheFieldsOfTheSchema) {
  std::ifstream in(TCONV_REPORT_SCHEMA);
  ASSERT_TRUE(in) << "cannot read " << TCONV_REPORT_SCHEMA;
  const json schema = json::parse(in);
  const auto required = [](const json& object_schema) {
    return object_schema["required"].get<std::set<std::string>>();
  };
  EXPECT_EQ(keys_of(doc()), required(schema));
  EXPECT_EQ(keys_of(doc()["shard"]), required(schema["properties"]["shard"]));
  EXPECT_EQ(keys_of(doc()["totals"]), required(schema["properties"]["totals"]));
  for (const json& c : doc()["cases"]) EXPECT_EQ(keys_of(c), required(schema["$defs"]["case"]));
  EXPECT_EQ(keys_of(doc()["cases"][3]["error_map"]), required(schema["$defs"]["error_map"]));
  std::set<std::string> verdicts;
  for (const auto& [verdict, name] : kVerdictNames) verdicts.insert(name);
  EXPECT_EQ(schema["$defs"]["case"]["properties"]["verdict"]["enum"].get<std::set<std::string>>(),
            verdicts);
}

}  // namespace
}  // namespace tconv
