#include "reference_agreement.h"

#include <random>
#include <vector>

#include "compare.h"
#include "operands.h"
#include "problem_string.h"
#include "references.h"

namespace tconv {
namespace {

std::int64_t dot(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// "<problem>: <formulation> (data seed <seed>): "
std::string prefix(const Problem& p, Formulation f, std::uint64_t seed) {
  return to_string(p) + ": " + to_string(f) + " (data seed " + std::to_string(seed) + "): ";
}

// A mismatch's detail after the problem string it starts with.
std::string where(const Problem& p, const Mismatch& m) {
  return m.detail.substr(to_string(p).size() + 2);
}

}  // namespace

std::optional<std::string> check_reference_agreement(const Problem& p, std::uint64_t data_seed) {
  std::mt19937_64 rng(data_seed);
  const auto x = small_integers<std::int64_t>(input_elements(p), rng);
  const auto w = small_integers<std::int64_t>(weight_elements(p), rng);
  const auto b = small_integers<std::int64_t>(bias_elements(p), rng);
  const auto v =
      small_integers<std::int64_t>(output_elements(p), rng);  // y-space probe for adjointness
  const std::int64_t forward_dot = dot(conv_forward<std::int64_t>(p, v, w), x);

  std::vector<std::int64_t> baseline;
  for (Formulation f : kFormulations) {
    const auto y = conv_transpose<std::int64_t>(f, p, x, w, b);
    if (baseline.empty()) {
      baseline = y;
    } else if (auto m = first_exact_mismatch<std::int64_t>(p, baseline, y)) {
      return prefix(p, f, data_seed) + "differs from " + to_string(kFormulations[0]) + ": " +
             where(p, *m);
    }
    // <C v, x> = <v, C^T x>; the bias adds <v, b broadcast>, removed here by running without it.
    Problem unbiased = p;
    unbiased.has_bias = false;
    const auto y0 = conv_transpose<std::int64_t>(f, unbiased, x, w, {});
    if (dot(v, y0) != forward_dot) {
      return prefix(p, f, data_seed) +
             "not the adjoint of conv_forward: <C v, x> = " + std::to_string(forward_dot) +
             ", <v, C^T x> = " + std::to_string(dot(v, y0));
    }
    // The same data in double must give the same, exactly.
    const std::vector<double> xd(x.begin(), x.end()), wd(w.begin(), w.end()),
        bd(b.begin(), b.end());
    const auto yd = conv_transpose<double>(f, p, xd, wd, bd);
    const std::vector<double> expected(baseline.begin(), baseline.end());
    if (auto m = first_exact_mismatch<double>(p, expected, yd)) {
      return prefix(p, f, data_seed) + "in double differs from the int64 result: " + where(p, *m);
    }
  }
  return std::nullopt;
}

Outcome reference_formulations_agree(const Problem& p, std::uint64_t run_seed) {
  return outcome_or_error(p, [&]() -> Outcome {
    const auto failure =
        check_reference_agreement(p, data_seed(run_seed, p, DType::int64, kReferenceAgreement));
    if (!failure) return {};
    return {Verdict::wrong_values, *failure, {}};
  });
}

}  // namespace tconv
