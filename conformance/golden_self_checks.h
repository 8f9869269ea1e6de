// The golden vectors against the suite's own four reference formulations: what
// vectors/test_golden.cpp runs as GoogleTests and tconv-conform runs without an adapter.
// Each check returns the failures it finds (empty: it holds), each naming the
// formulation, the type and the first mismatch (coordinate, both values).
#pragma once

#include <string>
#include <vector>

#include "golden_cases.h"
#include "loader.h"
#include "outcome.h"

namespace tconv {

// A plain case: every formulation, in std::int64_t and double (integer data, exact) or in
// the dtype (within (γ_n(u_vector) + γ_n(u_dtype))·(Σ|x·w| + |b|)), gives `expected`.
std::vector<std::string> formulations_give_the_vector(const VectorCase& c);

// A plain case with a resolver (framework_requests.h): the request resolves to `problem`.
std::vector<std::string> request_resolves_to_the_problem(const VectorCase& c);

// An expect_error case: validate() accepts `problem` exactly when model_accepts says so.
std::vector<std::string> validate_agrees_with_model_accepts(const VectorCase& c);

// A finding: the documented problem does not give `expected` (another output shape, or
// a mismatch in every formulation); a problem outside the model runs as its zero-tap
// rewrite (within_model.h).
std::vector<std::string> documented_problem_misses_the_vector(const VectorCase& c);

// A finding with observed_problem: every formulation gives `expected` on it.
std::vector<std::string> observed_problem_gives_the_vector(const VectorCase& c);

struct GoldenSelfCheck {
  const char* name;  // in reports
  bool (*applies)(const VectorCase&);
  std::vector<std::string> (*run)(const VectorCase&);
};

// The five checks above, in that order.
const std::vector<GoldenSelfCheck>& golden_self_checks();

// One record per check that applies to the case: passed, wrong_values with the first
// failure (and how many more), or error when a check threw (outcome_or_error).
std::vector<CaseRecord> self_check_golden_case(const GoldenCase& c);

}  // namespace tconv
