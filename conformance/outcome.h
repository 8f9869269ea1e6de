// The outcome of one check of one case, and the report record it becomes.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "problem.h"
#include "report.h"
#include "scalar.h"
#include "verdict.h"

namespace tconv {

struct Outcome {
  Verdict verdict = Verdict::passed;
  std::string message;                // starts with the problem string; "" for a pass
  std::optional<ErrorMap> error_map;  // a comparison's failure: |error| over the output

  bool failed() const { return is_failure(verdict); }
};

// run(), or `error` when checking the case throws (the suite out of memory, a fork the
// system refuses, a computation that cannot be done): a failure of that case saying
// what happened, never the end of the run.
Outcome outcome_or_error(const Problem& p, const std::function<Outcome()>& run);

// An isolated call's result as an outcome: `completed` (not yet compared) stays a failure.
inline Outcome outcome_of(const CallResult& call) { return {call.verdict, call.message, {}}; }

// A record of `problem` with its features, the outcome's verdict, message and error map.
CaseRecord make_record(std::string id, std::string phase, std::string check, std::string source,
                       const Problem& problem, DType dtype, Outcome outcome);

}  // namespace tconv
