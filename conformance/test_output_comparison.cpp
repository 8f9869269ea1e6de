// An output compared with what it should be (output_comparison.h, and the comparisons of
// check/ under it): the message names the coordinate and both values, and says "never
// written" only for the poison, the unwritten marker, while any other NaN is a computed
// one; the error map lists |error| and the bound per element in logical order; nothing
// passes a bound that is not finite; a check that throws is that case's error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <new>
#include <stdexcept>
#include <vector>

#include "compare.h"
#include "error_bound.h"
#include "output_comparison.h"
#include "problem_string.h"
#include "scalar.h"

namespace tconv {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Problem kProblem = parse_problem("ic1,oc1,i2,k2");  // output of 3 elements

TEST(Comparisons, CallOnlyThePoisonNeverWritten) {
  const std::vector<double> expected{1, 2, 3};
  const auto mismatch = [&](double third) {
    const std::vector<double> actual{1, 2, third};
    const std::vector<double> bound(3, 0.5);
    return std::pair{first_exact_mismatch<double>(kProblem, expected, actual)->detail,
                     first_out_of_bound<double>(kProblem, expected, actual, bound)->detail};
  };
  for (const std::string& detail :
       {mismatch(poison<double>()).first, mismatch(poison<double>()).second}) {
    EXPECT_THAT(detail, HasSubstr("output[n=0, c=0, w=2]: expected 3, got nan (never written)"));
  }
  volatile double zero = 0;
  for (double computed : {zero / zero, std::numeric_limits<double>::quiet_NaN()}) {
    for (const std::string& detail : {mismatch(computed).first, mismatch(computed).second}) {
      EXPECT_THAT(detail, HasSubstr("(a computed NaN)"));
      EXPECT_THAT(detail, Not(HasSubstr("never written")));
    }
  }
  EXPECT_THAT(mismatch(4).second, HasSubstr("got 4: error 1 exceeds the bound 0.5"));
}

TEST(Comparisons, TheInt64PoisonIsNeverWritten) {
  const std::vector<std::int64_t> expected{1, 2, 3}, actual{1, poison<std::int64_t>(), 3};
  EXPECT_THAT(
      first_exact_mismatch<std::int64_t>(kProblem, expected, actual)->detail,
      HasSubstr("output[n=0, c=0, w=1]: expected 2, got -9223372036854775808 (never written)"));
}

TEST(CompareOutput, AMismatchInFloatGivesItsBoundAndAnErrorMap) {
  const ExpectedOutput expected{{1, 2, 3}, {0.25, 0.25, 0.25}};
  const std::vector<float> actual{1.125f, 2, 4};
  const Outcome o = compare_output<float>(kProblem, expected, actual, "what was compared");
  EXPECT_EQ(o.verdict, Verdict::wrong_values);
  EXPECT_THAT(o.message,
              HasSubstr(to_string(kProblem) + ": what was compared: output[n=0, c=0, w=2]: "
                                              "expected 3, got 4: error 1 exceeds the bound 0.25"));
  ASSERT_TRUE(o.error_map.has_value());
  EXPECT_EQ(o.error_map->abs_error, (std::vector<double>{0.125, 0, 1}));
  EXPECT_EQ(o.error_map->allowed, (std::vector<double>{0.25, 0.25, 0.25}));
}

TEST(CompareOutput, WithinTheBoundPasses) {
  const ExpectedOutput expected{{1, 2, 3}, {0.25, 0.25, 0.25}};
  const std::vector<double> actual{1.25, 1.75, 3};
  EXPECT_EQ(compare_output<double>(kProblem, expected, actual).verdict, Verdict::passed);
}

TEST(CompareOutput, AComputedNaNIsNonFiniteAndBlankInTheErrorMap) {
  const ExpectedOutput expected{{1, 2, 3}, {0.25, 0.25, 0.25}};
  const std::vector<double> actual{1, std::nan(""), 3};
  const Outcome o = compare_output<double>(kProblem, expected, actual);
  EXPECT_EQ(o.verdict, Verdict::non_finite);
  ASSERT_TRUE(o.error_map.has_value());
  EXPECT_TRUE(std::isnan(o.error_map->abs_error[1]));
}

// An infinite bound (operands whose magnitudes overflow) would let any value pass: no
// value is within it, nor within a NaN bound.
TEST(CompareOutput, NothingIsWithinANonFiniteBound) {
  const double inf = std::numeric_limits<double>::infinity();
  const ExpectedOutput expected{{1, 2, 3}, {inf, inf, std::nan("")}};
  const Outcome o = compare_output<double>(kProblem, expected, std::vector<double>{1, 2, 3});
  EXPECT_EQ(o.verdict, Verdict::wrong_values);
  EXPECT_THAT(o.message, HasSubstr("output[n=0, c=0, w=0]: expected 1, got 1: the bound is inf "
                                   "(the operands' magnitudes overflow double), so no value is "
                                   "within it"));
  const std::vector<float> garbage{-7, 1e30f, 0};
  EXPECT_EQ(compare_output<float>(kProblem, expected, garbage).verdict, Verdict::wrong_values);
}

TEST(OutcomeOrError, AnExceptionCheckingACaseIsThatCasesError) {
  const Outcome passed = outcome_or_error(kProblem, [] { return Outcome{}; });
  EXPECT_EQ(passed.verdict, Verdict::passed);
  const Outcome memory = outcome_or_error(kProblem, []() -> Outcome { throw std::bad_alloc(); });
  EXPECT_EQ(memory.verdict, Verdict::error);
  EXPECT_EQ(memory.message, to_string(kProblem) + ": the suite ran out of memory checking it");
  const Outcome other =
      outcome_or_error(kProblem, []() -> Outcome { throw std::runtime_error("fork: EAGAIN"); });
  EXPECT_EQ(other.verdict, Verdict::error);
  EXPECT_EQ(other.message, to_string(kProblem) + ": the suite could not check it: fork: EAGAIN");
}

}  // namespace
}  // namespace tconv
