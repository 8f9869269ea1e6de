#include "report_json.h"

#include <nlohmann/json.hpp>

#include "problem_string.h"

namespace tconv {
namespace {

using json = nlohmann::ordered_json;

json case_json(const CaseRecord& c) {
  json error_map = nullptr;
  if (c.error_map) {
    // nlohmann writes NaN and Inf as null.
    const auto recorded = [](const std::vector<double>& values) {
      return values.empty() ? json(nullptr) : json(values);
    };
    error_map = {{"shape", c.error_map->shape},
                 {"abs_error", c.error_map->abs_error},
                 {"allowed", c.error_map->allowed},
                 {"expected", recorded(c.error_map->expected)},
                 {"actual", recorded(c.error_map->actual)}};
  }
  return {{"id", c.id},
          {"phase", c.phase},
          {"check", c.check},
          {"source", c.source},
          {"problem", to_string(c.problem)},
          {"dtype", c.dtype},
          {"verdict", verdict_id(c.verdict)},
          {"verdict_text", report_name(c.verdict)},
          {"failure", is_failure(c.verdict)},
          {"message", c.message},
          {"features", c.features},
          {"seconds", c.seconds},
          {"original_problem",
           c.original_problem ? json(to_string(*c.original_problem)) : json(nullptr)},
          {"shrink_steps", c.shrink_steps},
          {"reproduce", c.reproduce},
          {"error_map", error_map},
          {"cases_represented", c.cases_represented},
          {"failure_class", is_failure(c.verdict) ? json(failure_class(c)) : json(nullptr)}};
}

// Each group with its cases as indices into "cases", smallest first.
json groups_json(const RunReport& report) {
  json groups = json::array();
  for (const FailureGroup& g : failure_groups(report)) {
    json cases = json::array();
    for (const CaseRecord* c : g.cases) cases.push_back(c - report.cases.data());
    groups.push_back({{"verdict", verdict_id(g.verdict)},
                      {"verdict_text", report_name(g.verdict)},
                      {"failure_class", g.failure_class},
                      {"count", g.cases.size()},
                      {"cases", cases}});
  }
  return groups;
}

}  // namespace

const char* verdict_id(Verdict v) {
  switch (v) {
    case Verdict::completed: return "completed";
    case Verdict::passed: return "passed";
    case Verdict::unsupported: return "unsupported";
    case Verdict::wrong_values: return "wrong_values";
    case Verdict::non_finite: return "non_finite";
    case Verdict::error: return "error";
    case Verdict::crashed: return "crashed";
    case Verdict::aborted: return "aborted";
    case Verdict::timed_out: return "timed_out";
    case Verdict::out_of_bounds: return "out_of_bounds";
    case Verdict::unwritten: return "unwritten";
    case Verdict::wrong_shape: return "wrong_shape";
    case Verdict::protocol_error: return "protocol_error";
  }
  return "?";
}

void write_json_report(std::ostream& out, const RunReport& report) {
  json cases = json::array();
  for (const CaseRecord& c : report.cases) cases.push_back(case_json(c));
  const json doc = {{"format", "tconv-conform report"},
                    {"format_version", 1},
                    {"implementation", report.implementation},
                    {"implementation_version", report.implementation_version},
                    {"command_line", report.command_line},
                    {"seed", report.seed},
                    {"shard", {{"index", report.shard_index}, {"count", report.shard_count}}},
                    {"started_at", report.started_at},
                    {"seconds", report.seconds},
                    {"totals",
                     {{"cases", report.count(Verdict::passed) + report.failures() +
                                    report.count(Verdict::unsupported)},
                      {"passed", report.count(Verdict::passed)},
                      {"failed", report.failures()},
                      {"unsupported", report.count(Verdict::unsupported)}}},
                    {"failure_groups", groups_json(report)},
                    {"cases", cases}};
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace tconv
