// Formulation 4 (reference/autodiff_gradient.cpp) and the AD scalar it is built on
// (reference/autodiff.h). Its agreement with the direct scatter on the named problems is
// checked in test_formulations_agree.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "autodiff.h"
#include "autodiff_gradient.h"
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

// ---- The boundary ---------------------------------------------------------------------

// The formulation's boundary is tested with the others' in test_formulations_agree.cpp.

}  // namespace
}  // namespace tconv
