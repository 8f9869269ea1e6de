// The property checks of an adapter (property_checks.h) on adapters with one deliberate
// bug each: every check passes a correct adapter in every dtype, and each bug is caught
// by the checks it breaks and by no other (a scaled output is still linear, a dropped
// input is still linear, a non-linear output keeps its shape). Failures shrink, replay
// exactly, and carry an error map in logical order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "error_bound.h"
#include "linked_adapter.h"
#include "problem_string.h"
#include "property_bounds.h"
#include "property_checks.h"

namespace tconv {
namespace {

using testing::Bug;
using ::testing::HasSubstr;
using testing::linked_adapter;

// Together: every rank, both layouts, all weight layouts, every optional feature.
constexpr const char* kProblems[] = {
    "n2,ic3,oc2,i5,k2,s3,pb1,pe0,bias,nxc,xoi",
    "ic2,oc3,i3x4,k3x2,s2x1,d1x2,pb1x0,pe1x1,op1x0,oix",
    "n2,g2,ic4,oc6,i3x3,k2x2,s2x2,pb0x1,pe1x0,bias,nxc,iox",
    "g3,ic3,oc3,i4x3,k3x3,s1x2,d2x1,op1x1,xoi",
    "n2,g2,ic2,oc4,i2x2x3,k1x2x2,s1x2x1,d2x1x2,pb0x1x0,pe0x0x1,bias,nxc,xoi",
};
constexpr DType kDTypes[] = {DType::float32, DType::float64, DType::int64};

PropertySettings settings() {
  PropertySettings s;
  s.seed = 11;
  return s;
}

// The verdict of `check` on every problem, in the dtypes given, must be `want`.
void expect_verdict(Adapter& adapter, PropertyCheck check, Verdict want,
                    std::initializer_list<DType> dtypes = {DType::float32, DType::float64,
                                                           DType::int64}) {
  for (const char* text : kProblems) {
    const Problem p = parse_problem(text);
    for (DType dtype : dtypes) {
      const Outcome o = check_property(adapter, check, p, dtype, settings());
      EXPECT_EQ(o.verdict, want) << to_string(check) << ", " << to_string(p) << " in "
                                 << to_string(dtype) << ": " << to_string(o.verdict) << ": "
                                 << o.message;
      if (o.failed()) {
        EXPECT_THAT(o.message, ::testing::StartsWith(to_string(p)));
      }
    }
  }
}

TEST(PropertyChecks, ACorrectAdapterPassesEveryCheckInEveryDType) {
  const auto adapter = linked_adapter(Bug::none);
  for (PropertyCheck check : kPropertyChecks) expect_verdict(*adapter, check, Verdict::passed);
}

TEST(PropertyChecks, AScaledOutputFailsAgreementAndAdjointnessButIsLinear) {
  // Off by a relative 2^-12: beyond every element's bound in float32 and float64. The
  // adjoint, one inner product against a bound on all its terms, sees it in float64.
  const auto adapter = linked_adapter(Bug::scaled);
  const auto floats = {DType::float32, DType::float64};
  expect_verdict(*adapter, PropertyCheck::agreement, Verdict::wrong_values, floats);
  expect_verdict(*adapter, PropertyCheck::adjointness, Verdict::wrong_values, {DType::float64});
  expect_verdict(*adapter, PropertyCheck::linearity, Verdict::passed, floats);
  expect_verdict(*adapter, PropertyCheck::output_shape, Verdict::passed, floats);
}

TEST(PropertyChecks, ADroppedInputElementFailsAgreementButIsLinear) {
  const auto adapter = linked_adapter(Bug::drops_last_input);
  expect_verdict(*adapter, PropertyCheck::agreement, Verdict::wrong_values);
  expect_verdict(*adapter, PropertyCheck::linearity, Verdict::passed);
  const Outcome o = check_property(*adapter, PropertyCheck::adjointness,
                                   parse_problem(kProblems[1]), DType::int64, settings());
  EXPECT_EQ(o.verdict, Verdict::wrong_values) << o.message;
  EXPECT_THAT(o.message, HasSubstr(to_string(parse_problem(kProblems[1])) +
                                   ": not the adjoint of conv_forward: <C v, x> = "));
}

TEST(PropertyChecks, AnAffineOutputIsNotLinear) {
  const auto adapter = linked_adapter(Bug::plus_one);
  expect_verdict(*adapter, PropertyCheck::linearity, Verdict::wrong_values);
  expect_verdict(*adapter, PropertyCheck::agreement, Verdict::wrong_values);
  expect_verdict(*adapter, PropertyCheck::output_shape, Verdict::passed);
}

TEST(PropertyChecks, AFusedReluIsNotLinear) {
  const auto adapter = linked_adapter(Bug::relu);
  expect_verdict(*adapter, PropertyCheck::linearity, Verdict::wrong_values);
  const Outcome o = check_property(*adapter, PropertyCheck::linearity, parse_problem(kProblems[0]),
                                   DType::int64, settings());
  EXPECT_THAT(o.message, HasSubstr("(run without bias): impl("));
  EXPECT_THAT(o.message, HasSubstr("against alpha impl("));
}

TEST(PropertyChecks, AProblemOutsideTheDeclarationIsUnsupportedAndNotRun) {
  const auto adapter = linked_adapter(Bug::plus_one, TCONV_BIT(TCONV_FLOAT64), TCONV_RANK_1D);
  const Problem two_d = parse_problem(kProblems[1]);
  for (PropertyCheck check : kPropertyChecks) {
    const Outcome o = check_property(*adapter, check, two_d, DType::float64, settings());
    EXPECT_EQ(o.verdict, Verdict::unsupported) << o.message;
    EXPECT_THAT(o.message, HasSubstr("in float64: needs 2-D, which linked does not declare"));
    EXPECT_EQ(check_property(*adapter, check, parse_problem(kProblems[0]), DType::int64, settings())
                  .verdict,
              Verdict::unsupported);
  }
}

TEST(PropertyChecks, DTypesAreChosenAmongTheDeclaredOnes) {
  const auto adapter = linked_adapter(Bug::none, TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_INT64));
  std::set<DType> seen;
  for (int index = 0; index < 50; ++index)
    seen.insert(property_dtype(adapter->info(), settings(), index));
  EXPECT_EQ(seen, (std::set<DType>{DType::float32, DType::int64}));
  PropertySettings forced = settings();
  forced.dtype = DType::float64;
  EXPECT_EQ(property_dtype(adapter->info(), forced, 3), DType::float64);
}

TEST(PropertyCases, AFailureShrinksToASmallerProblemThatReplaysAlone) {
  const auto adapter = linked_adapter(Bug::drops_last_input);
  const ProblemSearch search(3);
  int shrunk = 0;
  for (int index = 40; index < 45; ++index) {
    const CaseRecord r =
        check_random_property(*adapter, search, index, PropertyCheck::agreement, settings());
    ASSERT_EQ(r.verdict, Verdict::wrong_values) << r.message;
    ASSERT_TRUE(r.original_problem.has_value());
    EXPECT_EQ(*r.original_problem, search.draw(index));
    EXPECT_LE(output_elements(r.problem), output_elements(*r.original_problem));
    shrunk += r.shrink_steps > 0 ? 1 : 0;
    PropertySettings replay = settings();
    replay.dtype = parse_dtype(r.dtype);
    const CaseRecord again =
        check_given_property(*adapter, r.problem, PropertyCheck::agreement, replay);
    EXPECT_EQ(again.verdict, r.verdict);
    EXPECT_EQ(again.message, r.message) << "the replay draws the same data";
  }
  EXPECT_GT(shrunk, 0) << "problems of size 40 and more shrink";
}

TEST(PropertyCases, AMismatchCarriesItsErrorMapInLogicalOrder) {
  // Channels last, 2 channels of 3 elements: physical offset 1 is channel 1, w = 0,
  // logical offset 3.
  const Problem p = parse_problem("ic1,oc2,i2,k2,nxc");
  const auto adapter = linked_adapter(Bug::bumps_offset_1);
  const Outcome o = check_property(*adapter, PropertyCheck::agreement, p, DType::int64, settings());
  ASSERT_EQ(o.verdict, Verdict::wrong_values) << o.message;
  EXPECT_THAT(o.message, HasSubstr("output[n=0, c=1, w=0]"));
  ASSERT_TRUE(o.error_map.has_value());
  EXPECT_EQ(o.error_map->shape, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(o.error_map->abs_error, (std::vector<double>{0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(o.error_map->allowed, std::vector<double>(6, 0.0));
}

// The adjointness check passes when |<C v, x> − <v, Cᵀx>| is within_bound of
// adjoint_tolerance: operands whose magnitudes overflow double make the tolerance
// infinite, and an infinite tolerance passes nothing.
TEST(PropertyBounds, AnOverflowingAdjointToleranceIsInfiniteAndPassesNothing) {
  const Problem q = parse_problem("ic1,oc1,i2,k2");
  const std::vector<double> x{1e200, 1}, w{1e200, 1}, v{1, 1, 1};
  const double tolerance = adjoint_tolerance<double>(q, x, w, v);
  EXPECT_TRUE(std::isinf(tolerance));
  EXPECT_FALSE(within_bound(0, tolerance));
  EXPECT_FALSE(within_bound(0, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_TRUE(within_bound(0.5, 0.5));
  EXPECT_FALSE(within_bound(std::numeric_limits<double>::quiet_NaN(), 1));
}

TEST(PropertyBounds, AnOverflowingCombinationToleranceIsInfinite) {
  const Problem q = parse_problem("ic1,oc1,i2,k2");
  const std::vector<double> tolerance =
      combination_tolerance<float>(q, std::vector<double>{1e200, 1}, std::vector<double>{1e200, 1});
  EXPECT_TRUE(std::isinf(tolerance[0])) << "compare_output fails on it (test_output_comparison)";
}

TEST(PropertyChecks, MemoryRunningOutDuringACheckIsThatChecksErrorNotTheEndOfTheRun) {
  const auto adapter = testing::out_of_memory_adapter();
  for (PropertyCheck check : kPropertyChecks) {
    const Problem p = parse_problem(kProblems[0]);
    const Outcome o = check_property(*adapter, check, p, DType::float64, settings());
    EXPECT_EQ(o.verdict, Verdict::error) << to_string(check);
    EXPECT_EQ(o.message, to_string(p) + ": the suite ran out of memory checking it");
  }
}

}  // namespace
}  // namespace tconv
