// Every formulation, run through the dispatcher conv_transpose, against the definition
// conv_transpose_direct_scatter on every named problem of problem_table.h: exactly on
// small integers (int64), and on float and double within the rounding-error bound of
// check/error_bound.h between the formulation in T and the direct scatter in double.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "expectations.h"
#include "feature_tags.h"
#include "problem_string.h"
#include "problem_table.h"
#include "references.h"
#include "scatter_agreement.h"

namespace tconv {
namespace {

using testing::kDataSeed;
using testing::kNamedProblems;
using testing::NamedProblem;
using testing::Operands;
using testing::random_operands;
using testing::kScalars;
using testing::Scalar;

struct Case {
  Formulation formulation;
  NamedProblem problem;
  Scalar scalar;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << tconv::to_string(c.formulation) << " on " << c.problem.text << " in "
      << to_string(c.scalar);
}

// Every formulation but the direct scatter itself, on every named problem, in every scalar.
std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (Formulation f : kFormulations) {
    if (f == Formulation::direct_scatter) continue;
    for (const NamedProblem& p : kNamedProblems)
      for (Scalar s : kScalars) cases.push_back({f, p, s});
  }
  return cases;
}

// "sparse_matrix" -> "SparseMatrix".
std::string camel_case(std::string_view snake) {
  std::string camel;
  bool upper = true;
  for (char ch : snake) {
    if (ch == '_') {
      upper = true;
    } else {
      camel += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      upper = false;
    }
  }
  return camel;
}

std::optional<Mismatch> disagreement(const Case& c, const Problem& p) {
  return testing::disagreement(c.scalar, p, [&](const Problem& q, const auto& o) {
    using T = typename std::decay_t<decltype(o.input)>::value_type;
    return conv_transpose<T>(c.formulation, q, o.input, o.weights, o.bias);
  });
}

class FormulationMatchesDirectScatter : public ::testing::TestWithParam<Case> {};

TEST_P(FormulationMatchesDirectScatter, OnEveryOutputElement) {
  const Case& c = GetParam();
  const Problem p = parse_problem(c.problem.text);
  if (auto m = disagreement(c, p)) {
    ADD_FAILURE() << tconv::to_string(c.formulation) << " in " << to_string(c.scalar)
                  << " (got) against conv_transpose_direct_scatter in "
                  << testing::reference_scalar(c.scalar)
                  << " (expected), data seed " << kDataSeed << ": " << m->detail;
  }
}

INSTANTIATE_TEST_SUITE_P(NamedProblems, FormulationMatchesDirectScatter,
                         ::testing::ValuesIn(all_cases()), [](const auto& info) {
                           const Case& c = info.param;
                           return camel_case(tconv::to_string(c.formulation)) + "_" +
                                  c.problem.name + "_" + to_string(c.scalar);
                         });

// ---- The boundary, the same for every formulation ---------------------------------------

class EveryFormulation : public ::testing::TestWithParam<Formulation> {};

TEST_P(EveryFormulation, RejectsWrongOperandLengthsNamingTheTensor) {
  const Problem p = parse_problem("n2,ic2,oc3,i4,k3,bias");  // input 16, weights 18, bias 3, output 36
  const std::vector<double> input(16), weights(18), bias(3);
  std::vector<double> output(36);
  const std::span<const double> in(input), w(weights), b(bias);
  const auto run = [&](std::span<const double> x, std::span<const double> k,
                       std::span<const double> c, std::span<double> y) {
    conv_transpose<double>(GetParam(), p, x, k, c, y);
  };
  testing::expect_rejected(p, "input", [&] { run(in.first(15), w, b, output); });
  testing::expect_rejected(p, "weights", [&] { run(in, w.first(17), b, output); });
  testing::expect_rejected(p, "bias", [&] { run(in, w, {}, output); });
  testing::expect_rejected(p, "output", [&] { run(in, w, b, std::span(output).first(35)); });
  run(in, w, b, output);  // the right lengths pass
}

TEST_P(EveryFormulation, RejectsAnInvalidProblem) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,s2,op2");  // output_padding 2 >= stride 2
  const std::vector<double> empty;
  std::vector<double> output;
  EXPECT_THROW(conv_transpose<double>(GetParam(), p, empty, empty, empty, output), ProblemError)
      << tconv::to_string(GetParam()) << " " << tconv::to_string(p);
}

INSTANTIATE_TEST_SUITE_P(Boundary, EveryFormulation, ::testing::ValuesIn(kFormulations),
                         [](const auto& info) { return camel_case(tconv::to_string(info.param)); });

// ---- The table itself -------------------------------------------------------------------

TEST(NamedProblemTable, EveryProblemIsValid) {
  for (const NamedProblem& named : kNamedProblems) {
    EXPECT_NO_THROW(validate(parse_problem(named.text))) << named.name << ": " << named.text;
  }
}

TEST(NamedProblemTable, NoProblemIsListedTwice) {
  std::set<std::string> problems;
  for (const NamedProblem& named : kNamedProblems) {
    EXPECT_TRUE(problems.insert(to_string(parse_problem(named.text))).second)
        << named.name << ": " << named.text << " is listed twice";
  }
}

TEST(NamedProblemTable, CoversEveryFeatureTag) {
  std::set<std::string> covered;
  for (const NamedProblem& named : kNamedProblems) {
    for (const std::string& tag : features(parse_problem(named.text))) covered.insert(tag);
  }
  for (const std::string& tag : all_features()) {
    EXPECT_TRUE(covered.contains(tag)) << "no named problem exercises \"" << tag << "\"";
  }
}

}  // namespace
}  // namespace tconv
