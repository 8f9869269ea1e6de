// The largest problem the suite computes. Its references hold the input, the weights and
// the output, and intermediates as large as the zero-inserted input (batch × in_channels
// × each axis's full output plus its dilated kernel) and the convolution matrix (input
// positions × taps), several at once, in int64 and in double. A problem whose largest
// such tensor has more than kMaxProblemElements elements is refused before anything is
// allocated: a --problem of tconv-conform, and every problem a golden vector makes the
// references compute (vectors/loader.h).
#pragma once

#include <cstdint>

#include "problem.h"

namespace tconv {

// 16 Mi elements: 128 MiB per tensor in double.
inline constexpr std::int64_t kMaxProblemElements = std::int64_t{1} << 24;

// Throws ProblemError unless p is valid and each tensor above has at most
// kMaxProblemElements elements; the message names the tensor, its size and the limit.
void check_problem_size(const Problem& p);

}  // namespace tconv
