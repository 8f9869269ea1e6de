// Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing
// Input", 2002): ddmin reduces a failing sequence to a 1-minimal one, from which no
// single element can be removed while it still fails.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

namespace tconv {

// The smallest subsequence of `items` (order kept) found for which fails() holds, given
// that it holds for `items`; at most max_tests calls of fails(). The empty subsequence is
// tried too. Stops early (with a subsequence that fails) when the tests are spent.
template <class T>
std::vector<T> ddmin(std::vector<T> items, const std::function<bool(const std::vector<T>&)>& fails,
                     int max_tests) {
  int tests = 0;
  const auto test = [&](const std::vector<T>& candidate) {
    return tests++ < max_tests && fails(candidate);
  };
  if (items.empty() || test({})) return {};
  std::size_t n = 2;
  while (items.size() >= 2 && tests < max_tests) {
    const std::size_t chunk = (items.size() + n - 1) / n;
    bool reduced = false;
    // Each part alone, then each complement.
    for (std::size_t begin = 0; begin < items.size() && !reduced; begin += chunk) {
      const std::size_t end = std::min(items.size(), begin + chunk);
      std::vector<T> part(items.begin() + begin, items.begin() + end);
      if (test(part)) items = std::move(part), n = 2, reduced = true;
    }
    for (std::size_t begin = 0; begin < items.size() && !reduced && n > 2; begin += chunk) {
      const std::size_t end = std::min(items.size(), begin + chunk);
      std::vector<T> rest(items.begin(), items.begin() + begin);
      rest.insert(rest.end(), items.begin() + end, items.end());
      if (test(rest)) items = std::move(rest), n = std::max<std::size_t>(n - 1, 2), reduced = true;
    }
    if (reduced) continue;
    if (n >= items.size()) break;
    n = std::min(2 * n, items.size());
  }
  return items;
}

}  // namespace tconv
