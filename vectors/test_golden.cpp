// Every stored golden vector (vectors/*.json, see vectors/README.md) against the four
// reference formulations, one test per case and check, named by the case id:
//   Golden/PlainCase.EveryFormulationGivesTheFrameworksOutput/<id>
//   Golden/FrameworkRequest.ResolvesToTheStoredProblem/<id>      (plain cases with a resolver)
//   Golden/RejectedRequest.ValidateAgreesWithModelAccepts/<id>   (expect_error)
//   Golden/DocumentedProblem.DoesNotGiveTheFrameworksOutput/<id> (findings)
//   Golden/ObservedProblem.GivesTheFrameworksOutput/<id>         (findings naming one)
// The checks themselves are conformance/golden_self_checks.h, which tconv-conform runs
// too. A file that breaks the format stops the test binary with the loader's message.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "framework_requests.h"
#include "golden_cases.h"
#include "golden_self_checks.h"
#include "problem_string.h"

namespace tconv {

void PrintTo(const VectorCase* c, std::ostream* os) {
  *os << c->id << " (" << to_string(c->problem) << ")";
}

namespace {

const GoldenVectors& stored() {
  static const GoldenVectors vectors(TCONV_VECTORS_DIR);
  return vectors;
}

template <class Predicate>
std::vector<const VectorCase*> cases_where(Predicate keep) {
  std::vector<const VectorCase*> cases;
  for (const GoldenCase& c : stored().cases()) {
    if (keep(*c.vector)) cases.push_back(c.vector);
  }
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<const VectorCase*>& info) {
  std::string name = info.param->id;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

void expect_no_failures(const VectorCase& c, const std::vector<std::string>& failures) {
  for (const std::string& failure : failures) ADD_FAILURE() << c.id << ": " << failure;
}

class PlainCase : public ::testing::TestWithParam<const VectorCase*> {};
class FrameworkRequest : public ::testing::TestWithParam<const VectorCase*> {};
class RejectedRequest : public ::testing::TestWithParam<const VectorCase*> {};
class DocumentedProblem : public ::testing::TestWithParam<const VectorCase*> {};
class ObservedProblem : public ::testing::TestWithParam<const VectorCase*> {};

// Exactly for integer data; for real data within the rounding of the framework and of
// the formulation (vectors/README.md).
TEST_P(PlainCase, EveryFormulationGivesTheFrameworksOutput) {
  expect_no_failures(*GetParam(), formulations_give_the_vector(*GetParam()));
}

// Our resolver (reference/frameworks.h) maps the stored request to the stored problem.
TEST_P(FrameworkRequest, ResolvesToTheStoredProblem) {
  expect_no_failures(*GetParam(), request_resolves_to_the_problem(*GetParam()));
}

// validate() accepts the documented problem exactly when the case says the model does.
TEST_P(RejectedRequest, ValidateAgreesWithModelAccepts) {
  expect_no_failures(*GetParam(), validate_agrees_with_model_accepts(*GetParam()));
}

// The framework does not compute what its documentation says: no formulation run on
// `problem` gives `expected`.
TEST_P(DocumentedProblem, DoesNotGiveTheFrameworksOutput) {
  expect_no_failures(*GetParam(), documented_problem_misses_the_vector(*GetParam()));
}

// What the framework computes instead: every formulation run on observed_problem gives
// `expected`.
TEST_P(ObservedProblem, GivesTheFrameworksOutput) {
  expect_no_failures(*GetParam(), observed_problem_gives_the_vector(*GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Golden, PlainCase,
    ::testing::ValuesIn(cases_where([](const VectorCase& c) { return c.plain(); })), case_name);
INSTANTIATE_TEST_SUITE_P(Golden, FrameworkRequest,
                         ::testing::ValuesIn(cases_where([](const VectorCase& c) {
                           return c.plain() && has_resolver(c);
                         })),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Golden, RejectedRequest,
                         ::testing::ValuesIn(cases_where([](const VectorCase& c) {
                           return c.expect_error.has_value();
                         })),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Golden, DocumentedProblem,
                         ::testing::ValuesIn(cases_where([](const VectorCase& c) {
                           return c.finding.has_value();
                         })),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Golden, ObservedProblem,
                         ::testing::ValuesIn(cases_where([](const VectorCase& c) {
                           return c.finding && c.finding->observed_problem;
                         })),
                         case_name);

// The files of vectors/README.md's table are all found and loaded.
TEST(StoredVectors, EveryReadmeFileIsLoaded) {
  std::set<std::string> loaded;
  for (const VectorFile& f : stored().files())
    loaded.insert(std::filesystem::path(f.name).filename().string());
  for (const char* name : {"literature.json", "pytorch.json", "tfjs.json", "onnxruntime.json"}) {
    EXPECT_TRUE(loaded.count(name))
        << name << " is not among the vector files of " << TCONV_VECTORS_DIR;
  }
}

}  // namespace
}  // namespace tconv
