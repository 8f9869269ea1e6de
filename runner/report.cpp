#include "report.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "problem_string.h"

namespace tconv {
namespace {

// Output elements as a double: only compared, and never overflows for a hostile problem.
double output_size(const Problem& p) {
  try {
    const std::vector<std::int64_t> shape = output_shape(p);
    return std::accumulate(shape.begin(), shape.end(), 1.0,
                           [](double n, std::int64_t s) { return n * static_cast<double>(s); });
  } catch (const ProblemError&) {
    return 0;  // a problem the suite cannot shape is reported first
  }
}

}  // namespace

bool is_failure(Verdict v) { return v != Verdict::passed && v != Verdict::unsupported; }

const char* report_name(Verdict v) {
  return v == Verdict::completed ? "not compared" : to_string(v);
}

std::string failure_class(const CaseRecord& c) {
  if (c.phase != "golden") return to_string(c.problem);
  std::string text = "features:";
  for (std::size_t i = 0; i < c.features.size(); ++i) text += (i ? ", " : " ") + c.features[i];
  return text;
}

bool smaller_case(const CaseRecord& a, const CaseRecord& b) {
  const double size_a = output_size(a.problem), size_b = output_size(b.problem);
  if (size_a != size_b) return size_a < size_b;
  return std::forward_as_tuple(to_string(a.problem), a.id, a.check) <
         std::forward_as_tuple(to_string(b.problem), b.id, b.check);
}

std::vector<const CaseRecord*> failures_smallest_first(const RunReport& report) {
  std::vector<const CaseRecord*> failures;
  for (const CaseRecord& c : report.cases) {
    if (is_failure(c.verdict)) failures.push_back(&c);
  }
  std::stable_sort(failures.begin(), failures.end(),
                   [](const CaseRecord* a, const CaseRecord* b) { return smaller_case(*a, *b); });
  return failures;
}

std::vector<FailureGroup> failure_groups(const RunReport& report) {
  std::vector<FailureGroup> groups;
  std::map<std::pair<Verdict, std::string>, std::size_t> index;
  // Cases arrive smallest first, so each group's first case is its smallest and the
  // groups come in the order of their smallest cases.
  for (const CaseRecord* c : failures_smallest_first(report)) {
    std::string key = failure_class(*c);
    const auto [it, added] = index.try_emplace({c->verdict, key}, groups.size());
    if (added) groups.push_back({c->verdict, std::move(key), {}});
    groups[it->second].cases.push_back(c);
  }
  return groups;
}

int RunReport::count(Verdict v) const {
  int n = 0;
  for (const CaseRecord& c : cases) n += c.verdict == v ? c.cases_represented : 0;
  return n;
}

int RunReport::failures() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(),
                                        [](const CaseRecord& c) { return is_failure(c.verdict); }));
}

}  // namespace tconv
