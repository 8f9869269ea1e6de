// The worked examples of the transposed-convolution literature, with their literal
// values, checked on all four reference formulations.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

#include "bilinear.h"
#include "conv_transpose_tester.h"

namespace tconv {
namespace {

using testing::ConvTransposeTester;
using Int = std::int64_t;

// X = [[0,1],[2,3]], K = [[0,1],[2,3]]: the scatter definition by hand.
TEST(WorkedExamples, TwoByTwoStride1) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k2x2")
      .input({0, 1, 2, 3})
      .weights({0, 1, 2, 3})
      .expect_output({0, 0, 1,
                      0, 4, 6,
                      4, 12, 9});
}

TEST(WorkedExamples, TwoByTwoPadding1) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k2x2,pb1x1,pe1x1")
      .input({0, 1, 2, 3})
      .weights({0, 1, 2, 3})
      .expect_output({4});
}

TEST(WorkedExamples, TwoByTwoStride2) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k2x2,s2x2")
      .input({0, 1, 2, 3})
      .weights({0, 1, 2, 3})
      .expect_output({0, 0, 0, 1,
                      0, 0, 2, 3,
                      0, 2, 0, 3,
                      4, 6, 6, 9});
}

// The matrix view: the forward convolution of X = 0..8 with K = [[1,2],[3,4]] is
// [[27,37],[57,67]]; the transposed convolution of that is C^T applied to it.
TEST(WorkedExamples, MatrixViewForwardConvolution) {
  const Problem p = parse_problem("ic1,oc1,i2x2,k2x2");
  std::vector<Int> x(9);
  std::iota(x.begin(), x.end(), 0);
  const std::vector<Int> w{1, 2, 3, 4};
  const std::vector<Int> expected{27, 37, 57, 67};
  EXPECT_EQ(conv_forward<Int>(p, x, w), expected);
}

TEST(WorkedExamples, MatrixViewTransposed) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k2x2")
      .input({27, 37, 57, 67})
      .weights({1, 2, 3, 4})
      .expect_output({27, 91, 74,
                      138, 400, 282,
                      171, 429, 268});
}

// PyTorch ConvTranspose2d, stride 1, no padding.
TEST(WorkedExamples, FeatureMapWith3x3Kernel) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k3x3")
      .input({1, 0, 2, 1})
      .weights({1, 0, 1, 0, 1, 1, 1, 0, 0})
      .expect_output({1, 0, 1, 0,
                      2, 2, 3, 1,
                      1, 2, 3, 1,
                      2, 1, 0, 0});
}

// TensorFlow conv2d_transpose, SAME, stride 2, output_shape 4x4: the forward
// convolution's SAME padding is 1 in total, the odd unit at the end (NHWC, HWOI).
TEST(WorkedExamples, TensorFlowSameStride2) {
  ConvTransposeTester<Int>("ic1,oc1,i2x2,k3x3,s2x2,pb0x0,pe1x1,nxc,xoi")
      .input({1, 2, 3, 4})
      .weights(std::vector<Int>(9, 1))
      .expect_output({1, 1, 3, 2,
                      1, 1, 3, 2,
                      4, 4, 10, 6,
                      3, 3, 7, 4});
}

// TensorFlow: conv2d of 1..25 (5x5) with [[1,0],[0,1]], stride 2, SAME gives 3x3;
// conv2d_transpose brings the shape back, not the values.
TEST(WorkedExamples, TensorFlowRoundTripShapeNotValues) {
  const Problem p = parse_problem("ic1,oc1,i3x3,k2x2,s2x2,pb0x0,pe1x1,nxc,xoi");
  std::vector<Int> image(25);
  std::iota(image.begin(), image.end(), 1);
  const std::vector<Int> filter{1, 0, 0, 1};
  const std::vector<Int> down = conv_forward<Int>(p, image, filter);
  EXPECT_EQ(down, (std::vector<Int>{8, 12, 5, 28, 32, 15, 21, 23, 25}));

  ConvTransposeTester<Int>(to_string(p))
      .input(down)
      .weights(filter)
      .expect_output({8, 0, 12, 0, 5,
                      0, 8, 0, 12, 0,
                      28, 0, 32, 0, 15,
                      0, 28, 0, 32, 0,
                      21, 0, 23, 0, 25});
}

TEST(WorkedExamples, BilinearKernelValues) {
  EXPECT_EQ(bilinear_kernel_1d(4), (std::vector<double>{0.25, 0.75, 0.75, 0.25}));
  const std::vector<double> w = bilinear_weights(parse_problem("g1,ic1,oc1,i1x1,k4x4,s2x2,pb1x1,pe1x1"));
  const std::vector<double> expected{0.0625, 0.1875, 0.1875, 0.0625,
                                     0.1875, 0.5625, 0.5625, 0.1875,
                                     0.1875, 0.5625, 0.5625, 0.1875,
                                     0.0625, 0.1875, 0.1875, 0.0625};
  EXPECT_EQ(w, expected);
}

// 2x bilinear up-sampling of a ramp: away from the borders every output sample is
// the linear interpolation (o - 1/2) / 2 of the input ramp x[i] = i (exact in binary).
TEST(WorkedExamples, BilinearUpsamplingKeepsARampLinear) {
  const std::string problem = "ic1,oc1,i8,k4,s2,pb1,pe1";
  std::vector<double> ramp(8);
  std::iota(ramp.begin(), ramp.end(), 0.0);
  ConvTransposeTester<double> tester(problem);
  tester.input(ramp).weights(bilinear_weights(parse_problem(problem)));
  for (Formulation f : kFormulations) {
    const std::vector<double> y = tester.run(f);
    ASSERT_EQ(y.size(), 16u);
    for (std::size_t o = 1; o + 1 < y.size(); ++o) {
      EXPECT_EQ(y[o], (static_cast<double>(o) - 0.5) / 2) << to_string(f) << " " << problem << " output[w=" << o << "]";
    }
  }
}

}  // namespace
}  // namespace tconv
