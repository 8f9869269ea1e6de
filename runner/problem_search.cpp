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

std::optional<Counterexample> ProblemSearch::check(int case_index, const ProblemCheck& check) const {
  rc::Shrinkable<Problem> current = shrinkable(seed_, case_index);
  std::optional<std::string> failure = check(current.value());
  if (!failure) return std::nullopt;
  int steps = 0;
  for (bool smaller_found = true; smaller_found;) {
    smaller_found = false;
    auto shrinks = current.shrinks();
    while (auto candidate = shrinks.next()) {
      if (auto f = check(candidate->value())) {
        current = *candidate;
        failure = f;
        ++steps;
        smaller_found = true;
        break;
      }
    }
  }
  return Counterexample{current.value(), *failure, steps};
}

}  // namespace tconv
