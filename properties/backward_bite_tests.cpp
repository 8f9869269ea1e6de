// Each backward property catches the bug it is there for (backward_mutants.h): run on
// the broken implementation, RapidCheck must find a counterexample. Linked into
// bite_tests.
#include <gtest/gtest.h>

#include <array>

#include "backward_mutants.h"
#include "backward_properties.h"
#include "counterexample.h"

namespace tconv::properties {
namespace {

std::array<WeightGradientImplementation, 1> broken(WeightGradientMutation m) {
  return {weight_gradient_mutant(m)};
}
std::array<DataGradientImplementation, 1> broken(DataGradientMutation m) {
  return {data_gradient_mutant(m)};
}

TEST(BackwardPropertyBites, WeightAdjointCatchesGroupBlocksTransposed) {
  const auto implementations = broken(WeightGradientMutation::blocks_transposed);
  expect_counterexample([&] { weight_gradient_adjoint(implementations); });
}

TEST(BackwardPropertyBites, WeightAdjointCatchesDilationLeftOut) {
  const auto implementations = broken(WeightGradientMutation::dilation_ignored);
  expect_counterexample([&] { weight_gradient_adjoint(implementations); });
}

TEST(BackwardPropertyBites, DataGradientIsForwardConvolutionCatchesPadsOnTheWrongSide) {
  const auto implementations = broken(DataGradientMutation::pads_swapped);
  expect_counterexample([&] { data_gradient_is_forward_convolution(implementations); });
}

TEST(BackwardPropertyBites, DataAdjointCatchesFlippedKernel) {
  const auto implementations = broken(DataGradientMutation::kernel_flipped);
  expect_counterexample([&] { data_gradient_adjoint(implementations); });
}

TEST(BackwardPropertyBites, WeightLinearityCatchesReluMaskedGradOutput) {
  const auto implementations = broken(WeightGradientMutation::relu_masked);
  expect_counterexample([&] { weight_gradient_linearity(implementations); });
}

TEST(BackwardPropertyBites, DataLinearityCatchesReluMaskedGradOutput) {
  const auto implementations = broken(DataGradientMutation::relu_masked);
  expect_counterexample([&] { data_gradient_linearity(implementations); });
}

TEST(BackwardPropertyBites, BiasGradientSumCatchesSumOverTheWrongAxes) {
  const auto implementations = broken(WeightGradientMutation::bias_over_wrong_axes);
  expect_counterexample([&] { bias_gradient_is_sum(implementations); });
}

TEST(BackwardPropertyBites, WeightAgreementCatchesGroupBlocksTransposed) {
  const std::array implementations{
      reference_weight_gradients().front(),
      weight_gradient_mutant(WeightGradientMutation::blocks_transposed)};
  expect_counterexample([&] { weight_gradient_agreement(implementations); });
}

TEST(BackwardPropertyBites, WeightAgreementCatchesAccumulationIntoTheOutput) {
  const std::array implementations{reference_weight_gradients().front(),
                                   weight_gradient_mutant(WeightGradientMutation::accumulated)};
  expect_counterexample([&] { weight_gradient_agreement(implementations); });
}

TEST(BackwardPropertyBites, DataAgreementCatchesPadsOnTheWrongSide) {
  const std::array implementations{reference_data_gradients().front(),
                                   data_gradient_mutant(DataGradientMutation::pads_swapped)};
  expect_counterexample([&] { data_gradient_agreement(implementations); });
}

}  // namespace
}  // namespace tconv::properties
