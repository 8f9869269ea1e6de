// reference/gradient_coordinate.h: the names failure messages give gradient elements.
#include <gtest/gtest.h>

#include "gradient_coordinate.h"
#include "problem_string.h"

namespace tconv {
namespace {

// Channels last, so that logical order and storage order differ: element 5 of the
// input-shaped [n=1][h=2][w=2][c=2] tensor is h=1, w=0, c=1.
TEST(GradientCoordinate, NamesAGradInputElementInItsActivationLayout) {
  const Problem p = parse_problem("ic2,oc2,i2x2,k1x1,nxc");
  EXPECT_EQ(gradient_coordinate(p, GradientTensor::input, 5), "[n=0, c=1, i=(1, 0)]");
}

// xoi [k=3][Cout/g=2][Cin=4]: element 13 is k=1, co=1, input channel 1, i.e. group 0, ci 1.
TEST(GradientCoordinate, NamesAGradWeightsElementInItsWeightLayout) {
  const Problem p = parse_problem("g2,ic4,oc4,i3,k3,xoi");
  EXPECT_EQ(gradient_coordinate(p, GradientTensor::weights, 13),
            "[group=0, ci=1, co=1, k=(1)]");
}

TEST(GradientCoordinate, NamesAGradBiasElementByItsChannel) {
  EXPECT_EQ(gradient_coordinate(parse_problem("ic1,oc3,i2,k2,bias"), GradientTensor::bias, 2),
            "[c=2]");
}

TEST(GradientCoordinate, RejectsAnOffsetOutsideTheTensor) {
  const Problem p = parse_problem("ic1,oc3,i2,k2,bias");
  EXPECT_THROW(gradient_coordinate(p, GradientTensor::weights, 6), ProblemError);
  EXPECT_THROW(gradient_coordinate(p, GradientTensor::bias, 3), ProblemError);
  EXPECT_THROW(gradient_coordinate(p, GradientTensor::input, -1), ProblemError);
}

}  // namespace
}  // namespace tconv
