// The time one call of an adapter may take before it is killed as hung: the timeout the
// user gave (--timeout-ms, ample for the random problems), plus 100 ms per million
// multiply-adds. Without the allowance, a correct but slow implementation would fail by
// timing out on the topology phase's real layers, and the verdict would depend on the
// machine's speed and load; with it, any implementation computing at least 10 million
// multiply-adds a second passes (the example C adapter does about 50 million under load).
#pragma once

#include <chrono>

#include "problem.h"

namespace tconv {

inline constexpr std::int64_t kMultiplyAddsPerAllowedMillisecond = 10'000;

inline std::chrono::milliseconds call_timeout(std::chrono::milliseconds base, const Problem& p) {
  return base + std::chrono::milliseconds(multiply_adds(p) / kMultiplyAddsPerAllowedMillisecond);
}

}  // namespace tconv
