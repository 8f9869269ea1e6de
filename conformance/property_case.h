// One check of one random problem, recorded for the report: timed, and on failure shrunk
// to a minimal problem failing with the same verdict.
#pragma once

#include <string>

#include "outcome.h"
#include "problem_search.h"

namespace tconv {

// The index-th problem of `search` checked: recorded as "random-<index>", phase
// "property". A failure is shrunk (at most max_shrink_checks candidates; a timeout is
// not shrunk, each attempt would cost the whole timeout), and the record holds the
// minimal problem, its outcome, the problem first drawn and the shrink steps.
CaseRecord record_random_case(const ProblemSearch& search, int index, const std::string& check,
                              DType dtype, const ProblemCheck& run, int max_shrink_checks);

// A given problem checked once: recorded as "problem", phase "property".
CaseRecord record_given_case(const Problem& p, const std::string& check, DType dtype,
                             const ProblemCheck& run);

}  // namespace tconv
