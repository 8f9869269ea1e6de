#include "outcome.h"

#include <new>

#include "feature_tags.h"
#include "problem_string.h"

namespace tconv {

Outcome outcome_or_error(const Problem& p, const std::function<Outcome()>& run) {
  try {
    return run();
  } catch (const std::bad_alloc&) {
    return {Verdict::error, to_string(p) + ": the suite ran out of memory checking it", {}};
  } catch (const std::exception& e) {
    return {Verdict::error, to_string(p) + ": the suite could not check it: " + e.what(), {}};
  }
}

CaseRecord make_record(std::string id, std::string phase, std::string check, std::string source,
                       const Problem& problem, DType dtype, Outcome outcome) {
  CaseRecord r;
  r.id = std::move(id);
  r.phase = std::move(phase);
  r.check = std::move(check);
  r.source = std::move(source);
  r.problem = problem;
  r.dtype = to_string(dtype);
  r.verdict = outcome.verdict;
  r.message = outcome.verdict == Verdict::passed ? "" : std::move(outcome.message);
  r.features = features(problem);
  r.error_map = std::move(outcome.error_map);
  return r;
}

}  // namespace tconv
