// Worked examples of the training directions (reference/backward.h) with literal values
// computed by hand, checked on every formulation in every scalar type (the values are
// small integers, exact in all three), each run into a poisoned buffer.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backward.h"
#include "problem_string.h"
#include "scalar.h"

namespace tconv {
namespace {

template <class T>
class BackwardExamples : public ::testing::Test {};
using Scalars = ::testing::Types<double, float, std::int64_t>;
TYPED_TEST_SUITE(BackwardExamples, Scalars);

// One problem and its operands (as integers), and the gradients every formulation must
// give (grad_bias empty for a problem without bias).
struct Example {
  std::string_view problem;
  std::vector<std::int64_t> input, weights, grad_output;
  std::vector<std::int64_t> grad_input, grad_weights, grad_bias;
};

template <class T>
std::vector<T> as(const std::vector<std::int64_t>& v) {
  return std::vector<T>(v.begin(), v.end());
}

template <class T>
void expect_equal(const Problem& p, const char* tensor, const char* formulation,
                  const std::vector<std::int64_t>& expected, const std::vector<T>& actual) {
  ASSERT_EQ(actual.size(), expected.size()) << to_string(p) << " " << formulation << " " << tensor;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i], static_cast<T>(expected[i]))
        << to_string(p) << ": " << formulation << " " << tensor << "[" << i << "]"
        << (is_poison(actual[i]) ? " never written" : "");
  }
}

template <class T>
void check(const Example& e) {
  const Problem p = parse_problem(e.problem);
  for (DataGradientFormulation f : kDataGradientFormulations) {
    expect_equal<T>(p, "grad_input", to_string(f), e.grad_input,
                    conv_transpose_backward_data<T>(f, p, as<T>(e.grad_output), as<T>(e.weights)));
  }
  for (WeightGradientFormulation f : kWeightGradientFormulations) {
    const WeightGradients<T> d =
        conv_transpose_backward_weights<T>(f, p, as<T>(e.input), as<T>(e.grad_output));
    expect_equal<T>(p, "grad_weights", to_string(f), e.grad_weights, d.weights);
    expect_equal<T>(p, "grad_bias", to_string(f), e.grad_bias, d.bias);
  }
}

// x = [1, 2, 3] lands on o = 2i + k of a 6-element output. Tap k sees ∂L/∂y at 2i + k:
//   ∂L/∂w[0] = 1·g0 + 2·g2 + 3·g4 = 1 + 4 + 9 = 14
//   ∂L/∂w[1] = 1·g1 + 2·g3 + 3·g5 = -1 + 0 + 3 = 2
//   ∂L/∂b    = Σ g = 6
//   ∂L/∂x[i] = 2·g[2i] − 1·g[2i+1] = [2+1, 4−0, 6−1]
TYPED_TEST(BackwardExamples, Input3Kernel2Stride2) {
  check<TypeParam>({.problem = "ic1,oc1,i3,k2,s2,bias",
                    .input = {1, 2, 3},
                    .weights = {2, -1},
                    .grad_output = {1, -1, 2, 0, 3, 1},
                    .grad_input = {3, 4, 5},
                    .grad_weights = {14, 2},
                    .grad_bias = {6}});
}

// o = 2i + 3k − 1 on an output of 8 (output_padding 1): (i, k) = (0, 0) lands at −1 and is
// cropped; (0,1)→2, (1,0)→1, (1,1)→4, (2,0)→3, (2,1)→6. Elements 0, 5 and 7 are reached
// by no input and feed only the bias gradient.
//   ∂L/∂w[0] = x1·g1 + x2·g3 = 2·2 + 3·4 = 16
//   ∂L/∂w[1] = x0·g2 + x1·g4 + x2·g6 = 3 + 10 + 21 = 34
//   ∂L/∂x    = [−1·g2, 2·g1 − 1·g4, 2·g3 − 1·g6] = [−3, −1, 1]
TYPED_TEST(BackwardExamples, DilationPadsAndOutputPadding) {
  check<TypeParam>({.problem = "ic1,oc1,i3,k2,s2,d3,pb1,op1,bias",
                    .input = {1, 2, 3},
                    .weights = {2, -1},
                    .grad_output = {1, 2, 3, 4, 5, 6, 7, 8},
                    .grad_input = {-3, -1, 1},
                    .grad_weights = {16, 34},
                    .grad_bias = {36}});
}

// Two groups, one input and two output channels each, 1x1 kernel, channels last. Input
// channel c feeds output channels 2c and 2c+1:
//   ∂L/∂w(c=0, co=0) = 1·1 + 3·5 = 16    ∂L/∂w(c=0, co=1) = 1·2 + 3·6 = 20
//   ∂L/∂w(c=1, co=0) = 2·3 + 4·7 = 34    ∂L/∂w(c=1, co=1) = 2·4 + 4·8 = 40
// stored in xoi [k, Cout/g, Cin] as (co, c) and in iox [Cin, Cout/g, k] as (c, co). With
// w(c=0) = (1, 3), w(c=1) = (2, 4):
//   ∂L/∂x(i, c=0) = g(i, 0)·1 + g(i, 1)·3    ∂L/∂x(i, c=1) = g(i, 2)·2 + g(i, 3)·4
TYPED_TEST(BackwardExamples, GroupsChannelsLastInEachWeightLayout) {
  const std::vector<std::int64_t> x{1, 2, 3, 4}, dy{1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<std::int64_t> dx{7, 22, 23, 46}, db{6, 8, 10, 12};
  check<TypeParam>({.problem = "g2,ic2,oc4,i2,k1,bias,nxc,xoi",
                    .input = x,
                    .weights = {1, 2, 3, 4},
                    .grad_output = dy,
                    .grad_input = dx,
                    .grad_weights = {16, 34, 20, 40},
                    .grad_bias = db});
  check<TypeParam>({.problem = "g2,ic2,oc4,i2,k1,bias,nxc,iox",
                    .input = x,
                    .weights = {1, 3, 2, 4},
                    .grad_output = dy,
                    .grad_input = dx,
                    .grad_weights = {16, 20, 34, 40},
                    .grad_bias = db});
}

// The 2x2 input X = [[0, 1], [2, 3]] on a 3x3 output G = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]:
// ∂L/∂w is the correlation of G with X, ∂L/∂x the correlation of G with the kernel
// K = [[1, 2], [3, 4]] (conv_forward's worked example, on G).
TYPED_TEST(BackwardExamples, TwoByTwoStride1) {
  check<TypeParam>({.problem = "ic1,oc1,i2x2,k2x2",
                    .input = {0, 1, 2, 3},
                    .weights = {1, 2, 3, 4},
                    .grad_output = {1, 2, 3, 4, 5, 6, 7, 8, 9},
                    .grad_input = {37, 47, 67, 77},
                    .grad_weights = {25, 31, 43, 49},
                    .grad_bias = {}});
}

}  // namespace
}  // namespace tconv
