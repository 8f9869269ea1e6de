// conv_forward (reference/forward_convolution.cpp): the forward convolution C whose
// transpose each problem describes.
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <numeric>
#include <ostream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "direct_scatter.h"
#include "problem_string.h"
#include "references.h"
#include "scalar.h"

namespace tconv {
namespace {

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
class ForwardConvolutionWorkedExample : public testing::Test {};
using Scalars = testing::Types<double, float, std::int64_t>;
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

// ---- Adjointness with the direct scatter: <C y, x> == <y, Cᵀ x> -----------------------

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

std::vector<std::int64_t> small_integers(std::int64_t count, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::int64_t> dist(-3, 3);
  std::vector<std::int64_t> data(static_cast<std::size_t>(count));
  for (std::int64_t& d : data) d = dist(rng);
  return data;
}

std::int64_t inner(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), std::int64_t{0});
}

class ForwardConvolutionIsTheAdjoint : public testing::TestWithParam<NamedProblem> {};

TEST_P(ForwardConvolutionIsTheAdjoint, OfTheDirectScatterExactlyOnSmallIntegers) {
  const Problem p = parse_problem(GetParam().text);
  std::cout << "seed " << kSeed << " for " << to_string(p) << "\n";
  std::mt19937_64 rng(kSeed);
  const auto x = small_integers(input_elements(p), rng);
  const auto y = small_integers(output_elements(p), rng);
  const auto w = small_integers(weight_elements(p), rng);
  const std::vector<std::int64_t> no_bias(static_cast<std::size_t>(bias_elements(p)), 0);

  const std::vector<std::int64_t> cy = forward<std::int64_t>(p, y, w);
  for (std::size_t i = 0; i < cy.size(); ++i) {
    ASSERT_FALSE(is_poison(cy[i])) << to_string(p) << ": C y element " << i << " never written";
  }
  std::vector<std::int64_t> ctx(static_cast<std::size_t>(output_elements(p)),
                                poison<std::int64_t>());
  conv_transpose_direct_scatter<std::int64_t>(p, x, w, no_bias, ctx);

  EXPECT_EQ(inner(cy, x), inner(y, ctx))
      << to_string(p) << " seed " << kSeed << ": <conv_forward(y), x> = " << inner(cy, x)
      << ", <y, direct_scatter(x)> = " << inner(y, ctx);
}

INSTANTIATE_TEST_SUITE_P(Table, ForwardConvolutionIsTheAdjoint, testing::ValuesIn(kProblems),
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
