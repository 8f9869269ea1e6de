// Shared by the bundled adapters' tests: named cases, each a problem that a library
// is expected to compute, checked in float32 against the direct scatter within the
// rounding bound, through the isolated executor (as the runner does).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "adapter_test_support.h"
#include "problem_string.h"

namespace tconv::testing {

struct NamedCase {
  const char* name;     // the test's name: what the case checks
  const char* problem;  // the canonical problem string (parse_problem's defaults apply)
};

inline void PrintTo(const NamedCase& c, std::ostream* os) { *os << c.name << " " << c.problem; }

inline std::string case_name(const ::testing::TestParamInfo<NamedCase>& info) {
  return info.param.name;
}

// The seed of every case's operands (random_operands), printed with every failure.
constexpr std::uint64_t kBundledDataSeed = 20240607;

// The bundled adapter tconv_<name>.so, loaded as the suite loads it.
inline std::unique_ptr<InProcessAdapter> load_bundled(const std::string& name) {
  return InProcessAdapter::load(adapter_library("tconv_" + name));
}

// The verdict of `problem` on `adapter` with operands from kBundledDataSeed.
inline CallResult run_case(Adapter& adapter, const char* problem) {
  return check_random_case<float>(adapter, parse_problem(problem), kBundledDataSeed);
}

inline std::string describe(const Adapter& adapter, const CallResult& r) {
  return adapter.info().name + " " + adapter.info().version + ", float32, data seed " +
         std::to_string(kBundledDataSeed) + ": " + to_string(r.verdict) + ": " + r.message;
}

}  // namespace tconv::testing
