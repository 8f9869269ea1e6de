#include "problem_limit.h"

#include <limits>
#include <string>

namespace tconv {
namespace {

constexpr std::int64_t kSaturated = std::numeric_limits<std::int64_t>::max();

// a·b and a + b for non-negative counts, saturating: they are only compared with the limit.
std::int64_t times(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? kSaturated : r;
}
std::int64_t plus(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? kSaturated : r;
}

void check_tensor(const char* name, std::int64_t elements) {
  if (elements <= kMaxProblemElements) return;
  throw ProblemError(std::string(name) + " has " +
                     (elements == kSaturated ? "more than 2^63" : std::to_string(elements)) +
                     " elements, more than the suite computes (kMaxProblemElements = " +
                     std::to_string(kMaxProblemElements) + ")");
}

}  // namespace

void check_problem_size(const Problem& p) {
  validate(p);
  std::int64_t zero_inserted = times(p.batch, p.in_channels), matrix_blocks = 1;
  for (const Axis& a : p.axes) {
    const std::int64_t dilated_kernel = times(a.dilation, a.kernel - 1);
    const std::int64_t full_output = plus(plus(times(a.input - 1, a.stride), dilated_kernel), 1);
    zero_inserted = times(zero_inserted, plus(full_output, dilated_kernel));
    matrix_blocks = times(matrix_blocks, times(a.input, a.kernel));
  }
  check_tensor("the input", input_elements(p));
  check_tensor("the weights", weight_elements(p));
  check_tensor("the output", output_elements(p));
  check_tensor("the zero-inserted input", zero_inserted);
  check_tensor("the convolution matrix", matrix_blocks);
}

}  // namespace tconv
