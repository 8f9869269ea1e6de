// Helpers shared by the property bodies: drawing, exact checks with readable failures.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "compare.h"
#include "generators.h"
#include "implementation.h"
#include "problem.h"
#include "problem_string.h"
#include "scalar.h"

namespace tconv::properties {

// Inside a RapidCheck case: `count` integers in [-3, 3], small enough that every sum of
// products the properties form stays exact in int64.
inline std::vector<std::int64_t> draw_integers(std::int64_t count) {
  return *gen_integers(static_cast<std::size_t>(count), 3);
}

// α·a + β·b, element by element.
inline std::vector<std::int64_t> combine(std::int64_t alpha, const std::vector<std::int64_t>& a,
                                         std::int64_t beta, const std::vector<std::int64_t>& b) {
  std::vector<std::int64_t> r(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) r[i] = alpha * a[i] + beta * b[i];
  return r;
}

// Fails the case unless `actual` equals `expected` element for element; the message
// starts with `what` and names the problem, coordinate and both values.
template <class T>
void require_same(const Problem& p, std::span<const T> expected, std::span<const T> actual,
                  const std::string& what) {
  if (auto m = first_exact_mismatch<T>(p, expected, actual)) RC_FAIL(what + ": " + m->detail);
}

// Fails the case if an implementation left an output element unwritten (poisoned).
template <class T>
void require_written(const Problem& p, std::span<const T> output, const std::string& what) {
  for (std::size_t i = 0; i < output.size(); ++i) {
    if (is_poison(output[i])) {
      RC_FAIL(what + ": " + to_string(p) + ": output" +
              format_output_coordinate(p, static_cast<std::int64_t>(i)) + " never written");
    }
  }
}

// Runs `impl` in T, failing the case if it left an output element unwritten, so that
// arithmetic on the result never meets the poison.
template <class T>
std::vector<T> run_written(const Implementation& impl, const Problem& p, std::span<const T> input,
                           std::span<const T> weights, std::span<const T> bias) {
  std::vector<T> output = impl.run<T>(p, input, weights, bias);
  require_written<T>(p, output, impl.name);
  return output;
}

// Σ a[i]·b[i], accumulated in T in index order.
template <class T>
T dot(std::span<const T> a, std::span<const T> b) {
  T sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

template <class To, class From>
std::vector<To> convert(const std::vector<From>& v) {
  return std::vector<To>(v.begin(), v.end());
}

}  // namespace tconv::properties
