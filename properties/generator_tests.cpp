// The problem generator spans the model: sampled over RapidCheck's whole size range,
// every feature occurs, every problem is valid, and the work per case stays small.
// Prints how often each feature occurs (a case counts once per feature it has).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

#include "feature_tags.h"
#include "generators.h"
#include "problem_string.h"

namespace tconv::properties {
namespace {

constexpr int kSamples = 2000;

// Tags beyond features(): the extremes of every range and the rarer combinations.
std::vector<std::string> extra_features(const Problem& p) {
  std::vector<std::string> tags;
  const auto tag_if = [&](bool on, const std::string& tag) {
    if (on) tags.push_back(tag);
  };
  tag_if(p.batch == 3, "batch 3");
  tag_if(p.groups == 4, "groups 4");
  tag_if(p.groups > 1 && p.groups == p.in_channels && p.out_channels > p.in_channels,
         "depthwise with channel multiplier");
  tag_if(!p.has_bias, "no bias");
  for (const Axis& a : p.axes) {
    tag_if(a.kernel == 7, "kernel 7");
    tag_if(a.stride == 5, "stride 5");
    tag_if(a.dilation == 4, "dilation 4");
    tag_if(a.pad_begin > a.dilation * (a.kernel - 1) || a.pad_end > a.dilation * (a.kernel - 1),
           "pad > d(k-1)");
    tag_if(output_size(a) == 1, "output size 1");
    tag_if(a.dilation > a.stride && a.output_padding >= a.stride, "output_padding>=stride (d > s)");
  }
  tag_if(p.rank() > 1 && std::any_of(p.axes.begin(), p.axes.end(),
                                     [&](const Axis& a) { return !(a == p.axes.front()); }),
         "axes differ");
  return tags;
}

TEST(Generators, ProblemGeneratorSpansTheModel) {
  const auto seed = rc::detail::configuration().testParams.seed;
  std::cout << "seed " << seed << ", " << kSamples << " problems over sizes 0-100\n";
  rc::Random random(seed);
  std::map<std::string, int> counts;
  std::int64_t largest_work = 0;
  std::string largest;
  for (int i = 0; i < kSamples; ++i) {
    const Problem p = gen_problem()(random.split(), i * 101 / kSamples).value();
    ASSERT_NO_THROW(validate(p)) << to_string(p);
    for (const std::string& tag : features(p)) ++counts[tag];
    for (const std::string& tag : extra_features(p)) ++counts[tag];
    std::int64_t taps = 1;
    for (const Axis& a : p.axes) taps *= a.kernel;
    const std::int64_t work = output_elements(p) * (p.in_channels / p.groups) * taps;
    if (work > largest_work) {
      largest_work = work;
      largest = to_string(p);
    }
  }
  std::vector<std::string> expected = all_features();
  for (const char* tag : {"batch 3", "groups 4", "depthwise with channel multiplier", "no bias",
                          "kernel 7", "stride 5", "dilation 4", "pad > d(k-1)", "output size 1",
                          "output_padding>=stride (d > s)", "axes differ"}) {
    expected.push_back(tag);
  }
  for (const std::string& tag : expected) {
    std::cout << std::setw(34) << tag << std::setw(6) << counts[tag] << "\n";
    EXPECT_GT(counts[tag], 0) << "no generated problem has " << tag;
  }
  std::cout << "largest work (output elements x products each): " << largest_work << " for "
            << largest << "\n";
}

TEST(Generators, EveryReachClassComesUpWithinOneCycle) {
  std::map<ReachClass, int> first;
  for (int i = 0; i < kReachEvery * kReachClasses; ++i) {
    if (auto c = reach_class(i)) first.try_emplace(*c, i);
  }
  EXPECT_EQ(static_cast<int>(first.size()), kReachClasses);
}

TEST(Generators, SizeAndMaxElementsBoundEveryTensor) {
  for (const auto& [scale, name] :
       {std::pair{problem_scale("small", std::nullopt), "small"},
        {problem_scale("medium", 500), "--max-elements 500"},
        {problem_scale("large", 16), "--max-elements 16"}}) {
    rc::Random random(7);
    for (int i = 0; i < 600; ++i) {
      const Problem p = gen_conformance_problem(i, scale)(random.split(), i % 101).value();
      ASSERT_NO_THROW(validate(p)) << to_string(p);
      EXPECT_LE(std::max({input_elements(p), weight_elements(p), output_elements(p)}),
                scale.max_elements)
          << name << ": " << to_string(p);
    }
  }
  EXPECT_THROW(problem_scale("huge", std::nullopt), std::invalid_argument);
}

}  // namespace
}  // namespace tconv::properties
