// What one conformance run found, case by case: the data every report format
// (terminal summary, JSON, JUnit XML, HTML) is written from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "problem.h"
#include "verdict.h"

namespace tconv {

// |actual - expected| over a failing case's output, for the heat map: one value per
// output element in logical order [N, C, spatial...] (channels first whatever the
// layout), with the allowed error of each element (0 for exact comparisons). NaN in
// abs_error marks an element that is NaN/Inf or was never written. `expected` and
// `actual`, when the comparison fills them (one per element, same order), let the heat
// map show the signed error actual - expected: a one-element shift reads as +/- pairs.
struct ErrorMap {
  std::vector<std::int64_t> shape;  // output_shape(problem): [N, C, spatial...]
  std::vector<double> abs_error;
  std::vector<double> allowed;
  std::vector<double> expected = {};  // empty: not recorded
  std::vector<double> actual = {};    // empty: not recorded; NaN: NaN, Inf or unwritten
};

struct CaseRecord {
  std::string id;         // golden case id, or "random-<index>"
  std::string phase;      // "golden" | "property"
  std::string check;      // what was checked, e.g. "matches the vector", "adjoint of conv_forward"
  std::string source;     // golden: the vector file's framework (pytorch, tfjs, ...); property: ""
  Problem problem;        // the (shrunk, for a property failure) problem
  std::string dtype;      // "float32" | "float64" | "int64"
  Verdict verdict;        // passed, unsupported, or why it failed
  std::string message;    // the failure / unsupported reason; starts with the problem string
  std::vector<std::string> features;  // feature_tags.h of `problem`
  double seconds = 0;
  // Property failures: the problem first drawn and the shrink steps to `problem`.
  std::optional<Problem> original_problem;
  int shrink_steps = 0;
  std::string reproduce;  // a command line that re-runs just this case
  std::optional<ErrorMap> error_map;  // failures with a computed output
  // How many cases the record stands for: 1, but a property-phase unsupported record
  // stands for every random problem left out for the same missing capability, so that
  // the shards' unsupported totals add up to the unsharded run's.
  int cases_represented = 1;
};

// Failures that are most likely one bug: the same verdict and the same failure class,
// the class being the (shrunk) problem string for a property case, or the feature set
// ("features: 2-D, stride>1") for a golden case, which is never shrunk.
struct FailureGroup {
  Verdict verdict;
  std::string failure_class;
  std::vector<const CaseRecord*> cases;  // smallest first (smaller_case)
};

struct RunReport {
  std::string implementation;  // adapter name, or "built-in references"
  std::string implementation_version;
  std::string command_line;
  std::uint64_t seed = 0;
  int shard_index = 0, shard_count = 1;
  std::string started_at;  // ISO 8601 UTC
  double seconds = 0;
  std::vector<CaseRecord> cases;

  int count(Verdict v) const;  // sums cases_represented
  int failures() const;        // cases neither passed nor unsupported
};

// Every verdict but passed and unsupported, `completed` included: a case that was never
// compared is not a pass.
bool is_failure(Verdict v);

// The failure class of a case (see FailureGroup).
std::string failure_class(const CaseRecord& c);

// The order failures are shown in: fewer output elements first, then by problem string,
// then by id; the smallest failing case is the easiest to debug.
bool smaller_case(const CaseRecord& a, const CaseRecord& b);

// The failures grouped by verdict and failure class; groups ordered by their smallest case.
std::vector<FailureGroup> failure_groups(const RunReport& report);

// The failures of a report, smallest first.
std::vector<const CaseRecord*> failures_smallest_first(const RunReport& report);

// How the reports name a verdict: to_string(v), but "not compared" for `completed`.
const char* report_name(Verdict v);

}  // namespace tconv
