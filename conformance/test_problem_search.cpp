// The default run's problems reach the code paths optimised kernels take, and
// shrinking a failing random problem ends at a local minimum: no single field of the
// shrunk problem can be made smaller while it still fails with the same verdict, also
// where RapidCheck's shrink tree alone stops early (issue 11: it stopped at i1x2,k2x1
// and at k1x4 where k1x1 and k1x2 fail the same way).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>

#include "problem_search.h"
#include "problem_string.h"

namespace tconv {
namespace {

constexpr int kMaxChecks = 300;

// A check failing with wrong values exactly when `fails` holds: a kernel with a bug
// that depends on the problem only.
ProblemCheck failing_when(std::function<bool(const Problem&)> fails) {
  return [fails](const Problem& p) {
    return fails(p) ? Outcome{Verdict::wrong_values, to_string(p) + ": wrong", {}} : Outcome{};
  };
}

// The first of the first 300 cases of `search` that fails `check`.
std::optional<int> first_failing_case(const ProblemSearch& search, const ProblemCheck& check) {
  for (int i = 0; i < 300; ++i) {
    if (check(search.draw(i)).failed()) return i;
  }
  return std::nullopt;
}

// Shrinks every failing case among the first 60 of seed 1 (at most 10): each must end
// at `minimum`. Returns how many of them the shrink tree alone leaves above it.
int expect_every_failure_shrinks_to(const ProblemCheck& check, const std::string& minimum) {
  const ProblemSearch search(1);
  int failing = 0, tree_short = 0;
  for (int i = 0; i < 60 && failing < 10; ++i) {
    Outcome first = check(search.draw(i));
    if (!first.failed()) continue;
    ++failing;
    const Counterexample shrunk = search.shrink(i, first, check, kMaxChecks);
    EXPECT_EQ(to_string(shrunk.problem), minimum) << "case " << i << ", drawn "
                                                  << to_string(search.draw(i));
    EXPECT_EQ(shrunk.outcome.verdict, Verdict::wrong_values);
    const Counterexample tree = search.shrink_along_tree(i, first, check, kMaxChecks);
    if (to_string(tree.problem) != minimum) ++tree_short;
  }
  EXPECT_GT(failing, 0) << "no case of the first 60 fails: the test checks nothing";
  return tree_short;
}

// The classes of problems optimised kernels treat apart, each a predicate: a run that
// never draws one passes a kernel whose bug lives there (docs/MUTANTS.md).
std::vector<std::pair<std::string, std::function<bool(const Problem&)>>> production_paths() {
  const auto per_group = [](std::int64_t c, const Problem& p) { return c / p.groups; };
  const auto in_band = [](std::int64_t v, std::int64_t lo, std::int64_t hi) {
    return v >= lo && v <= hi;
  };
  std::vector<std::pair<std::string, std::function<bool(const Problem&)>>> paths;
  for (auto [lo, hi] : {std::pair{17, 17}, {31, 33}, {63, 65}, {127, 129}, {255, 257}}) {
    const std::string band = std::to_string(lo) + "-" + std::to_string(hi);
    paths.emplace_back("Cout/g " + band, [=](const Problem& p) {
      return in_band(per_group(p.out_channels, p), lo, hi);
    });
    paths.emplace_back("Cin/g " + band, [=](const Problem& p) {
      return in_band(per_group(p.in_channels, p), lo, hi);
    });
  }
  paths.emplace_back("Cout/g > 16, a partial block of 16", [=](const Problem& p) {
    const std::int64_t c = per_group(p.out_channels, p);
    return c > 16 && c % 16 != 0;
  });
  paths.emplace_back("Cin/g > 16, a partial block of 16", [=](const Problem& p) {
    const std::int64_t c = per_group(p.in_channels, p);
    return c > 16 && c % 16 != 0;
  });
  paths.emplace_back("nxc with Cout/g > 16", [=](const Problem& p) {
    return p.layout == Layout::nxc && per_group(p.out_channels, p) > 16;
  });
  paths.emplace_back("depthwise, > 8 channels, multiplier > 1", [](const Problem& p) {
    return p.groups == p.in_channels && p.in_channels > 8 && p.out_channels > p.in_channels;
  });
  paths.emplace_back("batch >= 5", [](const Problem& p) { return p.batch >= 5; });
  paths.emplace_back("output width > 8, a partial tile of 8", [](const Problem& p) {
    const std::int64_t w = output_size(p.axes.back());
    return w > 8 && w % 8 != 0;
  });
  const auto plane = [](const Problem& p) { return output_elements(p) / p.batch / p.out_channels; };
  paths.emplace_back("output plane of 1 element", [=](const Problem& p) { return plane(p) == 1; });
  paths.emplace_back("output plane > 65536", [=](const Problem& p) { return plane(p) > 65536; });
  const auto any_axis = [](const Problem& p, auto pred) {
    return std::any_of(p.axes.begin(), p.axes.end(), pred);
  };
  const auto every_axis = [](const Problem& p, auto pred) {
    return std::all_of(p.axes.begin(), p.axes.end(), pred);
  };
  const auto padded = [=](const Problem& p) {
    return any_axis(p, [](const Axis& a) { return a.pad_begin > 0; });
  };
  paths.emplace_back("FCN-32s axis (k64, s32)", [=](const Problem& p) {
    return any_axis(p, [](const Axis& a) { return a.kernel == 64 && a.stride == 32; });
  });
  paths.emplace_back("stride == kernel > 1 with pads", [=](const Problem& p) {
    return padded(p) && any_axis(p, [](const Axis& a) { return a.kernel > 1; }) &&
           every_axis(p, [](const Axis& a) { return a.stride == a.kernel && a.dilation == 1; });
  });
  paths.emplace_back("1x1 kernel with pads", [=](const Problem& p) {
    return padded(p) && every_axis(p, [](const Axis& a) { return a.kernel == 1; });
  });
  return paths;
}

TEST(ProblemSearch, DefaultRunReachesEveryProductionPath) {
  constexpr int kCases = 1000;  // tconv-conform's default --cases
  const properties::ProblemScale scale = properties::problem_scale("medium", std::nullopt);
  const ProblemSearch search(1);  // tconv-conform's default --seed
  const auto paths = production_paths();
  std::map<std::string, int> counts;
  int reach_cases = 0;
  for (int i = 0; i < kCases; ++i) {
    const Problem p = search.draw(i);
    ASSERT_NO_THROW(validate(p)) << to_string(p);
    EXPECT_LE(std::max({input_elements(p), weight_elements(p), output_elements(p)}),
              scale.max_elements)
        << to_string(p);
    EXPECT_LE(properties::problem_work(p), scale.max_work()) << to_string(p);
    reach_cases += properties::reach_class(i).has_value();
    for (const auto& [name, reached] : paths) counts[name] += reached(p);
  }
  for (const auto& [name, reached] : paths) {
    std::cout << std::setw(40) << name << std::setw(6) << counts[name] << "\n";
    EXPECT_GT(counts[name], 0) << "no problem of the default run reaches " << name;
  }
  EXPECT_LE(reach_cases * properties::kReachEvery, kCases) << "most cases stay small";
}

TEST(ProblemSearch, ShrinksToTheSmallestTwoDimensionalKernelWhenEvery2DProblemFails) {
  const int tree_short = expect_every_failure_shrinks_to(
      failing_when([](const Problem& p) { return p.rank() == 2; }),
      "n1,g1,ic1,oc1,i1x1,k1x1,s1x1,d1x1,pb0x0,pe0x0,op0x0,nobias,ncx,iox");
  EXPECT_GT(tree_short, 0) << "the shrink tree alone reaches the minimum: no early stop shown";
}

TEST(ProblemSearch, ShrinksToKernel1x2WhenEveryKernelWidthOf2OrMoreFails) {
  const int tree_short = expect_every_failure_shrinks_to(
      failing_when([](const Problem& p) { return p.rank() == 2 && p.axes[1].kernel >= 2; }),
      "n1,g1,ic1,oc1,i1x1,k1x2,s1x1,d1x1,pb0x0,pe0x0,op0x0,nobias,ncx,iox");
  EXPECT_GT(tree_short, 0) << "the shrink tree alone reaches the minimum: no early stop shown";
}

TEST(ProblemSearch, ShrunkProblemIsALocalMinimumOfEveryField) {
  // Fails for outputs of 40 elements or more with 3 output channels or more, in nxc.
  const ProblemCheck check = failing_when([](const Problem& p) {
    return output_elements(p) >= 40 && p.out_channels >= 3 && p.layout == Layout::nxc;
  });
  const ProblemSearch search(7);
  const auto index = first_failing_case(search, check);
  ASSERT_TRUE(index);
  const Counterexample shrunk = search.shrink(*index, check(search.draw(*index)), check, 2000);
  ASSERT_TRUE(check(shrunk.problem).failed());
  for (const Problem& smaller : single_field_reductions(shrunk.problem)) {
    EXPECT_FALSE(check(smaller).failed())
        << to_string(shrunk.problem) << " is not a local minimum: " << to_string(smaller)
        << " fails too";
  }
}

TEST(ProblemSearch, SingleFieldReductionsAreValidAndSmallestFirst) {
  const Problem p =
      parse_problem("n3,g2,ic4,oc6,i5x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x1,bias,nxc,xoi");
  const std::vector<Problem> reductions = single_field_reductions(p);
  ASSERT_FALSE(reductions.empty());
  for (const Problem& q : reductions) EXPECT_NO_THROW(validate(q)) << to_string(q);
  EXPECT_EQ(reductions.front().batch, 1) << "the smallest legal value comes first";
  EXPECT_EQ(reductions[1].batch, 2);
  const auto has = [&](const std::string& text) {
    for (const Problem& q : reductions)
      if (to_string(q) == text) return true;
    return false;
  };
  EXPECT_TRUE(has("n3,g1,ic2,oc3,i5x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x1,bias,nxc,xoi"))
      << "groups reduced with the channels per group kept";
  EXPECT_TRUE(has("n3,g2,ic4,oc6,i4,k2,s1,d2,pb0,pe1,op1,bias,nxc,xoi")) << "an axis dropped";
  EXPECT_TRUE(has("n3,g2,ic4,oc6,i5x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x1,nobias,nxc,xoi"));
  EXPECT_TRUE(has("n3,g2,ic4,oc6,i5x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x1,bias,ncx,xoi"));
  EXPECT_TRUE(has("n3,g2,ic4,oc6,i5x4,k3x2,s2x1,d1x2,pb1x0,pe0x1,op1x1,bias,nxc,iox"));
}

}  // namespace
}  // namespace tconv
