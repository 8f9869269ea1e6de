#include "output_comparison.h"

#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "case_check.h"
#include "compare.h"
#include "error_bound.h"
#include "problem_string.h"
#include "references.h"

namespace tconv {
namespace {

// Row-major position in output_shape(p) ([N, C, spatial...]) of a logical coordinate.
std::int64_t logical_offset(const std::vector<std::int64_t>& shape,
                            const std::vector<std::int64_t>& coordinate) {
  std::int64_t offset = 0;
  for (std::size_t a = 0; a < shape.size(); ++a) offset = offset * shape[a] + coordinate[a];
  return offset;
}

// |actual − expected| and the allowed error per element, in logical order; NaN where the
// actual value is NaN, infinite or the poison.
template <class T>
ErrorMap error_map(const Problem& p, const ExpectedOutput& expected, std::span<const T> actual) {
  ErrorMap map{output_shape(p), {}, {}};
  map.abs_error.resize(actual.size());
  map.allowed.resize(actual.size());
  map.expected.resize(actual.size());
  map.actual.resize(actual.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const auto at = static_cast<std::size_t>(
        logical_offset(map.shape, output_coordinate(p, static_cast<std::int64_t>(i))));
    const auto value = static_cast<double>(actual[i]);
    const bool shown = !is_poison(actual[i]) && std::isfinite(value);
    map.abs_error[at] = shown ? std::abs(value - expected.values[i]) : std::nan("");
    map.allowed[at] = expected.allowed.empty() ? 0.0 : expected.allowed[i];
    map.expected[at] = expected.values[i];
    map.actual[at] = shown ? value : std::nan("");
  }
  return map;
}

// The mismatch's message with `what` after the problem string (which starts it).
std::string with_context(const Problem& p, std::string message, std::string_view what) {
  if (what.empty()) return message;
  const std::string head = to_string(p) + ": ";
  const std::string rest = message.rfind(head, 0) == 0 ? message.substr(head.size()) : message;
  return head + std::string(what) + ": " + rest;
}

}  // namespace

template <class T>
ExpectedOutput reference_output(const Problem& p, const OperandData<T>& o) {
  if constexpr (std::is_integral_v<T>) {
    const std::vector<T> exact =
        conv_transpose<T>(Formulation::direct_scatter, p, o.input, o.weights, o.bias);
    return {std::vector<double>(exact.begin(), exact.end()), {}};
  } else {
    const std::vector<double> x = as_double<T>(o.input), w = as_double<T>(o.weights),
                              b = as_double<T>(o.bias);
    return {conv_transpose<double>(Formulation::direct_scatter, p, x, w, b),
            conv_transpose_tolerance<T>(p, x, w, b)};
  }
}

template <class T>
Outcome compare_output(const Problem& p, const ExpectedOutput& expected, std::span<const T> actual,
                       std::string_view what, std::int64_t max_error_map_elements) {
  std::optional<Mismatch> mismatch;
  if constexpr (std::is_integral_v<T>) {
    const std::vector<T> exact(expected.values.begin(), expected.values.end());
    mismatch = first_exact_mismatch<T>(p, exact, actual);
  } else {
    mismatch = first_out_of_bound<T>(p, expected.values, actual, expected.allowed);
  }
  if (!mismatch) return {};
  const CallResult result = mismatch_result(p, *mismatch);
  const std::string message = with_context(p, result.message, what);
  const std::int64_t elements = output_elements(p);
  if (elements > max_error_map_elements) {
    return {result.verdict,
            message + " (no error map: " + std::to_string(elements) +
                " output elements, more than " + std::to_string(max_error_map_elements) + ")",
            {}};
  }
  return {result.verdict, message, error_map(p, expected, actual)};
}

template <class T>
std::optional<Outcome> first_non_finite(const Problem& p, std::span<const T> output) {
  if constexpr (std::is_floating_point_v<T>) {
    for (std::size_t i = 0; i < output.size(); ++i) {
      if (std::isfinite(output[i])) continue;
      return Outcome{Verdict::non_finite,
                     to_string(p) + ": output" +
                         format_output_coordinate(p, static_cast<std::int64_t>(i)) + ": " +
                         std::to_string(output[i]) + " computed by the adapter from finite data",
                     {}};
    }
  }
  return std::nullopt;
}

template <class T>
CallResult call_adapter(Adapter& adapter, const Problem& p, const OperandData<T>& o,
                        std::vector<T>& output, const IsolationOptions& isolation) {
  output.assign(static_cast<std::size_t>(output_elements(p)), T{});
  return isolated_call<T>(adapter, p, o.input, o.weights, o.bias, output, isolation);
}

template <class T>
Outcome run_and_compare(Adapter& adapter, const Problem& p, const OperandData<T>& operands,
                        const ExpectedOutput& expected, const IsolationOptions& isolation) {
  std::vector<T> output;
  const CallResult call = call_adapter<T>(adapter, p, operands, output, isolation);
  if (call.verdict != Verdict::completed) return outcome_of(call);
  return compare_output<T>(p, expected, output);
}

#define TCONV_INSTANTIATE(T)                                                                    \
  template ExpectedOutput reference_output<T>(const Problem&, const OperandData<T>&);           \
  template Outcome compare_output<T>(const Problem&, const ExpectedOutput&, std::span<const T>, \
                                     std::string_view, std::int64_t);                           \
  template std::optional<Outcome> first_non_finite<T>(const Problem&, std::span<const T>);      \
  template CallResult call_adapter<T>(Adapter&, const Problem&, const OperandData<T>&,          \
                                      std::vector<T>&, const IsolationOptions&);                \
  template Outcome run_and_compare<T>(Adapter&, const Problem&, const OperandData<T>&,          \
                                      const ExpectedOutput&, const IsolationOptions&);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
