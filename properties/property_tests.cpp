// The properties on the four reference formulations, each a RapidCheck property of
// 500 cases by default (main.cpp). Every case checks all four formulations.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "properties.h"

namespace tconv::properties {
namespace {
Implementations references() { return reference_implementations(); }
}  // namespace

RC_GTEST_PROP(Property, FormulationsAgreeExactlyOnIntegers, ()) { agreement(references()); }

RC_GTEST_PROP(Property, TransposeIsAdjointOfForwardConvolution, ()) { adjointness(references()); }

RC_GTEST_PROP(Property, OutputPaddingInvertsForwardConvolutionShape, ()) { shape_inversion({}); }

RC_GTEST_PROP(Property, LinearInInputAndInWeights, ()) { linearity(references()); }

RC_GTEST_PROP(Property, BiasAddsConstantPerOutputChannel, ()) { bias_per_channel(references()); }

RC_GTEST_PROP(Property, GroupedProblemIsItsGroupsSideBySide, ()) {
  group_decomposition(references());
}

RC_GTEST_PROP(Property, ShiftingInputByOneShiftsOutputByStride, ()) { translation(references()); }

RC_GTEST_PROP(Property, LayoutsStoreTheSameTensor, ()) { layout_invariance(references()); }

RC_GTEST_PROP(Property, TensorFlowResolvesToDocumentedPadsAndSizes, ()) {
  tensorflow_conventions({}, references());
}

RC_GTEST_PROP(Property, KerasResolvesToDocumentedPadsAndSizes, ()) {
  keras_conventions({}, references());
}

RC_GTEST_PROP(Property, OnnxResolvesToDocumentedPadsAndSizes, ()) {
  onnx_conventions({}, references());
}

RC_GTEST_PROP(Property, PyTorchResolvesToDocumentedPadsAndSizes, ()) {
  pytorch_conventions({}, references());
}

RC_GTEST_PROP(Property, RoundingErrorWithinDerivedBound, ()) { precision(references()); }

RC_GTEST_PROP(Property, BilinearKernelMapsRampToRamp, ()) { bilinear_ramp(references()); }

RC_GTEST_PROP(Property, ConstantInteriorIffStrideDividesKernel, ()) { checkerboard(references()); }

}  // namespace tconv::properties
