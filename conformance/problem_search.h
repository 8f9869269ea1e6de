// Drawing random valid problems reproducibly, and shrinking a failing one to a
// minimal failing problem: RapidCheck's shrink tree first, driven here outside a test
// framework so that a run can record the failure and go on, then single-field
// reductions until none fails (a local minimum).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "generators.h"
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

// Every valid problem that differs from p in one field made smaller, each field's
// smallest legal value first, then its half, then one less: batch, groups (the channels
// per group kept), input and output channels per group, and per axis the input, kernel,
// stride, dilation, pads and output_padding; an axis dropped; no bias; the ncx layout;
// the iox weight layout.
std::vector<Problem> single_field_reductions(const Problem& p);

class ProblemSearch {
 public:
  explicit ProblemSearch(std::uint64_t seed, properties::ProblemScale scale = {})
      : seed_(seed), scale_(scale) {}

  // The case-th problem of this seed (gen_conformance_problem); sizes cycle from small
  // to large like RapidCheck's.
  Problem draw(int case_index) const;

  // The case-th problem failed `check` with `failure`: shrinks it greedily (the first
  // smaller problem failing with the same verdict, repeatedly) along RapidCheck's shrink
  // tree, then by single_field_reductions until none fails the same way, within
  // `max_checks` candidates checked in all.
  Counterexample shrink(int case_index, Outcome failure, const ProblemCheck& check,
                        int max_checks) const;

  // The first stage alone (RapidCheck's shrink tree), with its own budget.
  Counterexample shrink_along_tree(int case_index, Outcome failure, const ProblemCheck& check,
                                   int max_checks, int* checks_used = nullptr) const;

 private:
  std::uint64_t seed_;
  properties::ProblemScale scale_;
};

}  // namespace tconv
