#include "golden_cases.h"

#include <algorithm>
#include <chrono>
#include <type_traits>

#include "capabilities.h"
#include "error_bound.h"
#include "golden_self_checks.h"
#include "output_comparison.h"
#include "problem_string.h"

namespace tconv {
namespace {

// The dtypes a case's data can run in, preferred first: its own, then wider or exact ones.
std::vector<DType> candidate_dtypes(DType own) {
  switch (own) {
    case DType::int64: return {DType::int64, DType::float64, DType::float32};
    case DType::float32: return {DType::float32, DType::float64};
    case DType::float64: break;
  }
  return {DType::float64};
}

template <class T>
bool exact_in(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(),
                     [](double v) { return static_cast<double>(static_cast<T>(v)) == v; });
}

bool holds_exactly(const VectorCase& c, DType dtype) {
  return visit_dtype(dtype, [&](auto zero) {
    using T = decltype(zero);
    return exact_in<T>(c.input.data) && exact_in<T>(c.weights.data) &&
           (!c.bias || exact_in<T>(c.bias->data));
  });
}

bool declares(const tconv_capabilities& capabilities, DType dtype) {
  return capabilities.dtypes & TCONV_BIT(static_cast<int>(dtype));
}

template <class T>
std::vector<T> as(const std::vector<double>& values) {
  return std::vector<T>(values.begin(), values.end());
}

template <class T>
Outcome run_case(Adapter& adapter, const VectorCase& c, const IsolationOptions& isolation) {
  const Problem& p = c.problem;
  const OperandData<T> o{as<T>(c.input.data), as<T>(c.weights.data),
                         c.bias ? as<T>(c.bias->data) : std::vector<T>{}};
  if (!c.plain()) return run_and_compare<T>(adapter, p, o, reference_output<T>(p, o), isolation);
  ExpectedOutput expected{c.expected->data, {}};
  if constexpr (!std::is_integral_v<T>) {
    // The vector was rounded with its unit roundoff (0 for exact data), this run with T's.
    expected.allowed =
        rounding_tolerance(p, c.comparison.unit_roundoff, unit_roundoff<T>(), c.input.data,
                           c.weights.data, c.bias ? c.bias->data : std::vector<double>{});
  }
  return run_and_compare<T>(adapter, p, o, expected, isolation);
}

// The first self-check the vector fails, as the record refusing it; nullopt when every
// self-check holds.
std::optional<CaseRecord> refusal(const GoldenCase& golden, const std::string& adapter) {
  for (CaseRecord& r : self_check_golden_case(golden)) {
    if (!is_failure(r.verdict)) continue;
    const std::string head = to_string(r.problem) + ": ";
    r.message = head + "vector refused, not run on " + adapter + ": its self-check '" + r.check +
                "' fails: " + r.message.substr(r.message.rfind(head, 0) == 0 ? head.size() : 0);
    r.check = kReferencesAgreeWithTheVector;
    return r;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::filesystem::path> golden_vector_paths(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json") {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

GoldenVectors::GoldenVectors(const std::filesystem::path& dir)
    : files_(load_vector_files(golden_vector_paths(dir))) {
  for (const VectorFile& file : files_) {
    for (const VectorCase& c : file.cases) {
      cases_.push_back({static_cast<int>(cases_.size()), &c, to_string(c.framework.framework)});
    }
  }
}

bool runs_on_adapters(const VectorCase& c) {
  try {
    validate(c.problem);
    return true;
  } catch (const ProblemError&) {
    return false;
  }
}

std::optional<DType> golden_dtype(const VectorCase& c, const tconv_capabilities& capabilities) {
  for (DType d : candidate_dtypes(c.dtype)) {
    if (declares(capabilities, d) && holds_exactly(c, d)) return d;
  }
  return std::nullopt;
}

std::string golden_check(const VectorCase& c) {
  if (c.plain()) return "matches the vector";
  return c.finding ? "matches the reference (the framework's output is a finding)"
                   : "matches the reference (the framework rejects the request)";
}

CaseRecord check_golden_case(Adapter& adapter, const GoldenCase& golden,
                             const IsolationOptions& isolation) {
  const auto start = std::chrono::steady_clock::now();
  const VectorCase& c = *golden.vector;
  const AdapterInfo& info = adapter.info();
  if (std::optional<CaseRecord> refused = refusal(golden, info.name)) return *refused;
  const std::optional<DType> dtype = golden_dtype(c, info.capabilities);
  Outcome outcome;
  if (!dtype) {
    outcome = {Verdict::unsupported,
               to_string(c.problem) + ": needs " + to_string(c.dtype) + " (no dtype " + info.name +
                   " declares holds the vector's values exactly), which " + info.name +
                   " does not declare",
               {}};
  } else if (const auto feature = unsupported_feature(info.capabilities, c.problem, *dtype)) {
    outcome = {Verdict::unsupported,
               to_string(c.problem) + " in " + to_string(*dtype) + ": needs " + *feature +
                   ", which " + info.name + " does not declare",
               {}};
  } else {
    outcome = outcome_or_error(c.problem, [&] {
      return visit_dtype(
          *dtype, [&](auto zero) { return run_case<decltype(zero)>(adapter, c, isolation); });
    });
  }
  CaseRecord record = make_record(c.id, "golden", golden_check(c), golden.source, c.problem,
                                  dtype.value_or(c.dtype), std::move(outcome));
  record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return record;
}

}  // namespace tconv
