// Properties 11-16 on the reference formulations of the training directions, each a
// RapidCheck property of 500 cases by default (main.cpp). Linked into property_tests.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "backward_properties.h"

namespace tconv::properties {

RC_GTEST_PROP(BackwardProperty, WeightGradientIsTheAdjointOfTheWeightMap, ()) {
  weight_gradient_adjoint(reference_weight_gradients());
}

RC_GTEST_PROP(BackwardProperty, DataGradientIsForwardConvolutionOfGradOutput, ()) {
  data_gradient_is_forward_convolution(reference_data_gradients());
}

RC_GTEST_PROP(BackwardProperty, DataGradientIsTheAdjointOfTheInputMap, ()) {
  data_gradient_adjoint(reference_data_gradients());
}

RC_GTEST_PROP(BackwardProperty, WeightGradientLinearInInputAndInGradOutput, ()) {
  weight_gradient_linearity(reference_weight_gradients());
}

RC_GTEST_PROP(BackwardProperty, DataGradientLinearInGradOutput, ()) {
  data_gradient_linearity(reference_data_gradients());
}

RC_GTEST_PROP(BackwardProperty, BiasGradientIsGradOutputSummedOverBatchAndSpace, ()) {
  bias_gradient_is_sum(reference_weight_gradients());
}

RC_GTEST_PROP(BackwardProperty, WeightGradientFormulationsAgreeExactly, ()) {
  weight_gradient_agreement(reference_weight_gradients());
}

RC_GTEST_PROP(BackwardProperty, DataGradientFormulationsAgreeExactly, ()) {
  data_gradient_agreement(reference_data_gradients());
}

}  // namespace tconv::properties
