// Element-wise comparison of an implementation's output with the expected tensor,
// reporting the first mismatch by logical coordinate, so that a failure reads as
// "output[n=0, c=1, h=3, w=0]: expected 4, got nan (never written)".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "problem.h"

namespace tconv {

// Logical (n, c, spatial...) coordinate of the flat offset into the problem's output tensor.
std::vector<std::int64_t> output_coordinate(const Problem& p, std::int64_t offset);

// "[n=0, c=1, y=3, x=0]" (spatial axes named d/h/w for rank 3, h/w for rank 2, w for rank 1).
std::string format_output_coordinate(const Problem& p, std::int64_t offset);

struct Mismatch {
  std::int64_t offset;
  double expected, actual;
  double allowed;      // the error bound at this element; 0 for exact comparisons
  std::string detail;  // complete message: problem string, coordinate, both values
};

// What a mismatching value of an output was: " (never written)" for the poison
// (scalar.h), " (a computed NaN)" for any other NaN, "" for a number.
template <class T>
const char* unwritten_or_nan(T actual);

// Exact comparison (for data that make the result exact). A poisoned element of
// `actual` is reported as never written. Lengths must match the problem's output.
template <class T>
std::optional<Mismatch> first_exact_mismatch(const Problem& p, std::span<const T> expected,
                                             std::span<const T> actual);

}  // namespace tconv
