// One named test per validity rule: validate() and check_operand_sizes
// (docs/CONVENTIONS.md#validity) and every framework resolver (reference/frameworks.h,
// docs/FRAMEWORKS.md). Each test shows the rule rejecting a case with a message that
// names the field and its value, and accepting the case just inside the rule, so that
// both a missing rule and an over-strict one fail a test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <type_traits>

#include "frameworks.h"
#include "problem.h"
#include "problem_string.h"

namespace tconv {
namespace {

using testing::HasSubstr;
using Fragments = std::initializer_list<std::string>;

// Runs `resolve`, expecting a ProblemError whose message contains every fragment.
template <class Resolve>
void expect_rejected(Resolve resolve, Fragments fragments, const std::string& context = "") {
  try {
    const auto result = resolve();
    std::string got = "a result";
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(result)>, Problem>) got = to_string(result);
    ADD_FAILURE() << "accepted (" << got << "), expected a ProblemError containing '"
                  << *fragments.begin() << "'" << context;
  } catch (const ProblemError& e) {
    for (const std::string& f : fragments) EXPECT_THAT(e.what(), HasSubstr(f)) << context;
  }
}

template <class Resolve>
void expect_accepted(Resolve resolve, const std::string& context = "") {
  try {
    resolve();
  } catch (const ProblemError& e) {
    ADD_FAILURE() << "rejected: " << e.what() << context;
  }
}

void expect_rejected(const Problem& p, Fragments fragments) {
  expect_rejected([&] { validate(p); return p; }, fragments, "; problem " + to_string(p));
}
void expect_accepted(const Problem& p) {
  expect_accepted([&] { validate(p); }, "; problem " + to_string(p));
}

// Binds a framework configuration to its resolver.
template <class Config>
auto resolving(const Config& c, Problem (*resolve)(const Config&)) {
  return [c, resolve] { return resolve(c); };
}

// n2,g2,ic4,oc6 with every axis i5,k3,s2,d1,pb1,pe1,op1 (output 10), bias, ncx, iox.
Problem valid_problem(int rank) {
  Problem p{.batch = 2, .in_channels = 4, .out_channels = 6, .groups = 2, .axes = {},
            .has_bias = true, .layout = Layout::ncx, .weight_layout = WeightLayout::iox};
  for (int a = 0; a < rank; ++a) {
    p.axes.push_back({.input = 5, .kernel = 3, .stride = 2, .dilation = 1, .pad_begin = 1,
                      .pad_end = 1, .output_padding = 1});
  }
  return p;
}

// A rank-1 problem with one channel and batch 1 whose axis is given.
Problem single_axis(const Axis& axis) {
  Problem p = valid_problem(0);
  p.batch = p.in_channels = p.out_channels = p.groups = 1;
  p.axes = {axis};
  return p;
}

std::string axis_field(std::size_t a, const char* field) {
  return "axes[" + std::to_string(a) + "]." + field;
}

// ---- validate() ----------------------------------------------------------------------

TEST(Validate, RankMustBeOneTwoOrThree) {
  expect_rejected(valid_problem(0), {"rank = 0", "must be 1, 2 or 3"});
  expect_rejected(valid_problem(4), {"rank = 4", "must be 1, 2 or 3"});
  expect_accepted(valid_problem(1));
  expect_accepted(valid_problem(3));
}

TEST(Validate, BatchMustBePositive) {
  Problem p = valid_problem(2);
  p.batch = 0;
  expect_rejected(p, {"batch = 0", "must be >= 1"});
  p.batch = 1;
  expect_accepted(p);
}

TEST(Validate, InChannelsMustBePositive) {
  Problem p = valid_problem(2);
  p.groups = 1;
  p.in_channels = 0;
  expect_rejected(p, {"in_channels = 0", "must be >= 1"});
  p.in_channels = 1;
  expect_accepted(p);
}

TEST(Validate, OutChannelsMustBePositive) {
  Problem p = valid_problem(2);
  p.groups = 1;
  p.out_channels = 0;
  expect_rejected(p, {"out_channels = 0", "must be >= 1"});
  p.out_channels = 1;
  expect_accepted(p);
}

TEST(Validate, GroupsMustBePositive) {
  Problem p = valid_problem(2);
  p.groups = 0;
  expect_rejected(p, {"groups = 0", "must be >= 1"});
  p.groups = 1;
  expect_accepted(p);
}

TEST(Validate, GroupsMustDivideInChannels) {
  Problem p = valid_problem(2);
  p.in_channels = 5;
  expect_rejected(p, {"groups = 2", "must divide in_channels = 5"});
  p.in_channels = 6;
  expect_accepted(p);
}

TEST(Validate, GroupsMustDivideOutChannels) {
  Problem p = valid_problem(2);
  p.out_channels = 7;
  expect_rejected(p, {"groups = 2", "must divide out_channels = 7"});
  p.out_channels = 8;
  expect_accepted(p);
}

// Runs one per-axis "at least" rule on every axis of a rank-3 problem: `bad` rejected
// naming axes[a].field, `good` accepted.
void expect_axis_minimum(std::int64_t Axis::*field, const char* name, std::int64_t bad,
                         std::int64_t good, Problem base = valid_problem(3)) {
  for (std::size_t a = 0; a < 3; ++a) {
    SCOPED_TRACE("axis " + std::to_string(a));
    Problem p = base;
    p.axes[a].*field = bad;
    expect_rejected(p, {axis_field(a, name) + " = " + std::to_string(bad), "must be >= " + std::to_string(good)});
    p.axes[a].*field = good;
    expect_accepted(p);
  }
}

TEST(Validate, InputSizeMustBePositiveOnEveryAxis) { expect_axis_minimum(&Axis::input, "input", 0, 1); }
TEST(Validate, KernelMustBePositiveOnEveryAxis) { expect_axis_minimum(&Axis::kernel, "kernel", 0, 1); }
TEST(Validate, DilationMustBePositiveOnEveryAxis) { expect_axis_minimum(&Axis::dilation, "dilation", 0, 1); }
TEST(Validate, PadBeginMustNotBeNegativeOnEveryAxis) { expect_axis_minimum(&Axis::pad_begin, "pad_begin", -1, 0); }
TEST(Validate, PadEndMustNotBeNegativeOnEveryAxis) { expect_axis_minimum(&Axis::pad_end, "pad_end", -1, 0); }
TEST(Validate, OutputPaddingMustNotBeNegativeOnEveryAxis) {
  expect_axis_minimum(&Axis::output_padding, "output_padding", -1, 0);
}
TEST(Validate, StrideMustBePositiveOnEveryAxis) {
  Problem base = valid_problem(3);
  for (Axis& a : base.axes) a.output_padding = 0;  // legal with stride 1 too
  expect_axis_minimum(&Axis::stride, "stride", 0, 1, base);
}

TEST(Validate, OutputPaddingMustBeBelowMaxOfStrideAndDilation) {
  for (std::size_t a = 0; a < 3; ++a) {
    SCOPED_TRACE("axis " + std::to_string(a));
    Problem p = valid_problem(3);
    p.axes[a].stride = 3;  // the stride bounds it
    p.axes[a].output_padding = 3;
    expect_rejected(p, {axis_field(a, "output_padding") + " = 3", "must be < max(stride, dilation) = 3"});
    p.axes[a].output_padding = 2;
    expect_accepted(p);
    p.axes[a].stride = 1;  // now the dilation bounds it
    p.axes[a].dilation = 4;
    p.axes[a].output_padding = 4;
    expect_rejected(p, {axis_field(a, "output_padding") + " = 4", "must be < max(stride, dilation) = 4"});
    p.axes[a].output_padding = 3;
    expect_accepted(p);
  }
}

TEST(Validate, PadsMustLeaveAnOutputOfAtLeastOne) {
  // i2,k1,s1: the full output has 2 elements.
  Problem p = single_axis({.input = 2, .kernel = 1, .stride = 1, .dilation = 1, .pad_begin = 1,
                           .pad_end = 1, .output_padding = 0});
  expect_rejected(p, {"axes[0].pad_begin + pad_end = 2", "leaves output size 0"});
  p.axes[0].pad_end = 0;
  expect_accepted(p);
}

TEST(Validate, PadSumOverflowIsReportedNotWrapped) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  // 1 − kMax − 1 is representable, but pad_begin + pad_end is not.
  Problem p = single_axis({.input = 1, .kernel = 1, .stride = 1, .dilation = 1, .pad_begin = kMax,
                           .pad_end = 1, .output_padding = 0});
  expect_rejected(p, {"axes[0].pad_begin + pad_end overflows 64 bits"});
  p.axes[0].pad_end = 0;
  expect_rejected(p, {"axes[0].pad_begin + pad_end = " + std::to_string(kMax), "leaves output size"});
}

TEST(Validate, OutputSizeMustNotOverflow) {
  // (2^62 − 1)·2 + 1 = 2^63 − 1 is the largest size; output_padding 1 overflows it.
  const Axis largest{.input = std::int64_t{1} << 62, .kernel = 1, .stride = 2, .dilation = 1,
                     .pad_begin = 0, .pad_end = 0, .output_padding = 0};
  EXPECT_EQ(output_size(largest), std::numeric_limits<std::int64_t>::max());
  Axis over = largest;
  over.output_padding = 1;
  expect_rejected([&] { return output_size(over); }, {"output size overflows 64 bits"});
  expect_rejected(single_axis(over), {"axes[0].output size of input 4611686018427387904, kernel 1, stride 2",
                                      "output_padding 1", "overflows 64 bits"});
}

// Element counts are held at or below 2^63/8 − 1 = 2^60 − 1.
constexpr std::int64_t kMaxElements = std::numeric_limits<std::int64_t>::max() / 8;

TEST(Validate, InputElementCountMustNotOverflow) {
  Problem p = single_axis({});
  p.batch = std::int64_t{1} << 61;
  p.in_channels = 4;  // 2^63 elements: the product itself overflows
  expect_rejected(p, {"input element count of [2305843009213693952, 4, 1] overflows 64 bits"});
  p.batch = std::int64_t{1} << 60;  // 2^62: representable, caught by the limit instead
  expect_rejected(p, {"input element count of [1152921504606846976, 4, 1] = 4611686018427387904", "exceeds"});
}

TEST(Validate, InputElementCountMustNotExceedTheLimit) {
  Problem p = single_axis({});
  p.batch = kMaxElements + 1;
  expect_rejected(p, {"input element count of [1152921504606846976, 1, 1] = 1152921504606846976",
                      "exceeds 1152921504606846975"});
  p.batch = kMaxElements;
  expect_accepted(p);
}

TEST(Validate, OutputElementCountMustNotExceedTheLimit) {
  // i2^15+1, s2^15, k1: O = 2^30 + 1, times 2^30 − 1 channels: exactly 2^60 − 1 elements.
  constexpr std::int64_t k15 = std::int64_t{1} << 15, k30 = std::int64_t{1} << 30;
  Problem p = single_axis({.input = k15 + 1, .kernel = 1, .stride = k15, .dilation = 1, .pad_begin = 0,
                           .pad_end = 0, .output_padding = 0});
  p.out_channels = k30 - 1;
  expect_accepted(p);
  p.axes[0].pad_end = 1;  // O = 2^30, times 2^30 channels: 2^60
  p.out_channels = k30;
  expect_rejected(p, {"output element count of [1, 1073741824, 1073741824] = 1152921504606846976",
                      "exceeds 1152921504606846975"});
}

TEST(Validate, WeightElementCountMustNotExceedTheLimit) {
  constexpr std::int64_t k30 = std::int64_t{1} << 30;
  Problem p = single_axis({});
  p.in_channels = p.out_channels = k30;  // weights [2^30, 2^30, 1]: 2^60
  expect_rejected(p, {"weights element count of [1073741824, 1073741824, 1] = 1152921504606846976",
                      "exceeds 1152921504606846975"});
  p.out_channels = k30 - 1;
  expect_accepted(p);
}

// ---- check_operand_sizes --------------------------------------------------------------

struct Lengths {
  std::size_t input, weights, bias, output;
};

// n2,g2,ic4,oc6,i5x5,k3x3 with bias: input 2·4·25, weights 4·3·9, bias 6, output 2·6·100.
constexpr Lengths kExact{200, 108, 6, 1200};

// Checks `lengths` against `p`, expecting a rejection containing `fragment` and the problem string.
void expect_lengths_rejected(const Problem& p, Lengths l, const std::string& fragment) {
  expect_rejected([&] { check_operand_sizes(p, l.input, l.weights, l.bias, l.output); return p; },
                  {fragment, to_string(p)});
}
void expect_lengths_accepted(const Problem& p, Lengths l) {
  expect_accepted([&] { check_operand_sizes(p, l.input, l.weights, l.bias, l.output); },
                  "; problem " + to_string(p));
}

TEST(OperandSizes, ExactLengthsAreAccepted) { expect_lengths_accepted(valid_problem(2), kExact); }

TEST(OperandSizes, InputLengthMustMatch) {
  Lengths l = kExact;
  l.input = 199;
  expect_lengths_rejected(valid_problem(2), l, "input length = 199: problem");
  l.input = 201;
  expect_lengths_rejected(valid_problem(2), l, "needs 200");
}

TEST(OperandSizes, WeightsLengthMustMatch) {
  Lengths l = kExact;
  l.weights = 107;
  expect_lengths_rejected(valid_problem(2), l, "weights length = 107: problem");
  l.weights = 109;
  expect_lengths_rejected(valid_problem(2), l, "needs 108");
}

TEST(OperandSizes, BiasLengthMustMatch) {
  Lengths l = kExact;
  l.bias = 5;
  expect_lengths_rejected(valid_problem(2), l, "bias length = 5: problem");
  l.bias = 0;
  expect_lengths_rejected(valid_problem(2), l, "needs 6");
  Problem p = valid_problem(2);
  p.has_bias = false;  // then the bias must be empty
  expect_lengths_accepted(p, l);
  l.bias = 6;
  expect_lengths_rejected(p, l, "bias length = 6: problem");
}

TEST(OperandSizes, OutputLengthMustMatch) {
  Lengths l = kExact;
  l.output = 1199;
  expect_lengths_rejected(valid_problem(2), l, "output length = 1199: problem");
  l.output = 1201;
  expect_lengths_rejected(valid_problem(2), l, "needs 1200");
}

// ---- Forward convolution shape inversion ------------------------------------------------

ForwardShape forward(std::int64_t i, std::int64_t k, std::int64_t s, std::int64_t pb, std::int64_t pe,
                     std::int64_t d) {
  return forward_convolution_shape(i, k, s, pb, pe, d);
}

TEST(ForwardConvolutionRules, SizesMustBePositive) {
  expect_rejected([] { return forward(0, 3, 1, 1, 1, 1); }, {"forward_convolution.input = 0", "must be >= 1"});
  expect_rejected([] { return forward(4, 0, 1, 0, 0, 1); }, {"forward_convolution.kernel = 0", "must be >= 1"});
  expect_rejected([] { return forward(4, 3, 0, 0, 0, 1); }, {"forward_convolution.stride = 0", "must be >= 1"});
  expect_rejected([] { return forward(4, 3, 1, 0, 0, 0); }, {"forward_convolution.dilation = 0", "must be >= 1"});
  expect_accepted([] { return forward(1, 1, 1, 0, 0, 1); });
}

TEST(ForwardConvolutionRules, PadsMustNotBeNegative) {
  expect_rejected([] { return forward(4, 3, 1, -1, 0, 1); }, {"forward_convolution.pad_begin = -1", "must be >= 0"});
  expect_rejected([] { return forward(4, 3, 1, 0, -1, 1); }, {"forward_convolution.pad_end = -1", "must be >= 0"});
  expect_accepted([] { return forward(3, 3, 1, 0, 0, 1); });
}

TEST(ForwardConvolutionRules, PaddedInputMustCoverTheKernel) {
  expect_rejected([] { return forward(2, 4, 1, 0, 1, 1); },
                  {"forward_convolution.input = 2", "plus pads 0 + 1 is shorter than the kernel extent 4"});
  expect_accepted([] { return forward(2, 4, 1, 1, 1, 1); });
}

// ---- PyTorch ---------------------------------------------------------------------------

// ConvTranspose2d(4, 6, (3, 2), stride (2, 1), padding (1, 0), output_padding (1, 0),
// groups 2, dilation (1, 3)) on [2, 4, 5, 6]: output 10 x 9.
PyTorchConvTranspose pytorch_base() {
  return {.input_shape = {2, 4, 5, 6}, .in_channels = 4, .out_channels = 6, .groups = 2,
          .kernel_size = {3, 2}, .stride = {2, 1}, .padding = {1, 0}, .output_padding = {1, 0},
          .dilation = {1, 3}, .bias = true, .output_size = std::nullopt};
}

void expect_rejected(const PyTorchConvTranspose& c, Fragments f) { expect_rejected(resolving(c, resolve_pytorch), f); }
void expect_accepted(const PyTorchConvTranspose& c) { expect_accepted(resolving(c, resolve_pytorch)); }

TEST(PyTorchRules, BaseCaseIsAccepted) { expect_accepted(pytorch_base()); }

TEST(PyTorchRules, InputShapeNeedsBatchChannelsAndOneToThreeSpatialAxes) {
  PyTorchConvTranspose c = pytorch_base();
  c.input_shape = {2, 4};
  expect_rejected(c, {"pytorch.input_shape = [2, 4]", "must have 3 to 5 entries"});
  c.input_shape = {2, 4, 5, 6, 7, 8};
  expect_rejected(c, {"pytorch.input_shape = [2, 4, 5, 6, 7, 8]", "must have 3 to 5 entries"});
}

TEST(PyTorchRules, InputShapeSizesMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.input_shape = {2, 4, 0, 6};
  expect_rejected(c, {"pytorch.input_shape[2] = 0", "must be >= 1"});
  c.input_shape = {2, 4, 1, 6};
  expect_accepted(c);
}

TEST(PyTorchRules, PerAxisListsNeedOneEntryPerSpatialAxis) {
  for (auto PyTorchConvTranspose::*list : {&PyTorchConvTranspose::kernel_size, &PyTorchConvTranspose::stride,
                                           &PyTorchConvTranspose::padding, &PyTorchConvTranspose::output_padding,
                                           &PyTorchConvTranspose::dilation}) {
    PyTorchConvTranspose c = pytorch_base();
    (c.*list).pop_back();
    expect_rejected(c, {"must have 2 entries, one per spatial axis"});
  }
  PyTorchConvTranspose c = pytorch_base();
  c.kernel_size = {};  // required: no default
  expect_rejected(c, {"pytorch.kernel_size = []", "must have 2 entries"});
  c = pytorch_base();
  c.stride = {2, 1, 1};
  expect_rejected(c, {"pytorch.stride = [2, 1, 1]", "must have 2 entries"});
}

TEST(PyTorchRules, KernelSizeMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.kernel_size = {3, 0};
  expect_rejected(c, {"pytorch.kernel_size[1] = 0", "must be >= 1"});
  c.kernel_size = {3, 1};
  expect_accepted(c);
}

TEST(PyTorchRules, StrideMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.stride = {2, 0};
  expect_rejected(c, {"pytorch.stride[1] = 0", "must be >= 1"});
  c.stride = {2, 1};
  expect_accepted(c);
}

TEST(PyTorchRules, PaddingMustNotBeNegative) {
  PyTorchConvTranspose c = pytorch_base();
  c.padding = {1, -1};
  expect_rejected(c, {"pytorch.padding[1] = -1", "must be >= 0"});
  c.padding = {1, 0};
  expect_accepted(c);
}

TEST(PyTorchRules, OutputPaddingMustNotBeNegative) {
  PyTorchConvTranspose c = pytorch_base();
  c.output_padding = {1, -1};
  expect_rejected(c, {"pytorch.output_padding[1] = -1", "must be >= 0"});
  c.output_padding = {1, 0};
  expect_accepted(c);
}

TEST(PyTorchRules, DilationMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.dilation = {1, 0};
  expect_rejected(c, {"pytorch.dilation[1] = 0", "must be >= 1"});
  c.dilation = {1, 1};
  expect_accepted(c);
}

TEST(PyTorchRules, InChannelsMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.in_channels = 0;
  expect_rejected(c, {"pytorch.in_channels = 0", "must be >= 1"});
  c.in_channels = c.input_shape[1] = 1;
  c.groups = 1;
  expect_accepted(c);
}

TEST(PyTorchRules, OutChannelsMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.out_channels = 0;
  expect_rejected(c, {"pytorch.out_channels = 0", "must be >= 1"});
  c.out_channels = 1;
  c.groups = 1;
  expect_accepted(c);
}

TEST(PyTorchRules, GroupsMustBePositive) {
  PyTorchConvTranspose c = pytorch_base();
  c.groups = 0;
  expect_rejected(c, {"pytorch.groups = 0", "must be >= 1"});
  c.groups = 1;
  expect_accepted(c);
}

TEST(PyTorchRules, GroupsMustDivideInChannels) {
  PyTorchConvTranspose c = pytorch_base();
  c.groups = 3;  // divides out_channels 6, not in_channels 4
  expect_rejected(c, {"pytorch.groups = 3", "must divide in_channels = 4"});
  c.in_channels = c.input_shape[1] = 3;
  expect_accepted(c);
}

TEST(PyTorchRules, GroupsMustDivideOutChannels) {
  PyTorchConvTranspose c = pytorch_base();
  c.out_channels = 5;
  expect_rejected(c, {"pytorch.groups = 2", "must divide out_channels = 5"});
  c.out_channels = 4;
  expect_accepted(c);
}

TEST(PyTorchRules, InputChannelsMustEqualInChannels) {
  PyTorchConvTranspose c = pytorch_base();
  c.input_shape[1] = 2;
  expect_rejected(c, {"pytorch.input_shape[1] = 2", "must equal in_channels = 4"});
  c.in_channels = 2;
  expect_accepted(c);
}

TEST(PyTorchRules, OutputPaddingMustBeBelowMaxOfStrideAndDilation) {
  PyTorchConvTranspose c = pytorch_base();  // stride (2, 1), dilation (1, 3)
  c.output_padding = {2, 0};
  expect_rejected(c, {"pytorch.output_padding[0] = 2", "must be < max(stride, dilation) = 2"});
  c.output_padding = {1, 3};
  expect_rejected(c, {"pytorch.output_padding[1] = 3", "must be < max(stride, dilation) = 3"});
  c.output_padding = {1, 2};  // the dilation allows 2 on axis 1 although the stride is 1
  expect_accepted(c);
}

TEST(PyTorchRules, OutputSizeNeedsOnePositiveEntryPerSpatialAxis) {
  PyTorchConvTranspose c = pytorch_base();
  c.output_size = {{10}};
  expect_rejected(c, {"pytorch.output_size = [10]", "must have 2 entries"});
  c.output_size = {{10, 0}};
  expect_rejected(c, {"pytorch.output_size[1] = 0", "must be >= 1"});
  c.output_size = {{10, 9}};
  expect_accepted(c);
}

TEST(PyTorchRules, OutputPaddingIsNotCheckedWhenOutputSizeIsGiven) {
  // forward() then derives output_padding from output_size and never reads the module's.
  PyTorchConvTranspose c = pytorch_base();
  c.output_padding = {2, -1};
  expect_rejected(c, {"pytorch.output_padding[1] = -1", "must be >= 0"});
  c.output_size = {{10, 9}};
  expect_accepted(c);
  c.output_padding = {1, 0, 7};
  expect_accepted(c);
}

TEST(PyTorchRules, OutputSizeMustLieBetweenMinAndMinPlusStrideMinusOne) {
  PyTorchConvTranspose c = pytorch_base();  // axis 0: min (5-1)·2 − 2 + 2 + 1 = 9, max 10
  c.output_size = {{8, 9}};
  expect_rejected(c, {"pytorch.output_size[0] = 8", "valid sizes range from 9 to 10 (for an input of 5)"});
  c.output_size = {{11, 9}};
  expect_rejected(c, {"pytorch.output_size[0] = 11", "valid sizes range from 9 to 10"});
  c.output_size = {{10, 10}};  // axis 1 has stride 1: only 9
  expect_rejected(c, {"pytorch.output_size[1] = 10", "valid sizes range from 9 to 9"});
  c.output_size = {{9, 9}};
  expect_accepted(c);
  c.output_size = {{10, 9}};
  expect_accepted(c);
}

TEST(PyTorchRules, PaddingMustLeaveAnOutputOfAtLeastOne) {
  PyTorchConvTranspose c = pytorch_base();  // axis 1: i6,k2,d3 gives 9 before padding
  c.padding = {1, 5};
  expect_rejected(c, {"pytorch.padding[1] = 5", "leaves output size -1"});
  c.padding = {1, 4};
  expect_accepted(c);
}

// ---- TensorFlow ------------------------------------------------------------------------

// conv2d_transpose NHWC: input [2, 5, 6, 4], filter [3, 2, 6, 4], strides (2, 1),
// dilations (1, 3), SAME, output_shape [2, 10, 6, 6].
TensorFlowConvTranspose tensorflow_base() {
  return {.input_shape = {2, 5, 6, 4}, .filter_shape = {3, 2, 6, 4}, .output_shape = {2, 10, 6, 6},
          .strides = {2, 1}, .dilations = {1, 3}, .padding = TensorFlowPadding::same,
          .explicit_paddings = {}, .data_format = Layout::nxc, .bias_add = false};
}

void expect_rejected(const TensorFlowConvTranspose& c, Fragments f) { expect_rejected(resolving(c, resolve_tensorflow), f); }
void expect_accepted(const TensorFlowConvTranspose& c) { expect_accepted(resolving(c, resolve_tensorflow)); }

TEST(TensorFlowRules, BaseCaseIsAccepted) { expect_accepted(tensorflow_base()); }

TEST(TensorFlowRules, InputShapeNeedsBatchChannelsAndOneToThreeSpatialAxes) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.input_shape = {2, 4};
  expect_rejected(c, {"tensorflow.input_shape = [2, 4]", "must have 3 to 5 entries"});
}

TEST(TensorFlowRules, InputShapeSizesMustBePositive) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.input_shape = {2, 5, 0, 4};
  expect_rejected(c, {"tensorflow.input_shape[2] = 0", "must be >= 1"});
  c.input_shape = {2, 5, 1, 4};
  c.output_shape = {2, 10, 1, 6};
  expect_accepted(c);
}

TEST(TensorFlowRules, OutputShapeMustHaveTheInputsRank) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.output_shape = {2, 10, 6};
  expect_rejected(c, {"tensorflow.output_shape = [2, 10, 6]", "must have the input's 4 entries"});
}

TEST(TensorFlowRules, OutputShapeSizesMustBePositive) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.output_shape = {2, 10, 0, 6};
  expect_rejected(c, {"tensorflow.output_shape[2] = 0", "must be >= 1"});
}

TEST(TensorFlowRules, FilterShapeNeedsKernelOutAndInChannels) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.filter_shape = {3, 6, 4};
  expect_rejected(c, {"tensorflow.filter_shape = [3, 6, 4]", "must have 4 entries [k..., out_channels, in_channels]"});
  c.filter_shape = {3, 2, 6, 4, 1};
  expect_rejected(c, {"tensorflow.filter_shape = [3, 2, 6, 4, 1]", "must have 4 entries"});
}

TEST(TensorFlowRules, FilterShapeSizesMustBePositive) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.filter_shape = {3, 0, 6, 4};
  expect_rejected(c, {"tensorflow.filter_shape[1] = 0", "must be >= 1"});
  c.filter_shape = {3, 1, 6, 4};
  expect_accepted(c);
}

TEST(TensorFlowRules, StridesAndDilationsNeedOneEntryPerSpatialAxis) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.strides = {2};
  expect_rejected(c, {"tensorflow.strides = [2]", "must have 2 entries"});
  c = tensorflow_base();
  c.dilations = {1, 3, 1};
  expect_rejected(c, {"tensorflow.dilations = [1, 3, 1]", "must have 2 entries"});
}

TEST(TensorFlowRules, StridesMustBePositive) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.strides = {2, 0};
  expect_rejected(c, {"tensorflow.strides[1] = 0", "must be >= 1"});
}

TEST(TensorFlowRules, DilationsMustBePositive) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.dilations = {1, 0};
  expect_rejected(c, {"tensorflow.dilations[1] = 0", "must be >= 1"});
  c.dilations = {1, 1};
  expect_accepted(c);
}

TEST(TensorFlowRules, InputChannelsMustEqualTheFiltersInChannels) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.input_shape = {2, 5, 6, 3};
  expect_rejected(c, {"tensorflow.input_shape[3] = 3", "must equal the filter's in_channels filter_shape[3] = 4"});
  c.filter_shape = {3, 2, 6, 3};
  expect_accepted(c);
}

TEST(TensorFlowRules, OutputChannelsMustEqualTheFiltersOutChannels) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.output_shape = {2, 10, 6, 5};
  expect_rejected(c, {"tensorflow.output_shape[3] = 5", "must equal the filter's out_channels filter_shape[2] = 6"});
  c.filter_shape = {3, 2, 5, 4};
  expect_accepted(c);
}

TEST(TensorFlowRules, OutputBatchMustEqualTheInputBatch) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.output_shape = {3, 10, 6, 6};
  expect_rejected(c, {"tensorflow.output_shape[0] = 3", "must equal the input's batch 2"});
}

TEST(TensorFlowRules, ExplicitPaddingsMustBeEmptyUnlessPaddingIsExplicit) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.explicit_paddings = {{0, 0}, {0, 0}};
  expect_rejected(c, {"tensorflow.explicit_paddings = 2 pairs", "must be empty unless padding is EXPLICIT"});
  c.padding = TensorFlowPadding::explicit_pads;  // pads 0: i5,k3,s2 takes 11..12; i6,k2,d3 takes 9
  c.output_shape = {2, 11, 9, 6};
  expect_accepted(c);
}

TEST(TensorFlowRules, ExplicitPaddingNeedsOnePairPerSpatialAxis) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.padding = TensorFlowPadding::explicit_pads;
  c.explicit_paddings = {{1, 1}};
  expect_rejected(c, {"tensorflow.explicit_paddings = 1 pairs", "must give one {before, after} pair per spatial axis"});
  c.explicit_paddings = {{1, 1}, {0, 3}};
  expect_accepted(c);
}

TEST(TensorFlowRules, ExplicitPaddingsMustNotBeNegative) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.padding = TensorFlowPadding::explicit_pads;
  c.explicit_paddings = {{1, 1}, {-1, 4}};
  expect_rejected(c, {"tensorflow.explicit_paddings[1][0] = -1", "must be >= 0"});
  c.explicit_paddings = {{1, 1}, {0, 3}};
  expect_accepted(c);
}

TEST(TensorFlowRules, SameOutputShapeMustInvertTheForwardConvolution) {
  TensorFlowConvTranspose c = tensorflow_base();  // axis 0: I 5, s 2: ceil(O/2) = 5 for O in 9..10
  for (std::int64_t bad : {8, 11}) {
    c.output_shape = {2, bad, 6, 6};
    expect_rejected(c, {"tensorflow.output_shape[1] = " + std::to_string(bad),
                        "not the input's 5; legal sizes are 9 to 10"});
  }
  for (std::int64_t good : {9, 10}) {
    c.output_shape = {2, good, 6, 6};
    expect_accepted(c);
  }
}

TEST(TensorFlowRules, ValidOutputShapeMustInvertTheForwardConvolution) {
  TensorFlowConvTranspose c = tensorflow_base();  // axis 0: (5−1)·2 + 3 = 11 .. 12; axis 1: 5 + 4 = 9
  c.padding = TensorFlowPadding::valid;
  for (std::int64_t bad : {10, 13}) {
    c.output_shape = {2, bad, 9, 6};
    expect_rejected(c, {"tensorflow.output_shape[1] = " + std::to_string(bad), "legal sizes are 11 to 12"});
  }
  c.output_shape = {2, 11, 10, 6};
  expect_rejected(c, {"tensorflow.output_shape[2] = 10", "legal sizes are 9 to 9"});
  for (std::int64_t good : {11, 12}) {
    c.output_shape = {2, good, 9, 6};
    expect_accepted(c);
  }
}

TEST(TensorFlowRules, ExplicitOutputShapeMustInvertTheForwardConvolution) {
  TensorFlowConvTranspose c = tensorflow_base();
  c.padding = TensorFlowPadding::explicit_pads;
  c.explicit_paddings = {{1, 1}, {0, 3}};  // axis 0: 9 .. 10; axis 1: 9 − 3 = 6
  for (std::int64_t bad : {8, 11}) {
    c.output_shape = {2, bad, 6, 6};
    expect_rejected(c, {"tensorflow.output_shape[1] = " + std::to_string(bad), "legal sizes are 9 to 10"});
  }
  for (std::int64_t good : {9, 10}) {
    c.output_shape = {2, good, 6, 6};
    expect_accepted(c);
  }
  c.explicit_paddings = {{1, 1}, {0, 20}};  // pads beyond the full output: no size works
  c.output_shape = {2, 10, 1, 6};
  expect_rejected(c, {"tensorflow.output_shape[2] = 1", "no output size gives it"});
}

// ---- Keras -----------------------------------------------------------------------------

// Conv2DTranspose(6, (3, 2), strides (2, 1), padding 'same') on channels_last [2, 5, 6, 4].
KerasConvTranspose keras_base() {
  return {.input_shape = {2, 5, 6, 4}, .filters = 6, .kernel_size = {3, 2}, .strides = {2, 1},
          .dilation_rate = {}, .padding = KerasPadding::same, .output_padding = std::nullopt,
          .data_format = Layout::nxc, .use_bias = true};
}

void expect_rejected(const KerasConvTranspose& c, Fragments f) { expect_rejected(resolving(c, resolve_keras), f); }
void expect_accepted(const KerasConvTranspose& c) { expect_accepted(resolving(c, resolve_keras)); }

TEST(KerasRules, BaseCaseIsAccepted) { expect_accepted(keras_base()); }

TEST(KerasRules, InputShapeNeedsBatchChannelsAndOneToThreeSpatialAxes) {
  KerasConvTranspose c = keras_base();
  c.input_shape = {2, 5};
  expect_rejected(c, {"keras.input_shape = [2, 5]", "must have 3 to 5 entries"});
  c.input_shape = {2, 0, 6, 4};
  expect_rejected(c, {"keras.input_shape[1] = 0", "must be >= 1"});
}

TEST(KerasRules, FiltersMustBePositive) {
  KerasConvTranspose c = keras_base();
  c.filters = 0;
  expect_rejected(c, {"keras.filters = 0", "must be >= 1"});
  c.filters = 1;
  expect_accepted(c);
}

TEST(KerasRules, KernelSizeIsRequiredWithPositiveEntries) {
  KerasConvTranspose c = keras_base();
  c.kernel_size = {};
  expect_rejected(c, {"keras.kernel_size = []", "must have 2 entries"});
  c.kernel_size = {3, 0};
  expect_rejected(c, {"keras.kernel_size[1] = 0", "must be >= 1"});
  c.kernel_size = {3, 1};
  expect_accepted(c);
}

TEST(KerasRules, StridesMustBePositive) {
  KerasConvTranspose c = keras_base();
  c.strides = {2, 0};
  expect_rejected(c, {"keras.strides[1] = 0", "must be >= 1"});
  c.strides = {2};
  expect_rejected(c, {"keras.strides = [2]", "must have 2 entries"});
}

TEST(KerasRules, DilationRateMustBePositive) {
  KerasConvTranspose c = keras_base();
  c.strides = {1, 1};
  c.dilation_rate = {1, 0};
  expect_rejected(c, {"keras.dilation_rate[1] = 0", "must be >= 1"});
  c.dilation_rate = {1, 1};
  expect_accepted(c);
}

TEST(KerasRules, StridesAboveOneExcludeDilationAboveOne) {
  KerasConvTranspose c = keras_base();
  c.dilation_rate = {1, 2};
  expect_rejected(c, {"keras.strides = [2, 1]", "not supported in conjunction with dilation_rate > 1 = [1, 2]"});
  c.strides = {1, 1};
  expect_accepted(c);
}

TEST(KerasRules, OutputPaddingNeedsOneNonNegativeEntryPerAxis) {
  KerasConvTranspose c = keras_base();
  c.padding = KerasPadding::valid;
  c.output_padding = {{1}};
  expect_rejected(c, {"keras.output_padding = [1]", "must have 2 entries"});
  c.output_padding = {{1, -1}};
  expect_rejected(c, {"keras.output_padding[1] = -1", "must be >= 0"});
  c.output_padding = {{1, 0}};
  expect_accepted(c);
}

TEST(KerasRules, OutputPaddingMustBeBelowStrides) {
  KerasConvTranspose c = keras_base();
  c.padding = KerasPadding::valid;
  c.output_padding = {{2, 0}};
  expect_rejected(c, {"keras.output_padding[0] = 2", "must be < strides[0] = 2"});
  c.output_padding = {{1, 0}};
  expect_accepted(c);
}

TEST(KerasRules, TensorFlowMustAcceptTheOutputShapeKerasComputes) {
  // 'same' with output_padding: axis 1 (i6,k2,s1) gives 5 + 2 − 2·1 + 0 = 5, but
  // TensorFlow's SAME with stride 1 accepts only 6.
  KerasConvTranspose c = keras_base();
  c.output_padding = {{1, 0}};
  expect_rejected(c, {"keras.output_padding = [1, 0]", "gives output_shape [2, 10, 5, 6]",
                      "TensorFlow's conv_transpose rejects", "tensorflow.output_shape[2] = 5",
                      "legal sizes are 6 to 6"});
  c.kernel_size = {3, 3};  // odd kernel: 5 + 3 − 2 = 6
  expect_accepted(c);
}

// ---- ONNX ------------------------------------------------------------------------------

// ConvTranspose on X [2, 4, 5, 6], W [4, 3, 3, 2], group 2, strides (2, 1), dilations
// (1, 3), pads (1, 0, 1, 0), output_padding (1, 0): Y [2, 6, 10, 9].
OnnxConvTranspose onnx_base() {
  return {.x_shape = {2, 4, 5, 6}, .w_shape = {4, 3, 3, 2}, .has_b = true,
          .auto_pad = OnnxAutoPad::notset, .group = 2, .kernel_shape = {}, .strides = {2, 1},
          .dilations = {1, 3}, .pads = {1, 0, 1, 0}, .output_padding = {1, 0}, .output_shape = {}};
}

void expect_rejected(const OnnxConvTranspose& c, Fragments f) { expect_rejected(resolving(c, resolve_onnx), f); }
void expect_accepted(const OnnxConvTranspose& c) { expect_accepted(resolving(c, resolve_onnx)); }

TEST(OnnxRules, BaseCaseIsAccepted) { expect_accepted(onnx_base()); }

TEST(OnnxRules, XShapeNeedsBatchChannelsAndOneToThreeSpatialAxes) {
  OnnxConvTranspose c = onnx_base();
  c.x_shape = {2, 4};
  expect_rejected(c, {"onnx.X.shape = [2, 4]", "must have 3 to 5 entries"});
  c.x_shape = {2, 4, 0, 6};
  expect_rejected(c, {"onnx.X.shape[2] = 0", "must be >= 1"});
}

TEST(OnnxRules, WShapeMustHaveXsRank) {
  OnnxConvTranspose c = onnx_base();
  c.w_shape = {4, 3, 3};
  expect_rejected(c, {"onnx.W.shape = [4, 3, 3]", "must have X's 4 entries"});
  c.w_shape = {4, 3, 3, 2, 1};
  expect_rejected(c, {"onnx.W.shape = [4, 3, 3, 2, 1]", "must have X's 4 entries"});
}

TEST(OnnxRules, WShapeSizesMustBePositive) {
  OnnxConvTranspose c = onnx_base();
  c.w_shape = {4, 0, 3, 2};
  expect_rejected(c, {"onnx.W.shape[1] = 0", "must be >= 1"});
  c.w_shape = {4, 1, 3, 2};
  expect_accepted(c);
}

TEST(OnnxRules, WMustTakeXsChannels) {
  OnnxConvTranspose c = onnx_base();
  c.w_shape = {2, 3, 3, 2};
  expect_rejected(c, {"onnx.W.shape[0] = 2", "must equal X's channels C = 4"});
  c.x_shape = {2, 2, 5, 6};
  expect_accepted(c);
}

TEST(OnnxRules, GroupMustBePositive) {
  OnnxConvTranspose c = onnx_base();
  c.group = 0;
  expect_rejected(c, {"onnx.group = 0", "must be >= 1"});
  c.group = 1;
  expect_accepted(c);
}

TEST(OnnxRules, GroupMustDivideXsChannels) {
  OnnxConvTranspose c = onnx_base();
  c.group = 3;
  expect_rejected(c, {"onnx.group = 3", "must divide X's channels C = 4"});
  c.group = 4;
  expect_accepted(c);
}

TEST(OnnxRules, KernelShapeMustMatchW) {
  OnnxConvTranspose c = onnx_base();
  c.kernel_shape = {3, 3};
  expect_rejected(c, {"onnx.kernel_shape = [3, 3]", "must equal W's spatial dims [3, 2]"});
  c.kernel_shape = {3};
  expect_rejected(c, {"onnx.kernel_shape = [3]", "must equal W's spatial dims [3, 2]"});
  c.kernel_shape = {3, 2};
  expect_accepted(c);
}

TEST(OnnxRules, PerAxisAttributesNeedOneEntryPerSpatialAxis) {
  for (auto OnnxConvTranspose::*list : {&OnnxConvTranspose::strides, &OnnxConvTranspose::dilations,
                                        &OnnxConvTranspose::output_padding}) {
    OnnxConvTranspose c = onnx_base();
    (c.*list).pop_back();
    expect_rejected(c, {"must have 2 entries, one per spatial axis"});
  }
  OnnxConvTranspose c = onnx_base();
  c.pads = {};
  c.output_shape = {10};
  expect_rejected(c, {"onnx.output_shape = [10]", "must have 2 entries"});
}

TEST(OnnxRules, StridesMustBePositive) {
  OnnxConvTranspose c = onnx_base();
  c.strides = {2, 0};
  expect_rejected(c, {"onnx.strides[1] = 0", "must be >= 1"});
}

TEST(OnnxRules, DilationsMustBePositive) {
  OnnxConvTranspose c = onnx_base();
  c.dilations = {1, 0};
  expect_rejected(c, {"onnx.dilations[1] = 0", "must be >= 1"});
  c.dilations = {1, 1};
  expect_accepted(c);
}

TEST(OnnxRules, OutputPaddingMustNotBeNegative) {
  OnnxConvTranspose c = onnx_base();
  c.output_padding = {1, -1};
  expect_rejected(c, {"onnx.output_padding[1] = -1", "must be >= 0"});
}

TEST(OnnxRules, OutputPaddingMustBeBelowMaxOfStridesAndDilations) {
  OnnxConvTranspose c = onnx_base();  // strides (2, 1), dilations (1, 3)
  c.output_padding = {2, 0};
  expect_rejected(c, {"onnx.output_padding[0] = 2", "must be < max(strides, dilations) = 2"});
  c.output_padding = {1, 3};
  expect_rejected(c, {"onnx.output_padding[1] = 3", "must be < max(strides, dilations) = 3"});
  c.output_padding = {1, 2};
  expect_accepted(c);
}

TEST(OnnxRules, PadsNeedABeginAndAnEndPerSpatialAxis) {
  OnnxConvTranspose c = onnx_base();
  c.pads = {1, 0, 1};
  expect_rejected(c, {"onnx.pads = [1, 0, 1]", "must have 4 entries [x1_begin, ..., x1_end, ...]"});
  c.pads = {1, 0, 1, 0, 0};
  expect_rejected(c, {"onnx.pads = [1, 0, 1, 0, 0]", "must have 4 entries"});
}

TEST(OnnxRules, PadsMustNotBeNegative) {
  OnnxConvTranspose c = onnx_base();
  c.pads = {1, 0, 1, -1};
  expect_rejected(c, {"onnx.pads[3] = -1", "must be >= 0"});
  c.pads = {1, 0, 1, 0};
  expect_accepted(c);
}

TEST(OnnxRules, PadsCannotBeUsedWithAutoPad) {
  OnnxConvTranspose c = onnx_base();
  c.auto_pad = OnnxAutoPad::valid;
  expect_rejected(c, {"onnx.pads = [1, 0, 1, 0]", "cannot be used with auto_pad = VALID"});
  c.pads = {};
  expect_accepted(c);
}

TEST(OnnxRules, PadsBesideOutputShapeAreCheckedThenIgnored) {
  // "If output_shape is specified pads values are ignored", but the attribute itself
  // must still be well formed.
  OnnxConvTranspose c = onnx_base();
  c.output_shape = {10, 9};
  c.pads = {1, 0, 1, -1};
  expect_rejected(c, {"onnx.pads[3] = -1", "must be >= 0"});
  c.pads = {1, 0, 1};
  expect_rejected(c, {"onnx.pads = [1, 0, 1]", "must have 4 entries"});
  c.pads = {1, 5, 1, 5};  // would leave output size -1 on axis 1 if it were used
  expect_accepted(c);
}

TEST(OnnxRules, OutputShapeMustBePositive) {
  OnnxConvTranspose c = onnx_base();
  c.pads = {};
  c.output_shape = {10, 0};
  expect_rejected(c, {"onnx.output_shape[1] = 0", "must be >= 1"});
  c.output_shape = {10, 1};
  expect_accepted(c);
}

// A negative total_padding generates negative pads; total/2 is floored (onnx's reference
// implementation), so NOTSET/SAME_LOWER split −1 as begin 0, end −1 and SAME_UPPER as
// begin −1, end 0.
TEST(OnnxRules, OutputShapeMustNotNeedANegativeBeginPad) {
  // axis 0: s(I−1) + output_padding + (k−1)d + 1 = 8 + 1 + 3 = 12; 14 needs total −2.
  OnnxConvTranspose c = onnx_base();
  c.pads = {};
  c.output_shape = {14, 9};
  expect_rejected(c, {"onnx.output_shape[0] = 14", "generates pads[0] = -1, a negative begin pad on axis 0",
                      "(total_padding -2 = 12 - 14)"});
  c.output_padding = {0, 0};  // total −1: the floor puts it at the begin for SAME_UPPER only
  c.output_shape = {12, 9};
  c.auto_pad = OnnxAutoPad::same_upper;
  expect_rejected(c, {"onnx.output_shape[0] = 12", "generates pads[0] = -1", "(total_padding -1 = 11 - 12)"});
  c.auto_pad = OnnxAutoPad::same_lower;
  expect_accepted(c);
  c.auto_pad = OnnxAutoPad::notset;
  expect_accepted(c);
}

TEST(OnnxRules, OutputShapeNeedingANegativeEndPadMustKeepOutputPaddingBelowTheLimit) {
  // The end pad −1 becomes one more element of output_padding, which must stay below
  // max(strides, dilations): 2 on axis 0, 3 on axis 1.
  OnnxConvTranspose c = onnx_base();  // output_padding (1, 0)
  c.pads = {};
  c.output_shape = {13, 9};  // axis 0: 12 − 13 = −1, output_padding 1 + 1
  expect_rejected(c, {"onnx.output_shape[0] = 13", "generates pads[2] = -1, a negative end pad on axis 0",
                      "output_padding[0] = 2, which must be < max(strides, dilations) = 2"});
  c.output_padding = {0, 0};
  c.output_shape = {12, 9};
  expect_accepted(c);
  c.output_shape = {12, 10};  // axis 1 (stride 1, dilation 3): 9 − 10 = −1, output_padding 1
  expect_accepted(c);
  c.output_padding = {0, 2};
  c.output_shape = {12, 12};  // 11 − 12 = −1, output_padding 3
  expect_rejected(c, {"onnx.output_shape[1] = 12", "generates pads[3] = -1", "output_padding[1] = 3",
                      "must be < max(strides, dilations) = 3"});
}

TEST(OnnxRules, SameAutoPadMustNotNeedANegativeBeginPad) {
  // I·s = 12, but s(I−1) + output_padding + (k−1)d + 1 = 9 + 0 + 1 = 10 falls short by 2.
  OnnxConvTranspose c{.x_shape = {1, 1, 4}, .w_shape = {1, 1, 1}, .has_b = false,
                      .auto_pad = OnnxAutoPad::same_upper, .group = 1, .kernel_shape = {},
                      .strides = {3}, .dilations = {}, .pads = {}, .output_padding = {}, .output_shape = {}};
  expect_rejected(c, {"onnx.auto_pad = SAME_UPPER", "generates pads[0] = -1, a negative begin pad on axis 0",
                      "(total_padding -2 = 10 - 12)"});
  c.auto_pad = OnnxAutoPad::same_lower;
  expect_rejected(c, {"onnx.auto_pad = SAME_LOWER", "generates pads[0] = -1", "(total_padding -2 = 10 - 12)"});
  c.output_padding = {1};  // output_padding counts towards the total: −1
  expect_accepted(c);      // SAME_LOWER: end pad −1, output_padding 2 < 3
  c.auto_pad = OnnxAutoPad::same_upper;
  expect_rejected(c, {"onnx.auto_pad = SAME_UPPER", "generates pads[0] = -1", "(total_padding -1 = 11 - 12)"});
  c.output_padding = {2};
  expect_accepted(c);
  c.output_padding = {};
  c.w_shape = {1, 1, 3};
  expect_accepted(c);
}

TEST(OnnxRules, PadsMustLeaveAnOutputOfAtLeastOne) {
  OnnxConvTranspose c = onnx_base();  // axis 1: 5 + 0 + 4 = 9 before pads
  c.pads = {1, 5, 1, 5};
  expect_rejected(c, {"onnx.pads = [1, 5, 1, 5]", "leave output size -1 on axis 1"});
  c.pads = {1, 4, 1, 4};
  expect_accepted(c);
}

}  // namespace
}  // namespace tconv
