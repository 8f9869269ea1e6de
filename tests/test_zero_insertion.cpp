// Formulation 3 (reference/zero_insertion.cpp): zero insertion, padding and the flipped
// kernel, step by step on literal examples, then against the direct scatter.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "direct_scatter.h"
#include "geometry.h"
#include "problem_string.h"
#include "scalar.h"
#include "zero_insertion.h"

namespace tconv {
namespace {

using Int = std::int64_t;

// Element-wise comparison of two row-major tensors, naming the element by row and column.
void expect_grid_eq(const Problem& p, const std::vector<Int>& actual,
                    const std::vector<Int>& expected, std::int64_t columns, const char* what) {
  ASSERT_EQ(actual.size(), expected.size()) << to_string(p) << ": " << what << " size";
  for (std::size_t e = 0; e < actual.size(); ++e) {
    EXPECT_EQ(actual[e], expected[e])
        << to_string(p) << ": " << what << "[" << Int(e) / columns << "][" << Int(e) % columns
        << "] is " << actual[e] << ", expected " << expected[e];
  }
}

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
  expect_grid_eq(kWorked, transposed_convolution(kWorked, kWorkedMap, kWorkedKernel),
                 kWorkedOutput, 4, "output");
}

TEST(ZeroInsertionWorkedExample, InputIsZeroPaddedByTwo) {
  expect_grid_eq(kWorked, zero_inserted_input<Int>(kWorked, kWorkedMap),
                 {0, 0, 0, 0, 0, 0,
                  0, 0, 0, 0, 0, 0,
                  0, 0, 1, 0, 0, 0,
                  0, 0, 2, 1, 0, 0,
                  0, 0, 0, 0, 0, 0,
                  0, 0, 0, 0, 0, 0},
                 6, "padded input");
}

TEST(ZeroInsertionWorkedExample, KernelIsFlipped) {
  expect_grid_eq(kWorked, flipped_forward_weight<Int>(kWorked, kWorkedKernel),
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
  expect_grid_eq(kWorked, correlation, kWorkedOutput, 4, "correlation");
}

// ---- The steps on their own -------------------------------------------------------------

// x = [1, 2], stride 3: two zeros between them; halo dilation·(kernel-1) = 4 on both
// sides, then output_padding 2 at the end: 4 + 4 + 4 + 2 = 14 = O + 4.
TEST(ZeroInsertedInput, StrideZerosHaloAndOutputPadding) {
  const Problem p = parse_problem("ic1,oc1,i2,k3,s3,d2,op2");
  expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2}),
                 {0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0}, 14, "padded input");
}

// x = [1, 2, 3], stride 2, kernel 2, pad_begin 2: the begin pad 1 - 2 = -1 crops the
// first element of the spread input [1, 0, 2, 0, 3].
TEST(ZeroInsertedInput, PadWiderThanTheHaloCropsTheSpreadInput) {
  const Problem p = parse_problem("ic1,oc1,i3,k2,s2,pb2");
  expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2, 3}), {0, 2, 0, 3, 0}, 5,
                 "padded input");
}

// Channels-last input comes out channels-first: [N=1, Cin=2, 3] from nxc [1, 2, 2].
TEST(ZeroInsertedInput, IsChannelsFirstWhateverTheLayout) {
  const Problem p = parse_problem("ic2,oc1,i2,k2,s1,nxc");
  expect_grid_eq(p, zero_inserted_input<Int>(p, std::vector<Int>{1, 2, 3, 4}),
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
    expect_grid_eq(p, flipped_forward_weight<Int>(p, weights), expected, 4, "flipped weight");
  }
}

// Groups g2, ic4, oc2: output channel j only reads its own group's input channels.
TEST(FlippedForwardWeight, KeepsEachGroupsChannels) {
  const Problem p = parse_problem("g2,ic4,oc2,i1,k2");
  expect_grid_eq(p, flipped_forward_weight<Int>(p, std::vector<Int>{1, 2, 3, 4, 5, 6, 7, 8}),
                 {2, 1, 4, 3,
                  6, 5, 8, 7},
                 4, "flipped weight");
}

// o = 3i + 2k over O = 10 with w = [1, 10, 100] and bias 5: 8 and 9 are output padding.
TEST(ZeroInsertion, DilatedStridedWithOutputPaddingAndBias) {
  const Problem p = parse_problem("ic1,oc1,i2,k3,s3,d2,op2,bias");
  expect_grid_eq(p, transposed_convolution(p, {1, 2}, {1, 10, 100}, {5}),
                 {6, 5, 15, 7, 105, 25, 5, 205, 5, 5}, 10, "output");
}

// ---- Against the direct scatter ---------------------------------------------------------

struct NamedProblem {
  const char* name;
  const char* text;
};

// Ranks 1-3, batch, groups and depthwise, stride > kernel, dilation, asymmetric pads,
// pads wider than the kernel, output_padding (also >= stride with dilation > stride),
// bias, both activation layouts and every weight layout.
const NamedProblem kProblems[] = {
    {"rank1_dense", "ic2,oc3,i7,k3"},
    {"rank1_batch_stride_pads", "n3,ic2,oc2,i5,k3,s2,pb1,pe2"},
    {"rank1_stride_gt_kernel_bias", "ic2,oc2,i4,k2,s3,bias"},
    {"rank1_output_padding_ge_stride_dilation_gt_stride", "ic1,oc2,i4,k3,s1,d3,op2,bias"},
    {"rank1_pads_wider_than_kernel", "ic2,oc1,i6,k2,s2,pb3,pe4"},
    {"rank1_batch_groups_nxc_xoi", "n3,g2,ic2,oc4,i5,k3,s2,d2,pb1,pe3,op1,bias,nxc,xoi"},
    {"rank2_batch_bias", "n2,ic3,oc2,i4x5,k3x2,s2x1,bias"},
    {"rank2_asymmetric_pads", "ic1,oc2,i5x5,k4x3,s2x2,pb2x0,pe0x1"},
    {"rank2_groups", "n2,g2,ic4,oc6,i4x3,k2x3,s2x2,bias"},
    {"rank2_depthwise", "g3,ic3,oc3,i5x4,k3x3,s2x2,pb1x1,pe1x1"},
    {"rank2_depthwise_multiplier", "g3,ic3,oc6,i4x4,k3x3,s1x2,op0x1"},
    {"rank2_stride_gt_kernel_output_padding", "ic2,oc2,i3x4,k2x1,s3x4,op2x3,bias"},
    {"rank2_dilation", "ic2,oc2,i4x4,k3x2,d2x3"},
    {"rank2_output_padding_ge_stride_dilation_gt_stride", "ic2,oc2,i4x3,k2x2,s1x2,d3x3,op2x2"},
    {"rank2_pointwise", "n2,ic3,oc2,i3x3,k1x1,s2x2"},
    {"rank2_nxc_iox", "n2,g2,ic4,oc2,i3x4,k2x2,s2x1,pb1x0,bias,nxc,iox"},
    {"rank2_ncx_oix", "n2,g2,ic4,oc6,i3x3,k2x3,s2x1,pe0x1,bias,oix"},
    {"rank2_ncx_xoi", "n2,g2,ic4,oc6,i3x3,k2x3,s2x1,pb0x1,op1x0,bias,xoi"},
    {"rank2_nxc_oix_dilated", "g2,ic2,oc4,i3x4,k2x2,s2x3,d2x1,pb0x1,pe1x0,nxc,oix"},
    {"rank3_ncx_iox", "n2,ic2,oc3,i3x4x2,k2x3x2,s2x1x2,pb1x0x0,pe0x1x1,op1x0x1,bias"},
    {"rank3_groups_nxc_xoi", "g2,ic4,oc2,i3x2x2,k1x2x2,s1x3x2,d1x1x2,pb0x1x0,op0x2x1,bias,nxc,xoi"},
    {"rank3_depthwise_nxc_oix",
     "n2,g2,ic2,oc2,i2x2x3,k2x1x2,s2x2x1,d1x1x2,pe0x0x1,op1x1x1,nxc,oix"},
};

constexpr std::uint64_t kSeed = 20240613;

// Small integers for exact arithmetic, [-1, 1] for floating types.
template <class T>
std::vector<T> random_data(std::int64_t count, std::mt19937_64& rng) {
  std::vector<T> data(static_cast<std::size_t>(count));
  if constexpr (std::is_integral_v<T>) {
    std::uniform_int_distribution<T> dist(-3, 3);
    for (T& d : data) d = dist(rng);
  } else {
    std::uniform_real_distribution<T> dist(-1, 1);
    for (T& d : data) d = dist(rng);
  }
  return data;
}

template <class T>
struct Operands {
  std::vector<T> input, weights, bias;
};

template <class T>
using Formulation = void (*)(const Problem&, std::span<const T>, std::span<const T>,
                             std::span<const T>, std::span<T>);

template <class T>
std::vector<T> run(Formulation<T> formulation, const Problem& p, const Operands<T>& o) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
  formulation(p, o.input, o.weights, o.bias, output);
  return output;
}

template <class T, class F>
Operands<double> to_double(const Operands<T>& o, F f) {
  auto each = [&](const std::vector<T>& v) {
    std::vector<double> r;
    for (T e : v) r.push_back(f(e));
    return r;
  };
  return {each(o.input), each(o.weights), each(o.bias)};
}

// Calls check(offset, where) for every output element; where() names its logical
// coordinates.
template <class Check>
void for_each_output(const Problem& p, Check check) {
  const Geometry g = make_geometry(p);
  for (std::int64_t n = 0; n < g.batch; ++n)
    for (std::int64_t c = 0; c < g.out_channels(); ++c)
      for (std::int64_t z = 0; z < g.output[0]; ++z)
        for (std::int64_t y = 0; y < g.output[1]; ++y)
          for (std::int64_t x = 0; x < g.output[2]; ++x)
            check(g.output_at(n, c, z, y, x), [&] {
              const Index3 at{z, y, x};
              std::string s = "(n=" + std::to_string(n) + ", c=" + std::to_string(c) + ", spatial=";
              for (int a = 3 - p.rank(); a < 3; ++a)
                s += (a == 3 - p.rank() ? "" : "x") + std::to_string(at[a]);
              return s + ")";
            });
}

double gamma_n(std::int64_t n, double unit_roundoff) {
  const double nu = static_cast<double>(n) * unit_roundoff;
  return nu / (1 - nu);
}

class ZeroInsertionMatchesDirectScatter : public testing::TestWithParam<NamedProblem> {
 protected:
  Problem problem() const { return parse_problem(GetParam().text); }
};

TEST_P(ZeroInsertionMatchesDirectScatter, ExactlyOnSmallIntegers) {
  const Problem p = problem();
  std::cout << "seed " << kSeed << " for " << to_string(p) << "\n";
  std::mt19937_64 rng(kSeed);
  const Operands<Int> o{random_data<Int>(input_elements(p), rng),
                        random_data<Int>(weight_elements(p), rng),
                        random_data<Int>(bias_elements(p), rng)};
  const std::vector<Int> actual = run<Int>(conv_transpose_zero_insertion<Int>, p, o);
  const std::vector<Int> expected = run<Int>(conv_transpose_direct_scatter<Int>, p, o);
  for_each_output(p, [&](std::int64_t at, auto where) {
    EXPECT_EQ(actual[at], expected[at])
        << to_string(p) << " seed " << kSeed << " output " << where() << ": zero insertion "
        << actual[at] << (is_poison(actual[at]) ? " (never written)" : "") << ", direct scatter "
        << expected[at];
  });
}

// Against the direct scatter in double (exact but for its own gamma_n·u_double), each
// element within gamma_n · (sum|x·w| + |b|) for T, n the dot-product length (the group's
// input channels times the taps, plus the bias); sum|x·w| + |b| is the direct scatter of
// the absolute values.
template <class T>
void expect_within_rounding(const Problem& p) {
  std::cout << "seed " << kSeed << " for " << to_string(p) << "\n";
  std::mt19937_64 rng(kSeed);
  const Operands<T> o{random_data<T>(input_elements(p), rng),
                      random_data<T>(weight_elements(p), rng),
                      random_data<T>(bias_elements(p), rng)};
  const std::vector<T> actual = run<T>(conv_transpose_zero_insertion<T>, p, o);
  const Operands<double> exact = to_double(o, [](T v) { return double(v); });
  const Operands<double> magnitude = to_double(o, [](T v) { return std::abs(double(v)); });
  const std::vector<double> expected = run<double>(conv_transpose_direct_scatter<double>, p, exact);
  const std::vector<double> scale =
      run<double>(conv_transpose_direct_scatter<double>, p, magnitude);

  const Geometry g = make_geometry(p);
  const std::int64_t n = g.in_per_group * g.kernel[0] * g.kernel[1] * g.kernel[2] + 1;
  const double tolerance = gamma_n(n, std::numeric_limits<T>::epsilon() / 2) +
                           gamma_n(n, std::numeric_limits<double>::epsilon() / 2);
  for_each_output(p, [&](std::int64_t at, auto where) {
    EXPECT_LE(std::abs(double(actual[at]) - expected[at]), tolerance * scale[at])
        << to_string(p) << " seed " << kSeed << " output " << where() << ": zero insertion "
        << actual[at] << ", direct scatter (double) " << expected[at];
  });
}

TEST_P(ZeroInsertionMatchesDirectScatter, WithinRoundingOnFloat) {
  expect_within_rounding<float>(problem());
}

TEST_P(ZeroInsertionMatchesDirectScatter, WithinRoundingOnDouble) {
  expect_within_rounding<double>(problem());
}

INSTANTIATE_TEST_SUITE_P(Table, ZeroInsertionMatchesDirectScatter, testing::ValuesIn(kProblems),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- The boundary -----------------------------------------------------------------------

void expect_rejected(const Problem& p, const std::string& tensor, auto call) {
  try {
    call();
    ADD_FAILURE() << to_string(p) << ": wrong " << tensor << " length accepted";
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(tensor + " length", 0), 0u)
        << to_string(p) << ": message '" << e.what() << "' should name " << tensor;
  }
}

TEST(ZeroInsertionBoundary, RejectsWrongOperandLengthsNamingTheTensor) {
  // input 16, weights 18, bias 3, output 36
  const Problem p = parse_problem("n2,ic2,oc3,i4,k3,bias");
  const std::vector<double> input(16), weights(18), bias(3);
  std::vector<double> output(36);
  const std::span<const double> in(input), w(weights), b(bias);
  expect_rejected(p, "input",
                  [&] { conv_transpose_zero_insertion<double>(p, in.first(15), w, b, output); });
  expect_rejected(p, "weights",
                  [&] { conv_transpose_zero_insertion<double>(p, in, w.first(17), b, output); });
  expect_rejected(p, "bias", [&] { conv_transpose_zero_insertion<double>(p, in, w, {}, output); });
  expect_rejected(p, "output", [&] {
    conv_transpose_zero_insertion<double>(p, in, w, b, std::span(output).first(35));
  });
  expect_rejected(p, "input", [&] { zero_inserted_input<double>(p, in.first(15)); });
  expect_rejected(p, "weights", [&] { flipped_forward_weight<double>(p, w.first(17)); });
  conv_transpose_zero_insertion<double>(p, in, w, b, output);  // the right lengths pass
}

TEST(ZeroInsertionBoundary, RejectsAnInvalidProblem) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,s2,op2");
  const std::vector<double> empty;
  std::vector<double> output;
  EXPECT_THROW(conv_transpose_zero_insertion<double>(p, empty, empty, empty, output), ProblemError)
      << to_string(p);
  EXPECT_THROW(zero_inserted_input<double>(p, empty), ProblemError) << to_string(p);
  EXPECT_THROW(flipped_forward_weight<double>(p, empty), ProblemError) << to_string(p);
}

}  // namespace
}  // namespace tconv
