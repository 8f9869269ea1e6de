// An implementation against the definition, conv_transpose_direct_scatter, on the same
// seeded data: exactly on small integers (int64), and in float or double within the
// rounding-error bound of check/error_bound.h between the implementation in T and the
// direct scatter in double (docs/PRECISION.md).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "compare.h"
#include "direct_scatter.h"
#include "error_bound.h"
#include "problem_table.h"
#include "scalar.h"

namespace tconv::testing {

enum class Scalar { int64, float32, float64 };
inline constexpr Scalar kScalars[] = {Scalar::int64, Scalar::float32, Scalar::float64};

inline const char* to_string(Scalar s) {
  switch (s) {
    case Scalar::int64: return "Int64";
    case Scalar::float32: return "Float";
    case Scalar::float64: return "Double";
  }
  return "?";
}

// What the expected values are computed in: the same integers, or double.
inline const char* reference_scalar(Scalar s) { return s == Scalar::int64 ? "Int64" : "Double"; }

template <class T>
std::vector<T> direct_scatter(const Problem& p, const Operands<T>& o) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
  conv_transpose_direct_scatter<T>(p, o.input, o.weights, o.bias, output);
  return output;
}

// The first disagreement of run(p, operands) -> output, in T, with the direct scatter.
template <class T, class Run>
std::optional<Mismatch> disagreement_in(const Problem& p, Run run) {
  const auto o = random_operands<T>(p, kDataSeed);
  const std::vector<T> actual = run(p, o);
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return first_exact_mismatch<std::int64_t>(p, direct_scatter(p, o), actual);
  } else {
    const auto to_double = [](const std::vector<T>& v) { return std::vector<double>(v.begin(), v.end()); };
    const Operands<double> exact{to_double(o.input), to_double(o.weights), to_double(o.bias)};
    const std::vector<double> tolerance =
        conv_transpose_tolerance<T>(p, exact.input, exact.weights, exact.bias);
    return first_out_of_bound<T>(p, direct_scatter(p, exact), actual, tolerance);
  }
}

// The same for a run generic over the scalar, in the scalar s.
template <class Run>
std::optional<Mismatch> disagreement(Scalar s, const Problem& p, Run run) {
  switch (s) {
    case Scalar::int64: return disagreement_in<std::int64_t>(p, run);
    case Scalar::float32: return disagreement_in<float>(p, run);
    case Scalar::float64: return disagreement_in<double>(p, run);
  }
  return std::nullopt;
}

}  // namespace tconv::testing
