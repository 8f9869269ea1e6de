#include "outcome.h"

#include "feature_tags.h"

namespace tconv {

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
