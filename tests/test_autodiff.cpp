// Formulation 4 (reference/autodiff_gradient.cpp) and the AD scalar it is built on
// (reference/autodiff.h).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <ostream>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "autodiff.h"
#include "autodiff_gradient.h"
#include "compare.h"
#include "direct_scatter.h"
#include "geometry.h"
#include "problem_string.h"
#include "scalar.h"

namespace tconv {
namespace {

// ---- The AD scalar on small functions -------------------------------------------------

TEST(AutodiffVar, GradientOfDotProductIsTheConstantVector) {
  const std::vector<double> c{2.0, -3.0, 0.5, 7.0};
  const std::vector<double> at{1.0, 4.0, -2.0, 0.25};
  Tape<double> tape;
  std::vector<Var<double>> v;
  for (double a : at) v.push_back(tape.leaf(a));
  Var<double> f;
  for (std::size_t i = 0; i < c.size(); ++i) f = f + v[i] * c[i];
  EXPECT_EQ(f.value(), 2.0 - 12.0 - 1.0 + 1.75) << "forward value of sum c_i v_i";
  tape.backward(f, 1.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(tape.adjoint(v[i]), c[i]) << "d f/d v[" << i << "]";
  }
}

TEST(AutodiffVar, RepeatedUseOfALeafOrNodeAddsItsPartials) {
  Tape<std::int64_t> tape;
  const Var<std::int64_t> a = tape.leaf(1), b = tape.leaf(10);
  const Var<std::int64_t> t = a * 4;  // used twice below
  const Var<std::int64_t> f = 2 * a + b * 3 + a * 5 + t + t;
  EXPECT_EQ(f.value(), 2 + 30 + 5 + 4 + 4);
  tape.backward(f, 1);
  EXPECT_EQ(tape.adjoint(a), 2 + 5 + 4 + 4) << "d f/d a";
  EXPECT_EQ(tape.adjoint(b), 3) << "d f/d b";
}

TEST(AutodiffVar, SeedScalesTheGradient) {
  Tape<std::int64_t> tape;
  const Var<std::int64_t> a = tape.leaf(0);
  tape.backward(a * 3 + a * 4, -5);
  EXPECT_EQ(tape.adjoint(a), -35);
}

TEST(AutodiffVar, RewindForgetsOperationsButKeepsLeafAdjoints) {
  Tape<std::int64_t> tape;
  const Var<std::int64_t> a = tape.leaf(0), b = tape.leaf(0);
  tape.backward(a * 2 + b * 3, 1);
  EXPECT_EQ(tape.operations(), 3u);
  tape.rewind();
  EXPECT_EQ(tape.operations(), 0u);
  EXPECT_EQ(tape.adjoint(a), 2) << "after the first sweep and rewind";
  tape.backward(a * 7, 10);  // recorded on the rewound tape
  EXPECT_EQ(tape.operations(), 1u);
  EXPECT_EQ(tape.adjoint(a), 2 + 70) << "adjoints accumulate across sweeps";
  EXPECT_EQ(tape.adjoint(b), 3);
}

TEST(AutodiffVar, SweepingTwiceWithoutRewindDoesNotReuseOldIntermediateAdjoints) {
  Tape<std::int64_t> tape;
  const Var<std::int64_t> a = tape.leaf(0);
  const Var<std::int64_t> f = a * 2 + a * 3;
  tape.backward(f, 1);
  tape.backward(f, 1);
  EXPECT_EQ(tape.adjoint(a), 10);
}

TEST(AutodiffVar, ConstantsRecordNothingAndHaveNoGradient) {
  Tape<std::int64_t> tape;
  const Var<std::int64_t> a = tape.leaf(5);
  const Var<std::int64_t> zero;
  EXPECT_EQ(zero.value(), 0) << "a default-constructed Var is the constant 0";
  const Var<std::int64_t> k = zero + Var<std::int64_t>(3) * 2;
  EXPECT_EQ(k.value(), 6);
  EXPECT_EQ(tape.operations(), 0u) << "constant arithmetic must not touch the tape";
  tape.backward(k, 1);
  EXPECT_EQ(tape.adjoint(a), 0);
  tape.backward(k + a * 2, 1);
  EXPECT_EQ(tape.adjoint(a), 2);
}

TEST(AutodiffVar, RejectsLeavesAfterOperationsAndForeignVars) {
  Tape<double> tape, other;
  const Var<double> a = tape.leaf(1.0), b = other.leaf(1.0);
  const Var<double> f = a * 2.0;
  EXPECT_THROW(tape.leaf(0.0), std::logic_error);
  EXPECT_THROW(a + b, std::logic_error);
  EXPECT_THROW(other.backward(f, 1.0), std::logic_error);
  EXPECT_THROW(other.adjoint(a), std::logic_error);
  EXPECT_THROW(tape.adjoint(f), std::logic_error) << "an operation result is not a leaf";
}

// ---- conv_transpose_autodiff against the direct scatter -------------------------------

struct NamedProblem {
  const char* name;
  const char* text;
};
void PrintTo(const NamedProblem& p, std::ostream* os) { *os << p.text; }

// Ranks 1-3, groups and depthwise, stride > kernel, dilation, asymmetric pads,
// output_padding (also >= stride where dilation > stride), bias, both activation layouts
// and every weight layout.
const NamedProblem kProblems[] = {
    {"rank1_dense", "ic2,oc3,i5,k3"},
    {"rank1_batch_pads", "n3,ic2,oc2,i4,k3,s2,pb1,pe2"},
    {"rank1_stride_gt_kernel_bias", "ic2,oc2,i4,k2,s3,bias"},
    {"rank1_stride_gt_kernel_output_padding", "ic1,oc1,i3,k1,s4,op3,bias"},
    {"rank1_dilation_output_padding_ge_stride", "ic1,oc2,i4,k3,d3,op2"},
    {"rank1_dilation_gt_stride_strided", "ic2,oc2,i3,k2,s2,d5,pb1,op4"},
    {"rank1_pads_remove_most", "ic2,oc2,i3,k3,s2,pb3,pe2"},
    {"rank2_asymmetric_pads", "n2,ic3,oc2,i4x5,k3x2,s2x1,pb2x0,pe0x1"},
    {"rank2_groups_output_padding_bias", "g2,ic4,oc6,i3x3,k2x3,s2x2,pb1x0,pe0x1,op1x0,bias"},
    {"rank2_depthwise", "g3,ic3,oc3,i4x4,k3x3,s2x2,pb1x1,pe1x1,op1x1"},
    {"rank2_depthwise_multiplier_nxc", "g3,ic3,oc6,i3x4,k2x2,s1x2,bias,nxc"},
    {"rank2_pointwise", "n3,ic5,oc4,i2x3,k1x1"},
    {"rank2_nxc_oix_dilated", "n2,g2,ic4,oc2,i3x4,k2x2,s2x3,d2x1,pb0x1,pe1x0,bias,nxc,oix"},
    {"rank2_nxc_iox", "n2,ic3,oc2,i3x3,k3x2,s2x2,pb1x0,pe1x1,op1x0,bias,nxc,iox"},
    {"rank2_ncx_oix", "g2,ic2,oc4,i4x3,k2x3,s3x1,pb0x2,op2x0,oix"},
    {"rank2_ncx_xoi", "ic3,oc2,i3x3,k2x2,s2x2,d1x2,op1x1,bias,xoi"},
    {"rank2_nxc_xoi_dilated_output_padding", "g2,ic2,oc4,i3x3,k3x3,s1x2,d2x2,op1x1,nxc,xoi"},
    {"rank3_ncx_iox", "n2,ic2,oc3,i2x3x2,k2x2x3,s2x1x2,d1x2x1,pb1x0x1,pe0x1x1,op1x0x0,bias"},
    {"rank3_groups_nxc_xoi",
     "g2,ic4,oc2,i3x2x2,k1x2x2,s1x3x2,pb0x1x0,pe0x0x1,op0x2x1,bias,nxc,xoi"},
    {"rank3_depthwise_nxc_oix", "g2,ic2,oc2,i2x2x3,k2x1x2,s2x2x1,d1x1x2,pb0x0x1,op1x1x1,nxc,oix"},
};

constexpr std::uint64_t kSeed = 20240611;

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
Operands<T> random_operands(const Problem& p, std::mt19937_64& rng) {
  return {random_data<T>(input_elements(p), rng), random_data<T>(weight_elements(p), rng),
          random_data<T>(bias_elements(p), rng)};
}

template <class T>
std::vector<T> run(void (*formulation)(const Problem&, std::span<const T>, std::span<const T>,
                                       std::span<const T>, std::span<T>),
                   const Problem& p, const Operands<T>& o) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
  formulation(p, o.input, o.weights, o.bias, output);
  return output;
}

// Both formulations are within gamma_n · (sum|x·w| + |b|) of the exact value, n being the
// dot-product length (taps per group input channel, plus the bias), so they differ by at
// most twice that. sum|x·w| + |b| is the direct scatter of the absolute values, in double.
template <class T>
void expect_within_rounding(const Problem& p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const Operands<T> o = random_operands<T>(p, rng);
  const std::vector<T> autodiff = run<T>(conv_transpose_autodiff<T>, p, o);
  const std::vector<T> scatter = run<T>(conv_transpose_direct_scatter<T>, p, o);

  auto absolute = [](const std::vector<T>& v) {
    std::vector<double> a;
    for (T e : v) a.push_back(std::abs(double(e)));
    return a;
  };
  const std::vector<double> magnitude =
      run<double>(conv_transpose_direct_scatter<double>, p,
                  {absolute(o.input), absolute(o.weights), absolute(o.bias)});

  const Geometry g = make_geometry(p);
  const double n =
      static_cast<double>(g.in_per_group * g.kernel[0] * g.kernel[1] * g.kernel[2] + 1);
  const double u = std::numeric_limits<T>::epsilon() / 2;
  const double gamma = n * u / (1 - n * u);
  for (std::size_t at = 0; at < autodiff.size(); ++at) {
    EXPECT_LE(std::abs(double(autodiff[at]) - double(scatter[at])), 2 * gamma * magnitude[at])
        << to_string(p) << " seed " << seed << ": output"
        << format_output_coordinate(p, static_cast<std::int64_t>(at)) << ": autodiff "
        << autodiff[at] << ", direct scatter " << scatter[at];
  }
}

class AutodiffMatchesDirectScatter : public testing::TestWithParam<NamedProblem> {
 protected:
  Problem problem() const { return parse_problem(GetParam().text); }
};

TEST_P(AutodiffMatchesDirectScatter, ExactlyOnSmallIntegers) {
  const Problem p = problem();
  std::cout << "seed " << kSeed << " for " << to_string(p) << "\n";
  std::mt19937_64 rng(kSeed);
  const Operands<std::int64_t> o = random_operands<std::int64_t>(p, rng);
  const auto scatter = run<std::int64_t>(conv_transpose_direct_scatter<std::int64_t>, p, o);
  const auto autodiff = run<std::int64_t>(conv_transpose_autodiff<std::int64_t>, p, o);
  if (auto m = first_exact_mismatch<std::int64_t>(p, scatter, autodiff)) {
    ADD_FAILURE() << "seed " << kSeed
                  << ", expected = direct scatter, got = autodiff: " << m->detail;
  }
}

TEST_P(AutodiffMatchesDirectScatter, WithinRoundingOnFloat) {
  std::cout << "seed " << kSeed << " for " << GetParam().text << "\n";
  expect_within_rounding<float>(problem(), kSeed);
}

TEST_P(AutodiffMatchesDirectScatter, WithinRoundingOnDouble) {
  std::cout << "seed " << kSeed << " for " << GetParam().text << "\n";
  expect_within_rounding<double>(problem(), kSeed);
}

INSTANTIATE_TEST_SUITE_P(Table, AutodiffMatchesDirectScatter, testing::ValuesIn(kProblems),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- The boundary ---------------------------------------------------------------------

TEST(AutodiffGradient, RejectsWrongOperandLengthsNamingTheTensor) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,bias");  // input 8, weights 18, bias 3, output 18
  const std::vector<double> input(8), weights(18), bias(3);
  std::vector<double> output(18);
  auto expect_rejects = [&](std::span<const double> in, std::span<const double> w,
                            std::span<const double> b, std::span<double> out,
                            const std::string& tensor) {
    try {
      conv_transpose_autodiff<double>(p, in, w, b, out);
      ADD_FAILURE() << to_string(p) << ": wrong " << tensor << " length accepted";
    } catch (const ProblemError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(tensor + " length", 0), 0u)
          << to_string(p) << ": message '" << e.what() << "' should name " << tensor;
    }
  };
  std::vector<double> short_output(17);
  expect_rejects(std::span(input).first(7), weights, bias, output, "input");
  expect_rejects(input, std::span(weights).first(17), bias, output, "weights");
  expect_rejects(input, weights, {}, output, "bias");
  expect_rejects(input, weights, bias, short_output, "output");
  conv_transpose_autodiff<double>(p, input, weights, bias, output);  // the right lengths pass
}

TEST(AutodiffGradient, RejectsAnInvalidProblem) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,s0");
  const std::vector<double> empty;
  std::vector<double> output;
  EXPECT_THROW(conv_transpose_autodiff<double>(p, empty, empty, empty, output), ProblemError)
      << to_string(p);
}

}  // namespace
}  // namespace tconv
