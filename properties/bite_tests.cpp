// Each property catches the bug it is there for: run on a deliberately broken
// implementation (mutants.h) or rule, RapidCheck must find a counterexample. The
// (shrunk) counterexample and its message are printed, showing what a failure reads like.
#include <gtest/gtest.h>

#include <array>

#include "counterexample.h"
#include "mutants.h"
#include "properties.h"

namespace tconv::properties {
namespace {

std::array<Implementation, 1> broken(Mutation m) { return {mutant(m)}; }

TEST(PropertyBites, AgreementCatchesFlippedKernel) {
  const std::array implementations{reference_implementations().front(),
                                   mutant(Mutation::kernel_flipped)};
  expect_counterexample([&] { agreement(implementations); });
}

TEST(PropertyBites, AgreementCatchesIgnoredOutputPadding) {
  const std::array implementations{reference_implementations().front(),
                                   mutant(Mutation::output_padding_ignored)};
  expect_counterexample([&] { agreement(implementations); });
}

TEST(PropertyBites, AdjointnessCatchesPadsOnTheWrongSides) {
  const auto implementations = broken(Mutation::pads_swapped);
  expect_counterexample([&] { adjointness(implementations); });
}

TEST(PropertyBites, ShapeInversionCatchesIgnoredOutputPadding) {
  const ShapeRules rules{.transposed = [](Axis a) {
    a.output_padding = 0;
    return output_size(a);
  }};
  expect_counterexample([&] { shape_inversion(rules); });
}

TEST(PropertyBites, LinearityCatchesFusedRelu) {
  const auto implementations = broken(Mutation::fused_relu);
  expect_counterexample([&] { linearity(implementations); });
}

TEST(PropertyBites, BiasPerChannelCatchesBiasOnlyWhereInputLands) {
  const auto implementations = broken(Mutation::bias_where_reached);
  expect_counterexample([&] { bias_per_channel(implementations); });
}

TEST(PropertyBites, BiasPerChannelCatchesBiasAddedPerProduct) {
  const auto implementations = broken(Mutation::bias_per_contribution);
  expect_counterexample([&] { bias_per_channel(implementations); });
}

TEST(PropertyBites, GroupDecompositionCatchesInterleavedGroups) {
  const auto implementations = broken(Mutation::groups_interleaved);
  expect_counterexample([&] { group_decomposition(implementations); });
}

TEST(PropertyBites, TranslationCatchesInputReadBackwards) {
  const auto implementations = broken(Mutation::input_flipped);
  expect_counterexample([&] { translation(implementations); });
}

TEST(PropertyBites, LayoutInvarianceCatchesIgnoredActivationLayout) {
  const auto implementations = broken(Mutation::layout_ignored);
  expect_counterexample([&] { layout_invariance(implementations); });
}

TEST(PropertyBites, LayoutInvarianceCatchesIgnoredWeightLayout) {
  const auto implementations = broken(Mutation::weight_layout_ignored);
  expect_counterexample([&] { layout_invariance(implementations); });
}

// Resolvers that put the odd unit of SAME padding first, or read SAME_LOWER as
// SAME_UPPER, or drop PyTorch's output_size.
Problem odd_pad_first(Problem p) {
  for (Axis& a : p.axes) {
    if (a.pad_end > a.pad_begin) std::swap(a.pad_begin, a.pad_end);
  }
  return p;
}

TEST(PropertyBites, TensorFlowConventionsCatchOddPadFirst) {
  const Resolvers resolvers{.tensorflow = [](const TensorFlowConvTranspose& c) {
    const Problem p = resolve_tensorflow(c);
    return c.padding == TensorFlowPadding::same ? odd_pad_first(p) : p;
  }};
  const std::array implementations{reference_implementations().front()};
  expect_counterexample([&] { tensorflow_conventions(resolvers, implementations); });
}

TEST(PropertyBites, KerasConventionsCatchOddPadFirst) {
  const Resolvers resolvers{.keras = [](const KerasConvTranspose& c) {
    const Problem p = resolve_keras(c);
    return c.padding == KerasPadding::same ? odd_pad_first(p) : p;
  }};
  const std::array implementations{reference_implementations().front()};
  expect_counterexample([&] { keras_conventions(resolvers, implementations); });
}

TEST(PropertyBites, OnnxConventionsCatchSameLowerReadAsSameUpper) {
  const Resolvers resolvers{.onnx = [](OnnxConvTranspose c) {
    if (c.auto_pad == OnnxAutoPad::same_lower) c.auto_pad = OnnxAutoPad::same_upper;
    return resolve_onnx(c);
  }};
  const std::array implementations{reference_implementations().front()};
  expect_counterexample([&] { onnx_conventions(resolvers, implementations); });
}

TEST(PropertyBites, PyTorchConventionsCatchIgnoredOutputSize) {
  const Resolvers resolvers{.pytorch = [](PyTorchConvTranspose c) {
    if (c.output_size) c.output_padding.assign(c.output_size->size(), 0);
    c.output_size.reset();
    return resolve_pytorch(c);
  }};
  const std::array implementations{reference_implementations().front()};
  expect_counterexample([&] { pytorch_conventions(resolvers, implementations); });
}

TEST(PropertyBites, PrecisionCatchesBfloat16Operands) {
  const auto implementations = broken(Mutation::bfloat16_operands);
  expect_counterexample([&] { precision(implementations); });
}

TEST(PropertyBites, BilinearRampCatchesStrideAndDilationSwapped) {
  const auto implementations = broken(Mutation::stride_dilation_swapped);
  expect_counterexample([&] { bilinear_ramp(implementations); });
}

TEST(PropertyBites, CheckerboardCatchesStrideAndDilationSwapped) {
  const auto implementations = broken(Mutation::stride_dilation_swapped);
  expect_counterexample([&] { checkerboard(implementations); });
}

}  // namespace
}  // namespace tconv::properties
