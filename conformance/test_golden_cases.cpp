// The golden cases on an adapter (golden_cases.h): a correct adapter passes every case it
// is given, in the dtype it declares (int64 data run in float64 or float32, float32 data
// in float64 when the vector's own dtype is not declared); a wrong one fails every case;
// findings and rejected requests are compared with the reference, not with the
// framework's output; cases outside the model are not given to adapters; a vector the
// references disagree with is refused, never run; a case the suite cannot check fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "golden_cases.h"
#include "linked_adapter.h"
#include "problem_string.h"

namespace tconv {
namespace {

using testing::Bug;
using ::testing::HasSubstr;
using testing::linked_adapter;

const GoldenVectors& stored() {
  static const GoldenVectors vectors(TCONV_VECTORS_DIR);
  return vectors;
}

// Runs every case given to adapters; `expect` checks each record.
int for_each_adapter_case(Adapter& adapter,
                          const std::function<void(const GoldenCase&, const CaseRecord&)>& expect) {
  int run = 0;
  for (const GoldenCase& c : stored().cases()) {
    if (!runs_on_adapters(*c.vector)) continue;
    expect(c, check_golden_case(adapter, c, {}));
    ++run;
  }
  return run;
}

void expect_every_case_passes(std::uint32_t dtypes,
                              const std::function<std::string(const VectorCase&)>& run_dtype) {
  const auto adapter = linked_adapter(Bug::none, dtypes);
  int findings = 0;
  for_each_adapter_case(*adapter, [&](const GoldenCase& c, const CaseRecord& r) {
    EXPECT_EQ(r.verdict, Verdict::passed) << c.vector->id << ": " << r.message;
    EXPECT_EQ(r.dtype, run_dtype(*c.vector)) << c.vector->id;
    EXPECT_EQ(r.source, c.source);
    findings += c.vector->finding ? 1 : 0;
  });
  EXPECT_GT(findings, 0) << "findings within the model are given to adapters";
}

TEST(GoldenCases, ACorrectAdapterPassesEveryCaseInItsOwnDType) {
  expect_every_case_passes(
      TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64),
      [](const VectorCase& c) { return to_string(c.dtype); });
}

TEST(GoldenCases, AFloat32OnlyAdapterRunsIntegerDataInFloat32) {
  const auto adapter = linked_adapter(Bug::none, TCONV_BIT(TCONV_FLOAT32));
  int run = 0;
  for_each_adapter_case(*adapter, [&](const GoldenCase& c, const CaseRecord& r) {
    if (c.vector->dtype == DType::float64) {
      EXPECT_EQ(r.verdict, Verdict::unsupported) << c.vector->id;
      EXPECT_THAT(
          r.message,
          HasSubstr("needs float64 (no dtype linked declares holds the vector's values exactly)"));
      return;
    }
    EXPECT_EQ(r.verdict, Verdict::passed) << c.vector->id << ": " << r.message;
    EXPECT_EQ(r.dtype, "float32");
    ++run;
  });
  EXPECT_GT(run, 400);
}

TEST(GoldenCases, AFloat64OnlyAdapterRunsEveryCaseInFloat64) {
  expect_every_case_passes(TCONV_BIT(TCONV_FLOAT64), [](const VectorCase&) { return "float64"; });
}

TEST(GoldenCases, AnInt64OnlyAdapterRunsOnlyTheIntegerCases) {
  const auto adapter = linked_adapter(Bug::none, TCONV_BIT(TCONV_INT64));
  for_each_adapter_case(*adapter, [&](const GoldenCase& c, const CaseRecord& r) {
    EXPECT_EQ(r.verdict, c.vector->dtype == DType::int64 ? Verdict::passed : Verdict::unsupported)
        << c.vector->id << ": " << r.message;
  });
}

TEST(GoldenCases, AWrongAdapterFailsEveryCaseWithAnErrorMap) {
  const auto adapter = linked_adapter(Bug::plus_one);
  const int run = for_each_adapter_case(*adapter, [&](const GoldenCase& c, const CaseRecord& r) {
    EXPECT_EQ(r.verdict, Verdict::wrong_values) << c.vector->id;
    EXPECT_THAT(r.message, ::testing::StartsWith(to_string(c.vector->problem)));
    ASSERT_TRUE(r.error_map.has_value()) << c.vector->id;
    EXPECT_EQ(r.error_map->shape, output_shape(c.vector->problem));
  });
  EXPECT_GT(run, 400);
}

TEST(GoldenCases, AFloat32VectorAllowsItsOwnRoundingAndTheAdapters) {
  // A float32 case run in float64: the bound is γ_n(2^-24) + γ_n(2^-53), so an adapter
  // off by a relative 2^-12 fails it, while a correct one passes (above).
  const auto adapter = linked_adapter(Bug::scaled, TCONV_BIT(TCONV_FLOAT64));
  int failed = 0;
  for (const GoldenCase& c : stored().cases()) {
    if (!c.vector->plain() || c.vector->dtype != DType::float32) continue;
    const CaseRecord r = check_golden_case(*adapter, c, {});
    EXPECT_EQ(r.dtype, "float64");
    failed += r.verdict == Verdict::wrong_values ? 1 : 0;
    if (r.verdict == Verdict::wrong_values) {
      EXPECT_THAT(r.message, HasSubstr("exceeds the bound"));
    }
  }
  EXPECT_GT(failed, 10);
}

TEST(GoldenCases, OnlyCasesWithinTheModelAreGivenToAdapters) {
  int outside = 0, rejected_but_valid = 0;
  for (const GoldenCase& c : stored().cases()) {
    const VectorCase& v = *c.vector;
    if (v.plain()) {
      EXPECT_TRUE(runs_on_adapters(v)) << v.id;
    }
    if (v.expect_error) {
      EXPECT_EQ(runs_on_adapters(v), v.expect_error->model_accepts) << v.id;
      rejected_but_valid += v.expect_error->model_accepts ? 1 : 0;
      if (v.expect_error->model_accepts) {
        EXPECT_EQ(golden_check(v), "matches the reference (the framework rejects the request)");
      }
    }
    outside += runs_on_adapters(v) ? 0 : 1;
  }
  EXPECT_GT(outside, 0);
  EXPECT_GT(rejected_but_valid, 0);
}

// A copy of vectors/literature.json, every expected output zeroed: an adapter writing
// zeros would match it.
class ZeroedVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tconv_zeroed_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    nlohmann::json file = nlohmann::json::parse(
        std::ifstream(std::filesystem::path(TCONV_VECTORS_DIR) / "literature.json"));
    for (auto& c : file["cases"]) {
      for (auto& v : c["expected"]["data"]) v = 0;
    }
    std::ofstream(dir_ / "literature.json") << file.dump();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ZeroedVectors, AreRefusedAndNeverRunOnTheAdapter) {
  const GoldenVectors zeroed(dir_);
  ASSERT_EQ(zeroed.cases().size(), 6u);
  const auto adapter = linked_adapter(Bug::none);
  for (const GoldenCase& c : zeroed.cases()) {
    const CaseRecord r = check_golden_case(*adapter, c, {});
    EXPECT_EQ(r.check, kReferencesAgreeWithTheVector) << c.vector->id;
    EXPECT_EQ(r.verdict, Verdict::wrong_values) << c.vector->id;
    EXPECT_THAT(r.message,
                ::testing::StartsWith(to_string(c.vector->problem) +
                                      ": vector refused, not run on linked: its self-check "
                                      "'every formulation gives the vector' fails: "))
        << c.vector->id;
  }
}

TEST(GoldenCases, MemoryRunningOutDuringACaseIsThatCasesErrorNotTheEndOfTheRun) {
  const auto adapter = testing::out_of_memory_adapter();
  const GoldenCase& c = stored().cases().front();
  const CaseRecord r = check_golden_case(*adapter, c, {});
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.message, to_string(c.vector->problem) + ": the suite ran out of memory checking it");
}

}  // namespace
}  // namespace tconv
