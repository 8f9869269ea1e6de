// conv_forward (reference/forward_convolution.cpp): the forward convolution C whose
// transpose each problem describes.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "direct_scatter.h"
#include "problem_string.h"
#include "problem_table.h"
#include "references.h"
#include "scalar.h"

namespace tconv {
namespace {

using testing::kDataSeed;
using testing::kNamedProblems;
using testing::random_data;

template <class T>
std::vector<T> forward(const Problem& p, std::span<const T> output_shaped,
                       std::span<const T> weights) {
  std::vector<T> input_shaped(static_cast<std::size_t>(input_elements(p)), poison<T>());
  conv_forward<T>(p, output_shaped, weights, input_shaped);
  return input_shaped;
}

// The worked example: a 3x3 image X = 0..8 convolved (no padding, stride 1) with the 2x2
// kernel K = [[1, 2], [3, 4]]. As a transposed-convolution problem the 3x3 image is the
// output space and the 2x2 result the input space.
template <class T>
class ForwardConvolutionWorkedExample : public ::testing::Test {};
using Scalars = ::testing::Types<double, float, std::int64_t>;
TYPED_TEST_SUITE(ForwardConvolutionWorkedExample, Scalars);

TYPED_TEST(ForwardConvolutionWorkedExample, ThreeByThreeImageTwoByTwoKernel) {
  using T = TypeParam;
  const Problem p = parse_problem("ic1,oc1,i2x2,k2x2");
  const std::vector<T> image{0, 1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<T> kernel{1, 2, 3, 4};
  const std::vector<T> expected{27, 37, 57, 67};
  const std::vector<T> result = forward<T>(p, image, kernel);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result[i], expected[i])
        << to_string(p) << " result (" << i / 2 << ", " << i % 2 << "): conv_forward " << result[i]
        << ", expected " << expected[i];
  }
}

// ---- Adjointness with the direct scatter on the named problems: <C y, x> == <y, Cᵀ x> -

std::int64_t inner(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), std::int64_t{0});
}

class ForwardConvolutionIsTheAdjoint : public ::testing::TestWithParam<testing::NamedProblem> {};

TEST_P(ForwardConvolutionIsTheAdjoint, OfTheDirectScatterExactlyOnSmallIntegers) {
  const Problem p = parse_problem(GetParam().text);
  std::mt19937_64 rng(kDataSeed);
  const auto x = random_data<std::int64_t>(input_elements(p), rng);
  const auto y = random_data<std::int64_t>(output_elements(p), rng);
  const auto w = random_data<std::int64_t>(weight_elements(p), rng);
  const std::vector<std::int64_t> no_bias(static_cast<std::size_t>(bias_elements(p)), 0);

  const std::vector<std::int64_t> cy = forward<std::int64_t>(p, y, w);
  for (std::size_t i = 0; i < cy.size(); ++i) {
    ASSERT_FALSE(is_poison(cy[i])) << to_string(p) << ": C y element " << i << " never written";
  }
  std::vector<std::int64_t> ctx(static_cast<std::size_t>(output_elements(p)),
                                poison<std::int64_t>());
  conv_transpose_direct_scatter<std::int64_t>(p, x, w, no_bias, ctx);

  EXPECT_EQ(inner(cy, x), inner(y, ctx))
      << to_string(p) << " data seed " << kDataSeed << ": <conv_forward(y), x> = " << inner(cy, x)
      << ", <y, direct_scatter(x)> = " << inner(y, ctx);
}

INSTANTIATE_TEST_SUITE_P(NamedProblems, ForwardConvolutionIsTheAdjoint,
                         ::testing::ValuesIn(kNamedProblems),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- The boundary ---------------------------------------------------------------------

TEST(ForwardConvolution, RejectsWrongOperandLengthsNamingTheTensor) {
  // Output-shaped 3·6 = 18, weights 2·3·3 = 18, input-shaped 2·4 = 8; C takes no bias.
  const Problem p = parse_problem("ic2,oc3,i4,k3,bias");
  const std::vector<double> y(18), w(18);
  std::vector<double> x(8);
  auto expect_rejects = [&](std::span<const double> output_shaped, std::span<const double> weights,
                            std::span<double> input_shaped, const std::string& tensor) {
    try {
      conv_forward<double>(p, output_shaped, weights, input_shaped);
      ADD_FAILURE() << to_string(p) << ": wrong " << tensor << " length accepted";
    } catch (const ProblemError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(tensor + " length", 0), 0u)
          << to_string(p) << ": message '" << e.what() << "' should name " << tensor;
    }
  };
  std::vector<double> long_y(19), short_x(7);
  expect_rejects(long_y, w, x, "output");
  expect_rejects(y, std::span(w).first(17), x, "weights");
  expect_rejects(y, w, short_x, "input");
  conv_forward<double>(p, y, w, x);  // the right lengths are accepted
}

TEST(ForwardConvolution, RejectsAnInvalidProblem) {
  const Problem p = parse_problem("g2,ic3,oc2,i4,k3");
  const std::vector<double> empty;
  std::vector<double> result;
  EXPECT_THROW(conv_forward<double>(p, empty, empty, result), ProblemError) << to_string(p);
}

}  // namespace
}  // namespace tconv
