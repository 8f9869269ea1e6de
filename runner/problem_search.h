// Drawing random valid problems reproducibly, and shrinking a failing one to a
// minimal failing problem (RapidCheck's generator and its shrink tree, driven here
// outside a test framework so the runner can report and go on).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "problem.h"

namespace tconv {

// A check of one problem: nullopt when it passes, else the failure message.
using ProblemCheck = std::function<std::optional<std::string>(const Problem&)>;

struct Counterexample {
  Problem problem;      // the smallest failing problem found
  std::string failure;  // its failure message
  int shrink_steps;     // how many times a smaller failing problem was found
};

class ProblemSearch {
 public:
  explicit ProblemSearch(std::uint64_t seed) : seed_(seed) {}

  // The case-th problem of this seed; sizes cycle from small to large like RapidCheck's.
  Problem draw(int case_index) const;

  // Checks the case-th problem; on failure, shrinks it greedily (first smaller
  // problem that still fails, repeated) and returns the minimal counterexample.
  std::optional<Counterexample> check(int case_index, const ProblemCheck& check) const;

 private:
  std::uint64_t seed_;
};

}  // namespace tconv
