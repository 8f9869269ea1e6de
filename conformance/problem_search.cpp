#include "problem_search.h"

#include <rapidcheck.h>

#include "generators.h"

namespace tconv {
namespace {

constexpr int kMaxSize = 100;

rc::Shrinkable<Problem> shrinkable(std::uint64_t seed, int case_index) {
  const rc::Random random(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(case_index));
  return properties::gen_problem()(random, case_index % (kMaxSize + 1));
}

}  // namespace

Problem ProblemSearch::draw(int case_index) const { return shrinkable(seed_, case_index).value(); }

Counterexample ProblemSearch::shrink(int case_index, Outcome failure, const ProblemCheck& check,
                                     int max_checks) const {
  rc::Shrinkable<Problem> current = shrinkable(seed_, case_index);
  Counterexample smallest{current.value(), std::move(failure), 0};
  int checks = 0;
  for (bool smaller_found = true; smaller_found && checks < max_checks;) {
    smaller_found = false;
    auto shrinks = current.shrinks();
    while (checks < max_checks) {
      auto candidate = shrinks.next();
      if (!candidate) break;
      ++checks;
      Outcome outcome = check(candidate->value());
      if (outcome.verdict != smallest.outcome.verdict) continue;
      current = *candidate;
      smallest = {current.value(), std::move(outcome), smallest.shrink_steps + 1};
      smaller_found = true;
      break;
    }
  }
  return smallest;
}

}  // namespace tconv
