#include "compare.h"

#include <cmath>
#include <sstream>
#include <type_traits>

#include "problem_string.h"
#include "scalar.h"

namespace tconv {

std::vector<std::int64_t> output_coordinate(const Problem& p, std::int64_t offset) {
  const std::vector<std::int64_t> shape = output_shape(p);  // [N, C, spatial...]
  // Storage order of the logical axes: N, C, spatial (ncx) or N, spatial, C (nxc).
  std::vector<std::size_t> storage_order{0};
  if (p.layout == Layout::ncx) storage_order.push_back(1);
  for (std::size_t a = 2; a < shape.size(); ++a) storage_order.push_back(a);
  if (p.layout == Layout::nxc) storage_order.push_back(1);

  std::vector<std::int64_t> coordinate(shape.size());
  for (auto axis = storage_order.rbegin(); axis != storage_order.rend(); ++axis) {
    coordinate[*axis] = offset % shape[*axis];
    offset /= shape[*axis];
  }
  return coordinate;
}

std::string format_output_coordinate(const Problem& p, std::int64_t offset) {
  static const char* const kSpatialNames[3][3] = {{"w"}, {"h", "w"}, {"d", "h", "w"}};
  const std::vector<std::int64_t> c = output_coordinate(p, offset);
  std::ostringstream s;
  s << "[n=" << c[0] << ", c=" << c[1];
  for (int a = 0; a < p.rank(); ++a) s << ", " << kSpatialNames[p.rank() - 1][a] << "=" << c[2 + a];
  s << "]";
  return s.str();
}

template <class T>
const char* unwritten_or_nan(T actual) {
  if (is_poison(actual)) return " (never written)";
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(actual)) return " (a computed NaN)";
  }
  return "";
}

template <class T>
std::optional<Mismatch> first_exact_mismatch(const Problem& p, std::span<const T> expected,
                                             std::span<const T> actual) {
  const auto want = static_cast<std::size_t>(output_elements(p));
  if (expected.size() != want || actual.size() != want) {
    throw ProblemError(to_string(p) + ": compared outputs have lengths " +
                       std::to_string(expected.size()) + " and " + std::to_string(actual.size()) +
                       ", the problem's output has " + std::to_string(want));
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] == actual[i]) continue;
    std::ostringstream s;
    s << to_string(p) << ": output" << format_output_coordinate(p, static_cast<std::int64_t>(i))
      << ": expected " << expected[i] << ", got " << actual[i];
    s << unwritten_or_nan(actual[i]);
    return Mismatch{static_cast<std::int64_t>(i), static_cast<double>(expected[i]),
                    static_cast<double>(actual[i]), 0.0, s.str()};
  }
  return std::nullopt;
}

#define TCONV_INSTANTIATE(T)                                                                   \
  template const char* unwritten_or_nan<T>(T);                                                 \
  template std::optional<Mismatch> first_exact_mismatch<T>(const Problem&, std::span<const T>, \
                                                           std::span<const T>);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
