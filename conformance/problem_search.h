// Drawing random valid problems reproducibly, and shrinking a failing one to a
// minimal failing problem (RapidCheck's generator and its shrink tree, driven here
// outside a test framework so that a run can record the failure and go on).
#pragma once

#include <cstdint>
#include <functional>

#include "outcome.h"
#include "problem.h"

namespace tconv {

// A check of one problem: a deterministic function of the problem (its data are
// derived from it), so that a shrunk problem replays alone.
using ProblemCheck = std::function<Outcome(const Problem&)>;

struct Counterexample {
  Problem problem;   // the smallest problem found failing with the original verdict
  Outcome outcome;   // its outcome
  int shrink_steps;  // how many times a smaller failing problem was found
};

class ProblemSearch {
 public:
  explicit ProblemSearch(std::uint64_t seed) : seed_(seed) {}

  // The case-th problem of this seed; sizes cycle from small to large like RapidCheck's.
  Problem draw(int case_index) const;

  // The case-th problem failed `check` with `failure`: shrinks it greedily (the first
  // smaller problem failing with the same verdict, repeatedly) until no smaller one
  // fails or `max_checks` candidates have been checked.
  Counterexample shrink(int case_index, Outcome failure, const ProblemCheck& check,
                        int max_checks) const;

 private:
  std::uint64_t seed_;
};

}  // namespace tconv
