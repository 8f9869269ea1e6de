#include "report_merge.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bounded_json.h"
#include "problem_string.h"
#include "regular_file.h"
#include "report_json.h"

namespace tconv {
namespace {

using json = nlohmann::json;

// verdict_id's inverse; protocol_error is the last enumerator of Verdict.
Verdict verdict_from_id(const std::string& id) {
  for (int v = 0; v <= static_cast<int>(Verdict::protocol_error); ++v) {
    if (id == verdict_id(static_cast<Verdict>(v))) return static_cast<Verdict>(v);
  }
  throw std::runtime_error("verdict '" + id + "' is not a verdict");
}

// Numbers with null for NaN, as write_json_report writes them.
std::vector<double> numbers(const json& values) {
  std::vector<double> out;
  for (const json& v : values) out.push_back(v.is_null() ? NAN : v.get<double>());
  return out;
}

ErrorMap error_map_from(const json& j) {
  ErrorMap m{j.at("shape").get<std::vector<std::int64_t>>(), numbers(j.at("abs_error")),
             numbers(j.at("allowed"))};
  if (!j.at("expected").is_null()) m.expected = numbers(j.at("expected"));
  if (!j.at("actual").is_null()) m.actual = numbers(j.at("actual"));
  return m;
}

CaseRecord case_from(const json& j) {
  CaseRecord c;
  c.id = j.at("id").get<std::string>();
  c.phase = j.at("phase").get<std::string>();
  c.check = j.at("check").get<std::string>();
  c.source = j.at("source").get<std::string>();
  c.problem = parse_problem(j.at("problem").get<std::string>());
  c.dtype = j.at("dtype").get<std::string>();
  c.verdict = verdict_from_id(j.at("verdict").get<std::string>());
  c.message = j.at("message").get<std::string>();
  c.features = j.at("features").get<std::vector<std::string>>();
  c.seconds = j.at("seconds").get<double>();
  if (!j.at("original_problem").is_null())
    c.original_problem = parse_problem(j.at("original_problem").get<std::string>());
  c.shrink_steps = j.at("shrink_steps").get<int>();
  c.reproduce = j.at("reproduce").get<std::string>();
  if (!j.at("error_map").is_null()) c.error_map = error_map_from(j.at("error_map"));
  // A record stands for at most every random problem of a run: bounded, so that totals
  // of a hostile file cannot overflow.
  const auto represented = j.at("cases_represented").get<std::int64_t>();
  if (represented < 1 || represented > kMaxCasesRepresented) {
    throw std::runtime_error("cases_represented = " + std::to_string(represented) +
                             ": must be in [1, " + std::to_string(kMaxCasesRepresented) + "]");
  }
  c.cases_represented = static_cast<int>(represented);
  return c;
}

RunReport report_from(const json& j) {
  if (j.at("format") != "tconv-conform report" || j.at("format_version") != 1)
    throw std::runtime_error("not a tconv-conform report of format_version 1");
  RunReport r;
  r.implementation = j.at("implementation").get<std::string>();
  r.implementation_version = j.at("implementation_version").get<std::string>();
  r.command_line = j.at("command_line").get<std::string>();
  r.seed = j.at("seed").get<std::uint64_t>();
  r.shard_index = j.at("shard").at("index").get<int>();
  r.shard_count = j.at("shard").at("count").get<int>();
  r.started_at = j.at("started_at").get<std::string>();
  r.seconds = j.at("seconds").get<double>();
  const json& cases = j.at("cases");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    try {
      r.cases.push_back(case_from(cases.at(i)));
    } catch (const std::exception& e) {
      throw std::runtime_error("cases[" + std::to_string(i) + "]: " + e.what());
    }
  }
  return r;
}

// The field both reports must agree on, named in the error.
template <class T>
void expect_same(const char* field, const T& first, const T& other, int shard) {
  if (first != other) {
    throw std::runtime_error("shard " + std::to_string(shard) + " differs in " + field +
                             ": not a shard of the same run");
  }
}

}  // namespace

RunReport read_json_report(std::string_view text, const std::string& name) {
  try {
    return report_from(parse_bounded_json(text));
  } catch (const std::exception& e) {
    throw std::runtime_error(name + ": not a tconv-conform JSON report: " + e.what());
  }
}

RunReport merge_shard_reports(std::vector<RunReport> shards, const std::string& command_line) {
  if (shards.empty()) throw std::runtime_error("no report to merge");
  std::sort(shards.begin(), shards.end(), [](const RunReport& a, const RunReport& b) {
    return a.shard_index < b.shard_index;
  });
  const RunReport& first = shards.front();
  const int count = first.shard_count;
  RunReport merged;
  merged.implementation = first.implementation;
  merged.implementation_version = first.implementation_version;
  merged.command_line = command_line;
  merged.seed = first.seed;
  merged.started_at = first.started_at;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    RunReport& s = shards[i];
    expect_same("implementation", first.implementation, s.implementation, s.shard_index);
    expect_same("implementation_version", first.implementation_version,
                s.implementation_version, s.shard_index);
    expect_same("seed", first.seed, s.seed, s.shard_index);
    expect_same("shard count", count, s.shard_count, s.shard_index);
    if (s.shard_index != static_cast<int>(i)) {
      const bool repeated = s.shard_index < static_cast<int>(i);
      throw std::runtime_error("shard " + std::to_string(repeated ? s.shard_index : i) + " of " +
                               std::to_string(count) +
                               (repeated ? " is given twice" : " is missing"));
    }
    merged.started_at = std::min(merged.started_at, s.started_at);  // ISO 8601 sorts by time
    merged.seconds = std::max(merged.seconds, s.seconds);
    std::move(s.cases.begin(), s.cases.end(), std::back_inserter(merged.cases));
  }
  if (static_cast<int>(shards.size()) != count) {
    throw std::runtime_error("shard " + std::to_string(shards.size()) + " of " +
                             std::to_string(count) + " is missing");
  }
  std::int64_t represented = 0;  // the totals, counted in int
  for (const CaseRecord& c : merged.cases) represented += c.cases_represented;
  if (represented > std::numeric_limits<int>::max()) {
    throw std::runtime_error("the shards together represent " + std::to_string(represented) +
                             " cases, more than a report counts");
  }
  return merged;
}

RunReport merge_shard_report_files(const std::vector<std::string>& paths,
                                   const std::string& command_line) {
  std::vector<RunReport> shards;
  for (const std::string& path : paths) {
    shards.push_back(read_json_report(read_regular_file(path, kMaxReportFileBytes), path));
  }
  return merge_shard_reports(std::move(shards), command_line);
}

}  // namespace tconv
