#include "problem_search.h"

#include <rapidcheck.h>

#include <algorithm>

namespace tconv {
namespace {

constexpr int kMaxSize = 100;

rc::Shrinkable<Problem> shrinkable(std::uint64_t seed, int case_index,
                                   const properties::ProblemScale& scale) {
  const rc::Random random(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(case_index));
  return properties::gen_conformance_problem(case_index, scale)(random,
                                                                case_index % (kMaxSize + 1));
}

// The values to try for a field at `value` whose smallest legal value is `least`:
// least, then the half-way point, then value - 1 (each smaller than value, once).
std::vector<std::int64_t> smaller_values(std::int64_t value, std::int64_t least) {
  std::vector<std::int64_t> values;
  for (std::int64_t v : {least, least + (value - least) / 2, value - 1}) {
    if (v >= least && v < value && std::find(values.begin(), values.end(), v) == values.end()) {
      values.push_back(v);
    }
  }
  return values;
}

bool valid(const Problem& p) {
  try {
    validate(p);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::vector<Problem> single_field_reductions(const Problem& p) {
  std::vector<Problem> out;
  const auto add = [&](const Problem& q) {
    if (valid(q)) out.push_back(q);
  };
  const std::int64_t in_per_group = p.in_channels / p.groups;
  const std::int64_t out_per_group = p.out_channels / p.groups;
  for (std::int64_t v : smaller_values(p.batch, 1)) {
    Problem q = p;
    q.batch = v;
    add(q);
  }
  for (std::int64_t v : smaller_values(p.groups, 1)) {
    Problem q = p;
    q.groups = v;
    q.in_channels = v * in_per_group;
    q.out_channels = v * out_per_group;
    add(q);
  }
  for (std::int64_t v : smaller_values(in_per_group, 1)) {
    Problem q = p;
    q.in_channels = p.groups * v;
    add(q);
  }
  for (std::int64_t v : smaller_values(out_per_group, 1)) {
    Problem q = p;
    q.out_channels = p.groups * v;
    add(q);
  }
  for (std::size_t a = 0; a < p.axes.size(); ++a) {
    for (auto [field, least] :
         {std::pair{&Axis::input, 1}, {&Axis::kernel, 1}, {&Axis::stride, 1}, {&Axis::dilation, 1},
          {&Axis::pad_begin, 0}, {&Axis::pad_end, 0}, {&Axis::output_padding, 0}}) {
      for (std::int64_t v : smaller_values(p.axes[a].*field, least)) {
        Problem q = p;
        q.axes[a].*field = v;
        add(q);
      }
    }
  }
  for (std::size_t a = 0; p.axes.size() > 1 && a < p.axes.size(); ++a) {
    Problem q = p;
    q.axes.erase(q.axes.begin() + static_cast<std::ptrdiff_t>(a));
    add(q);
  }
  Problem defaults = p;
  defaults.has_bias = false;
  defaults.layout = Layout::ncx;
  defaults.weight_layout = WeightLayout::iox;
  for (auto set : {+[](Problem& q, const Problem& d) { q.has_bias = d.has_bias; },
                   +[](Problem& q, const Problem& d) { q.layout = d.layout; },
                   +[](Problem& q, const Problem& d) { q.weight_layout = d.weight_layout; }}) {
    Problem q = p;
    set(q, defaults);
    if (q != p) add(q);
  }
  return out;
}

Problem ProblemSearch::draw(int case_index) const {
  return shrinkable(seed_, case_index, scale_).value();
}

Counterexample ProblemSearch::shrink_along_tree(int case_index, Outcome failure,
                                                const ProblemCheck& check, int max_checks,
                                                int* checks_used) const {
  rc::Shrinkable<Problem> current = shrinkable(seed_, case_index, scale_);
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
  if (checks_used) *checks_used = checks;
  return smallest;
}

Counterexample ProblemSearch::shrink(int case_index, Outcome failure, const ProblemCheck& check,
                                     int max_checks) const {
  // The tree gets two thirds of the budget, so that the local search always has some.
  int checks = 0;
  Counterexample smallest =
      shrink_along_tree(case_index, std::move(failure), check, max_checks * 2 / 3, &checks);
  for (bool smaller_found = true; smaller_found && checks < max_checks;) {
    smaller_found = false;
    for (const Problem& candidate : single_field_reductions(smallest.problem)) {
      if (checks >= max_checks) break;
      ++checks;
      Outcome outcome = check(candidate);
      if (outcome.verdict != smallest.outcome.verdict) continue;
      smallest = {candidate, std::move(outcome), smallest.shrink_steps + 1};
      smaller_found = true;
      break;
    }
  }
  return smallest;
}

}  // namespace tconv
