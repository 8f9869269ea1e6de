// Every stored golden vector (vectors/*.json, see vectors/README.md) against the four
// reference formulations, one test per case and check, named by the case id:
//   Golden/PlainCase.EveryFormulationGivesTheFrameworksOutput/<id>
//   Golden/FrameworkRequest.ResolvesToTheStoredProblem/<id>      (plain cases with a resolver)
//   Golden/RejectedRequest.ValidateAgreesWithModelAccepts/<id>   (expect_error)
//   Golden/DocumentedProblem.DoesNotGiveTheFrameworksOutput/<id> (findings)
//   Golden/ObservedProblem.GivesTheFrameworksOutput/<id>         (findings naming one)
// A file that breaks the format stops the test binary with the loader's message.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "compare.h"
#include "error_bound.h"
#include "framework_requests.h"
#include "loader.h"
#include "problem_string.h"
#include "references.h"
#include "within_model.h"

namespace tconv {

void PrintTo(const VectorCase* c, std::ostream* os) {
  *os << c->id << " (" << to_string(c->problem) << ")";
}

namespace {

// The vector files: every *.json of vectors/ but the schema.
std::vector<std::filesystem::path> vector_file_paths() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(TCONV_VECTORS_DIR)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json") {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

const std::vector<VectorFile>& stored_files() {
  static const std::vector<VectorFile> files = load_vector_files(vector_file_paths());
  return files;
}

template <class Predicate>
std::vector<const VectorCase*> cases_where(Predicate keep) {
  std::vector<const VectorCase*> cases;
  for (const VectorFile& file : stored_files()) {
    for (const VectorCase& c : file.cases) {
      if (keep(c)) cases.push_back(&c);
    }
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

// The loader checked that every operand value is exact in the case's dtype.
template <class T, class Range>
std::vector<T> as(const Range& values) {
  return std::vector<T>(std::begin(values), std::end(values));
}

struct Operands {
  std::vector<double> input, weights, bias;
};

Operands operands_of(const VectorCase& c) {
  return {c.input.data, c.weights.data, c.bias ? c.bias->data : std::vector<double>{}};
}

// The first difference between formulation f's output, computed in T, and `expected`.
template <class T>
std::optional<Mismatch> difference(const VectorCase& c, Formulation f, const Problem& p,
                                   const Operands& x) {
  const std::vector<T> actual =
      conv_transpose<T>(f, p, as<T>(x.input), as<T>(x.weights), as<T>(x.bias));
  const std::vector<double>& expected = c.expected->data;
  if (c.comparison.kind == ComparisonKind::bounded) {
    // The framework rounded in T as well (the loader ties unit_roundoff to the dtype):
    // the allowed difference is the sum of both bounds (vectors/README.md).
    std::vector<double> tolerance = conv_transpose_tolerance<T>(p, x.input, x.weights, x.bias);
    for (double& t : tolerance) t *= 2;
    return first_out_of_bound<T>(p, expected, actual, tolerance);
  }
  // A null of the file (a NaN) equals no result, and no integer holds it.
  if (std::any_of(expected.begin(), expected.end(), [](double v) { return std::isnan(v); })) {
    return first_exact_mismatch<double>(p, expected, as<double>(actual));
  }
  return first_exact_mismatch<T>(p, as<T>(expected), actual);
}

// Calls check(formulation, type, difference) for every formulation in every type the
// case runs in: std::int64_t and double for exact integer data, the dtype for real data.
template <class Check>
void for_each_run(const VectorCase& c, const Problem& p, const Operands& x, Check check) {
  const auto run = [&]<class T>(std::type_identity<T>, const char* type) {
    for (Formulation f : kFormulations) check(f, type, difference<T>(c, f, p, x));
  };
  switch (c.dtype) {
    case DType::int64:
      run(std::type_identity<std::int64_t>{}, "int64_t");
      run(std::type_identity<double>{}, "double");
      break;
    case DType::float64:
      run(std::type_identity<double>{}, "double");
      break;
    case DType::float32:
      run(std::type_identity<float>{}, "float");
      break;
  }
}

// A finding's problem may lie outside the model (a negative pad): it is computed as its
// zero-tap rewrite (within_model.h), a valid problem with the same output.
struct Computable {
  Problem problem;
  Operands operands;
  std::string how;  // for messages
};

Computable computable(const VectorCase& c, const Problem& p) {
  const ZeroTapRewrite rewrite = rewrite_within_model(p);
  Operands x = operands_of(c);
  x.weights = rewritten_weights(p, rewrite, x.weights);
  const std::string how =
      rewrite.problem == p ? ""
                           : " (computed as " + to_string(rewrite.problem) + ", zero taps added)";
  return {rewrite.problem, std::move(x), how};
}

class PlainCase : public ::testing::TestWithParam<const VectorCase*> {};
class FrameworkRequest : public ::testing::TestWithParam<const VectorCase*> {};
class RejectedRequest : public ::testing::TestWithParam<const VectorCase*> {};
class DocumentedProblem : public ::testing::TestWithParam<const VectorCase*> {};
class ObservedProblem : public ::testing::TestWithParam<const VectorCase*> {};

// Exactly for integer data; for real data within the rounding of the framework and of
// the formulation (vectors/README.md).
TEST_P(PlainCase, EveryFormulationGivesTheFrameworksOutput) {
  const VectorCase& c = *GetParam();
  for_each_run(c, c.problem, operands_of(c),
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (m)
                   ADD_FAILURE() << c.id << ": " << to_string(f) << " in " << type << ": "
                                 << m->detail;
               });
}

// Our resolver (reference/frameworks.h) maps the stored request to the stored problem.
TEST_P(FrameworkRequest, ResolvesToTheStoredProblem) {
  const VectorCase& c = *GetParam();
  const std::string request = c.framework.api + " " + c.framework.arguments.dump();
  try {
    EXPECT_EQ(to_string(resolve_request(c)), to_string(c.problem))
        << c.id << ": " << request << " resolves to another problem than the stored one";
  } catch (const std::invalid_argument& e) {
    ADD_FAILURE() << c.id << ": " << request << " does not resolve to the stored problem "
                  << to_string(c.problem) << ": " << e.what();
  }
}

// validate() accepts the documented problem exactly when the case says the model does.
TEST_P(RejectedRequest, ValidateAgreesWithModelAccepts) {
  const VectorCase& c = *GetParam();
  std::optional<std::string> rejection;
  try {
    validate(c.problem);
  } catch (const ProblemError& e) {
    rejection = e.what();
  }
  if (c.expect_error->model_accepts) {
    EXPECT_FALSE(rejection) << c.id << ": model_accepts, but validate rejects "
                            << to_string(c.problem) << ": " << *rejection;
  } else {
    EXPECT_TRUE(rejection) << c.id << ": the model should reject " << to_string(c.problem) << " ("
                           << c.expect_error->note << "), but validate accepts it";
  }
}

// The framework does not compute what its documentation says: no formulation run on
// `problem` gives `expected`.
TEST_P(DocumentedProblem, DoesNotGiveTheFrameworksOutput) {
  const VectorCase& c = *GetParam();
  if (physical_output_shape(c.problem) != c.expected->shape) {
    SUCCEED() << "the documented output shape differs from the framework's";
    return;
  }
  const Computable documented = computable(c, c.problem);
  for_each_run(c, documented.problem, documented.operands,
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (!m) {
                   ADD_FAILURE() << c.id << ": the documented problem " << to_string(c.problem)
                                 << documented.how << " gives the framework's output with "
                                 << to_string(f) << " in " << type << ": the finding does not hold";
                 }
               });
}

// What the framework computes instead: every formulation run on observed_problem gives
// `expected`.
TEST_P(ObservedProblem, GivesTheFrameworksOutput) {
  const VectorCase& c = *GetParam();
  const Problem& observed = *c.finding->observed_problem;
  const Computable computed = computable(c, observed);
  for_each_run(c, computed.problem, computed.operands,
               [&](Formulation f, const char* type, const std::optional<Mismatch>& m) {
                 if (m) {
                   ADD_FAILURE() << c.id << ": observed_problem " << to_string(observed)
                                 << computed.how << ", " << to_string(f) << " in " << type << ": "
                                 << m->detail;
                 }
               });
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
  for (const VectorFile& f : stored_files())
    loaded.insert(std::filesystem::path(f.name).filename().string());
  for (const char* name : {"literature.json", "pytorch.json", "tfjs.json", "onnxruntime.json"}) {
    EXPECT_TRUE(loaded.count(name))
        << name << " is not among the vector files of " << TCONV_VECTORS_DIR;
  }
}

}  // namespace
}  // namespace tconv
