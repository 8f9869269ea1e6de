#include "golden_self_checks.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "compare.h"
#include "error_bound.h"
#include "framework_requests.h"
#include "problem_string.h"
#include "references.h"
#include "within_model.h"

namespace tconv {
namespace {

// The loader checked that every operand value is exact in the case's dtype.
template <class T, class Range>
std::vector<T> as(const Range& values) {
  return std::vector<T>(std::begin(values), std::end(values));
}

struct Operands {
  std::vector<double> input, weights, bias;
};

Operands operands_of(const VectorCase& c) {
  return {c.input.data, c.weights.data, c.bias ? c.bias->data : std::vector<double>{}};
}

// The first difference between formulation f's output, computed in T, and `expected`.
template <class T>
std::optional<Mismatch> difference(const VectorCase& c, Formulation f, const Problem& p,
                                   const Operands& x) {
  const std::vector<T> actual =
      conv_transpose<T>(f, p, as<T>(x.input), as<T>(x.weights), as<T>(x.bias));
  const std::vector<double>& expected = c.expected->data;
  if (c.comparison.kind == ComparisonKind::bounded) {
    // The framework rounded with the vector's unit roundoff, the formulation with T's.
    const std::vector<double> tolerance = rounding_tolerance(
        p, c.comparison.unit_roundoff, unit_roundoff<T>(), x.input, x.weights, x.bias);
    return first_out_of_bound<T>(p, expected, actual, tolerance);
  }
  // A null of the file (a NaN) equals no result, and no integer holds it.
  if (std::any_of(expected.begin(), expected.end(), [](double v) { return std::isnan(v); })) {
    return first_exact_mismatch<double>(p, expected, as<double>(actual));
  }
  return first_exact_mismatch<T>(p, as<T>(expected), actual);
}

// Calls check(formulation, type, difference) for every formulation in every type the
// case runs in: std::int64_t and double for exact integer data, the dtype for real data.
template <class Check>
void for_each_run(const VectorCase& c, const Problem& p, const Operands& x, Check check) {
  const auto run = [&]<class T>(std::type_identity<T>, const char* type) {
    for (Formulation f : kFormulations) check(f, type, difference<T>(c, f, p, x));
  };
  switch (c.dtype) {
    case DType::int64:
      run(std::type_identity<std::int64_t>{}, "int64_t");
      run(std::type_identity<double>{}, "double");
      break;
    case DType::float64: run(std::type_identity<double>{}, "double"); break;
    case DType::float32: run(std::type_identity<float>{}, "float"); break;
  }
}

// A finding's problem may lie outside the model (a negative pad): it is computed as its
// zero-tap rewrite (within_model.h), a valid problem with the same output.
struct Computable {
  Problem problem;
  Operands operands;
  std::string how;  // for messages
};

Computable computable(const VectorCase& c, const Problem& p) {
  const ZeroTapRewrite rewrite = rewrite_within_model(p);
  Operands x = operands_of(c);
  x.weights = rewritten_weights(p, rewrite, x.weights);
  const std::string how =
      rewrite.problem == p ? ""
                           : " (computed as " + to_string(rewrite.problem) + ", zero taps added)";
  return {rewrite.problem, std::move(x), how};
}

}  // namespace

std::vector<std::string> formulations_give_the_vector(const VectorCase& c) {
  std::vector<std::string> failures;
  for_each_run(c, c.problem, operands_of(c),
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (m)
                   failures.push_back(std::string(to_string(f)) + " in " + type + ": " + m->detail);
               });
  return failures;
}

std::vector<std::string> request_resolves_to_the_problem(const VectorCase& c) {
  const std::string request = c.framework.api + " " + c.framework.arguments.dump();
  try {
    const Problem resolved = resolve_request(c);
    if (to_string(resolved) == to_string(c.problem)) return {};
    return {request + " resolves to " + to_string(resolved) + ", not to the stored problem " +
            to_string(c.problem)};
  } catch (const std::invalid_argument& e) {
    return {request + " does not resolve to the stored problem " + to_string(c.problem) + ": " +
            e.what()};
  }
}

std::vector<std::string> validate_agrees_with_model_accepts(const VectorCase& c) {
  std::optional<std::string> rejection;
  try {
    validate(c.problem);
  } catch (const ProblemError& e) {
    rejection = e.what();
  }
  if (c.expect_error->model_accepts && rejection) {
    return {"model_accepts, but validate rejects " + to_string(c.problem) + ": " + *rejection};
  }
  if (!c.expect_error->model_accepts && !rejection) {
    return {"the model should reject " + to_string(c.problem) + " (" + c.expect_error->note +
            "), but validate accepts it"};
  }
  return {};
}

std::vector<std::string> documented_problem_misses_the_vector(const VectorCase& c) {
  if (physical_output_shape(c.problem) != c.expected->shape) return {};  // another shape
  const Computable documented = computable(c, c.problem);
  std::vector<std::string> failures;
  for_each_run(c, documented.problem, documented.operands,
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (!m) {
                   failures.push_back("the documented problem " + to_string(c.problem) +
                                      documented.how + " gives the framework's output with " +
                                      to_string(f) + " in " + type + ": the finding does not hold");
                 }
               });
  return failures;
}

std::vector<std::string> observed_problem_gives_the_vector(const VectorCase& c) {
  const Problem& observed = *c.finding->observed_problem;
  const Computable computed = computable(c, observed);
  std::vector<std::string> failures;
  for_each_run(c, computed.problem, computed.operands,
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (m) {
                   failures.push_back("observed_problem " + to_string(observed) + computed.how +
                                      ", " + to_string(f) + " in " + type + ": " + m->detail);
                 }
               });
  return failures;
}

const std::vector<GoldenSelfCheck>& golden_self_checks() {
  static const std::vector<GoldenSelfCheck> checks{
      {"every formulation gives the vector", [](const VectorCase& c) { return c.plain(); },
       formulations_give_the_vector},
      {"the request resolves to the problem",
       [](const VectorCase& c) { return c.plain() && has_resolver(c); },
       request_resolves_to_the_problem},
      {"validate agrees with model_accepts",
       [](const VectorCase& c) { return c.expect_error.has_value(); },
       validate_agrees_with_model_accepts},
      {"the documented problem misses the vector",
       [](const VectorCase& c) { return c.finding.has_value(); },
       documented_problem_misses_the_vector},
      {"the observed problem gives the vector",
       [](const VectorCase& c) { return c.finding && c.finding->observed_problem; },
       observed_problem_gives_the_vector},
  };
  return checks;
}

std::vector<CaseRecord> self_check_golden_case(const GoldenCase& golden) {
  const VectorCase& c = *golden.vector;
  std::vector<CaseRecord> records;
  for (const GoldenSelfCheck& check : golden_self_checks()) {
    if (!check.applies(c)) continue;
    const auto start = std::chrono::steady_clock::now();
    Outcome outcome = outcome_or_error(c.problem, [&]() -> Outcome {
      const std::vector<std::string> failures = check.run(c);
      if (failures.empty()) return {};
      return {Verdict::wrong_values,
              to_string(c.problem) + ": " + failures.front() +
                  (failures.size() > 1 ? " (and " + std::to_string(failures.size() - 1) + " more)"
                                       : ""),
              {}};
    });
    records.push_back(make_record(c.id, "golden", check.name, golden.source, c.problem, c.dtype,
                                  std::move(outcome)));
    records.back().seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return records;
}

}  // namespace tconv
