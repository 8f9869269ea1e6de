// Formulation 3 (reference/zero_insertion.cpp): zero insertion, padding and the flipped
// kernel, step by step on literal examples. Its agreement with the direct scatter on the
// named problems is checked in test_formulations_agree.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "expectations.h"
#include "problem_string.h"
#include "scalar.h"
#include "zero_insertion.h"

namespace tconv {
namespace {

using Int = std::int64_t;

std::vector<Int> transposed_convolution(const Problem& p, const std::vector<Int>& input,
                                        const std::vector<Int>& weights,
                                        const std::vector<Int>& bias = {}) {
  std::vector<Int> output(static_cast<std::size_t>(output_elements(p)), poison<Int>());
  conv_transpose_zero_insertion<Int>(p, input, weights, bias, output);
  return output;
}

// ---- The worked example ---------------------------------------------------------------
//
// Feature map [[1,0],[2,1]], kernel [[1,0,1],[0,1,1],[1,0,0]], stride 1.

const Problem kWorked = parse_problem("ic1,oc1,i2x2,k3x3");
const std::vector<Int> kWorkedMap{1, 0,
                                  2, 1};
const std::vector<Int> kWorkedKernel{1, 0, 1,
                                     0, 1, 1,
                                     1, 0, 0};
const std::vector<Int> kWorkedOutput{1, 0, 1, 0,
                                     2, 2, 3, 1,
                                     1, 2, 3, 1,
                                     2, 1, 0, 0};

TEST(ZeroInsertionWorkedExample, TransposedConvolutionOfTheFeatureMap) {
  testing::expect_grid_eq(kWorked, transposed_convolution(kWorked, kWorkedMap, kWorkedKernel),
                 kWorkedOutput, 4, "output");
}

TEST(ZeroInsertionWorkedExample, InputIsZeroPaddedByTwo) {
  testing::expect_grid_eq(kWorked, zero_inserted_input<Int>(kWorked, kWorkedMap),
                 {0, 0, 0, 0, 0, 0,
                  0, 0, 0, 0, 0, 0,
                  0, 0, 1, 0, 0, 0,
                  0, 0, 2, 1, 0, 0,
                  0, 0, 0, 0, 0, 0,
                  0, 0, 0, 0, 0, 0},
                 6, "padded input");
}

TEST(ZeroInsertionWorkedExample, KernelIsFlipped) {
  testing::expect_grid_eq(kWorked, flipped_forward_weight<Int>(kWorked, kWorkedKernel),
                 {0, 0, 1,
                  1, 1, 0,
                  1, 0, 1},
                 3, "flipped kernel");
}

// The same output from a plain stride-1 correlation of the padded map with the flipped
// kernel, written out here.
TEST(ZeroInsertionWorkedExample, CorrelatingThePaddedMapWithTheFlippedKernelGivesTheOutput) {
  const std::vector<Int> padded = zero_inserted_input<Int>(kWorked, kWorkedMap);
  const std::vector<Int> flipped = flipped_forward_weight<Int>(kWorked, kWorkedKernel);
  std::vector<Int> correlation(16, 0);
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 4; ++c)
      for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t b = 0; b < 3; ++b)
          correlation[r * 4 + c] += padded[(r + a) * 6 + c + b] * flipped[a * 3 + b];
  testing::expect_grid_eq(kWorked, correlation, kWorkedOutput, 4, "correlation");
}

// ---- The steps on their own -------------------------------------------------------------

// x = [1, 2], stride 3: two zeros between them; halo dilation·(kernel-1) = 4 on both
// sides, then output_padding 2 at the end: 4 + 4 + 4 + 2 = 14 = O + 4.
TEST(ZeroInsertedInput, StrideZerosHaloAndOutputPadding) {
  const Problem p = parse_problem("ic1,oc1,i2,k3,s3,d2,op2");
  testing::expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2}),
                 {0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0}, 14, "padded input");
}

// x = [1, 2, 3], stride 2, kernel 2, pad_begin 2: the begin pad 1 - 2 = -1 crops the
// first element of the spread input [1, 0, 2, 0, 3].
TEST(ZeroInsertedInput, PadWiderThanTheHaloCropsTheSpreadInput) {
  const Problem p = parse_problem("ic1,oc1,i3,k2,s2,pb2");
  testing::expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2, 3}), {0, 2, 0, 3, 0}, 5,
                 "padded input");
}

// Channels-last input comes out channels-first: [N=1, Cin=2, 3] from nxc [1, 2, 2].
TEST(ZeroInsertedInput, IsChannelsFirstWhateverTheLayout) {
  const Problem p = parse_problem("ic2,oc1,i2,k2,s1,nxc");
  testing::expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2, 3, 4}),
                 {0, 1, 3, 0,
                  0, 2, 4, 0},
                 4, "padded input");
}

// The weight w[ci][co][k] (iox: ci0 = {co0: 1 2, co1: 3 4}, ci1 = {co0: 5 6, co1: 7 8})
// becomes the forward weight F[co][ci][1-k], in whichever layout it is given.
TEST(FlippedForwardWeight, SwapsChannelRolesAndFlipsTheTaps) {
  const std::vector<Int> expected{2, 1, 6, 5,
                                  4, 3, 8, 7};
  for (const auto& [layout, weights] :
       {std::pair{"iox", std::vector<Int>{1, 2, 3, 4, 5, 6, 7, 8}},
        std::pair{"oix", std::vector<Int>{1, 2, 5, 6, 3, 4, 7, 8}},
        std::pair{"xoi", std::vector<Int>{1, 5, 3, 7, 2, 6, 4, 8}}}) {
    const Problem p = parse_problem(std::string("ic2,oc2,i1,k2,") + layout);
    testing::expect_grid_eq(p, flipped_forward_weight<Int>(p, weights), expected, 4, "flipped weight");
  }
}

// Groups g2, ic4, oc2: output channel j only reads its own group's input channels.
TEST(FlippedForwardWeight, KeepsEachGroupsChannels) {
  const Problem p = parse_problem("g2,ic4,oc2,i1,k2");
  testing::expect_grid_eq(p, flipped_forward_weight<Int>(p, std::vector<Int>{1, 2, 3, 4, 5, 6, 7, 8}),
                 {2, 1, 4, 3,
                  6, 5, 8, 7},
                 4, "flipped weight");
}

// o = 3i + 2k over O = 10 with w = [1, 10, 100] and bias 5: 8 and 9 are output padding.
TEST(ZeroInsertion, DilatedStridedWithOutputPaddingAndBias) {
  const Problem p = parse_problem("ic1,oc1,i2,k3,s3,d2,op2,bias");
  testing::expect_grid_eq(p, transposed_convolution(p, {1, 2}, {1, 10, 100}, {5}),
                 {6, 5, 15, 7, 105, 25, 5, 205, 5, 5}, 10, "output");
}

// ---- The boundary -----------------------------------------------------------------------

// The formulation's own boundary is tested with the others' in test_formulations_agree.cpp.
TEST(ZeroInsertionBoundary, ItsStepsRejectWrongLengthsNamingTheOperand) {
  const Problem p = parse_problem("n2,ic2,oc3,i4,k3,bias");  // input 16, weights 18
  const std::vector<double> input(16), weights(18);
  const std::span<const double> in(input), w(weights);
  testing::expect_rejected(p, "input", [&] { zero_inserted_input<double>(p, in.first(15)); });
  testing::expect_rejected(p, "weights", [&] { flipped_forward_weight<double>(p, w.first(17)); });
  zero_inserted_input<double>(p, in);  // the right lengths pass
  flipped_forward_weight<double>(p, w);
}

TEST(ZeroInsertionBoundary, ItsStepsRejectAnInvalidProblem) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,s2,op2");
  const std::vector<double> empty;
  EXPECT_THROW(zero_inserted_input<double>(p, empty), ProblemError) << to_string(p);
  EXPECT_THROW(flipped_forward_weight<double>(p, empty), ProblemError) << to_string(p);
}

}  // namespace
}  // namespace tconv
