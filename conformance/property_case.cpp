#include "property_case.h"

#include <chrono>

namespace tconv {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CaseRecord record_random_case(const ProblemSearch& search, int index, const std::string& check,
                              DType dtype, const ProblemCheck& run, int max_shrink_checks) {
  const auto start = std::chrono::steady_clock::now();
  const Problem drawn = search.draw(index);
  Outcome outcome = run(drawn);
  CaseRecord record;
  if (outcome.failed() && outcome.verdict != Verdict::timed_out) {
    Counterexample smallest = search.shrink(index, std::move(outcome), run, max_shrink_checks);
    record = make_record("random-" + std::to_string(index), "property", check, "", smallest.problem,
                         dtype, std::move(smallest.outcome));
    record.original_problem = drawn;
    record.shrink_steps = smallest.shrink_steps;
  } else {
    if (outcome.verdict == Verdict::timed_out) {
      outcome.message += " (not shrunk: every smaller problem tried would wait for the timeout)";
    }
    record = make_record("random-" + std::to_string(index), "property", check, "", drawn, dtype,
                         std::move(outcome));
  }
  record.seconds = seconds_since(start);
  return record;
}

CaseRecord record_given_case(const Problem& p, const std::string& check, DType dtype,
                             const ProblemCheck& run) {
  const auto start = std::chrono::steady_clock::now();
  CaseRecord record = make_record("problem", "property", check, "", p, dtype, run(p));
  record.seconds = seconds_since(start);
  return record;
}

}  // namespace tconv
