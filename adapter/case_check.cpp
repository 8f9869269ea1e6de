#include "case_check.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <vector>

#include "capabilities.h"
#include "direct_scatter.h"
#include "error_bound.h"
#include "problem_string.h"
#include "scalar.h"

namespace tconv {
namespace {

template <class T>
std::vector<double> as_double(std::span<const T> values) {
  return std::vector<double>(values.begin(), values.end());
}

// The first element of `actual` that differs from the reference.
template <class T>
std::optional<Mismatch> first_mismatch(const Problem& p, std::span<const T> input,
                                       std::span<const T> weights, std::span<const T> bias,
                                       std::span<const T> actual) {
  if constexpr (std::is_integral_v<T>) {
    std::vector<T> expected(actual.size(), poison<T>());
    conv_transpose_direct_scatter<T>(p, input, weights, bias, expected);
    return first_exact_mismatch<T>(p, expected, actual);
  } else {
    const std::vector<double> x = as_double(input), w = as_double(weights), b = as_double(bias);
    std::vector<double> reference(actual.size(), poison<double>());
    conv_transpose_direct_scatter<double>(p, x, w, b, reference);
    const std::vector<double> tolerance = conv_transpose_tolerance<T>(p, x, w, b);
    return first_out_of_bound<T>(p, reference, actual, tolerance);
  }
}

}  // namespace

CallResult mismatch_result(const Problem& p, const Mismatch& m) {
  if (std::isfinite(m.actual) || !std::isfinite(m.expected))
    return {Verdict::wrong_values, m.detail};
  // Not m.detail: the comparisons call any NaN "never written", which is not the case here.
  std::ostringstream s;
  s << std::setprecision(17) << to_string(p) << ": output" << format_output_coordinate(p, m.offset)
    << ": expected " << m.expected << ", got " << m.actual << " (computed by the adapter)";
  return {Verdict::non_finite, s.str()};
}

template <class T>
CallResult check_against_reference(Adapter& adapter, const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   const IsolationOptions& options) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)));
  return check_against_reference<T>(adapter, p, input, weights, bias, std::span<T>(output),
                                     options);
}

template <class T>
CallResult check_against_reference(Adapter& adapter, const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output, const IsolationOptions& options) {
  const AdapterInfo& info = adapter.info();
  if (const auto feature = unsupported_feature(info.capabilities, p, dtype_of<T>())) {
    return {Verdict::unsupported, to_string(p) + " in " + to_string(dtype_of<T>()) + ": needs " +
                                      *feature + ", which " + info.name + " does not declare"};
  }
  const CallResult call = isolated_call<T>(adapter, p, input, weights, bias, output, options);
  if (call.verdict != Verdict::completed) return call;
  if (const auto m = first_mismatch<T>(p, input, weights, bias, output))
    return mismatch_result(p, *m);
  return {Verdict::passed, to_string(p) + " in " + to_string(dtype_of<T>())};
}

#define TCONV_INSTANTIATE(T)                                                                   \
  template CallResult check_against_reference<T>(Adapter&, const Problem&, std::span<const T>, \
                                                 std::span<const T>, std::span<const T>,       \
                                                 const IsolationOptions&);                     \
  template CallResult check_against_reference<T>(Adapter&, const Problem&, std::span<const T>, \
                                                 std::span<const T>, std::span<const T>,       \
                                                 std::span<T>, const IsolationOptions&);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
