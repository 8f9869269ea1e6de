// The fifth formulation, GEMM + col2im (reference/gemm_col2im.h), against the definition
// conv_transpose_direct_scatter: exactly on small integers (int64), and in float and
// double within the rounding-error bound of check/error_bound.h of the direct scatter in
// double. Every named problem of problem_table.h is run, and a few larger ones whose
// product has several strips and blocks of weight columns; each with the default budget
// (one tile of input positions) and with a 1-byte budget (one tile per panel).
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "gemm_col2im.h"
#include "problem_string.h"
#include "problem_table.h"
#include "scatter_agreement.h"
#include "scalar.h"

namespace tconv {
namespace {

using testing::kDataSeed;
using testing::kNamedProblems;
using testing::NamedProblem;
using testing::Operands;
using testing::random_operands;
using testing::Scalar;

// Problems whose product is wider than one strip of 32 columns (taps · Cout/g), with an
// edge strip, and one whose dot product (Cin/g = 1024) splits the strips into blocks.
constexpr NamedProblem kWideProblems[] = {
    {"ManyColumnStrips2D", "n2,ic5,oc24,i7x5,k3x3,s2x1,pb1x0,pe0x1,bias"},
    {"GroupsManyColumnStripsNxcXoi2D", "n2,g2,ic6,oc80,i4x3,k2x2,s2x2,pb1x0,op1x0,nxc,xoi"},
    {"GroupsTwoStripsXoiDilated3D", "g3,ic6,oc12,i3x3x4,k2x3x2,s2x1x2,d1x2x1,pe0x1x0,bias,xoi"},
    {"LongDotProductBlocksNxcOix2D", "ic1024,oc20,i3x3,k3x3,s2x2,pb1x1,bias,nxc,oix"},
};

enum class Budget { whole, one_panel };

const char* to_string(Budget b) { return b == Budget::whole ? "OneTile" : "TilePerPanel"; }

std::size_t bytes(Budget b) { return b == Budget::whole ? kGemmCol2imDefaultBudget : 1; }

struct Case {
  NamedProblem problem;
  Scalar scalar;
  Budget budget;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.problem.text << " in " << to_string(c.scalar) << ", " << to_string(c.budget);
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  const auto add = [&](const NamedProblem& p) {
    for (Scalar s : {Scalar::int64, Scalar::float32, Scalar::float64})
      for (Budget b : {Budget::whole, Budget::one_panel}) cases.push_back({p, s, b});
  };
  for (const NamedProblem& p : kNamedProblems) add(p);
  for (const NamedProblem& p : kWideProblems) add(p);
  return cases;
}

template <class T>
std::vector<T> gemm_col2im(const Problem& p, const Operands<T>& o, Budget b) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
  conv_transpose_gemm_col2im<T>(p, o.input, o.weights, o.bias, output, bytes(b));
  return output;
}

std::optional<Mismatch> disagreement(const Case& c, const Problem& p) {
  return testing::disagreement(c.scalar, p, [&](const Problem& q, const auto& o) {
    return gemm_col2im(q, o, c.budget);
  });
}

class GemmCol2imMatchesDirectScatter : public ::testing::TestWithParam<Case> {};

TEST_P(GemmCol2imMatchesDirectScatter, OnEveryOutputElement) {
  const Case& c = GetParam();
  const Problem p = parse_problem(c.problem.text);
  if (auto m = disagreement(c, p)) {
    ADD_FAILURE() << "gemm_col2im in " << to_string(c.scalar) << " with " << bytes(c.budget)
                  << "-byte budget (got) against conv_transpose_direct_scatter in "
                  << testing::reference_scalar(c.scalar) << " (expected), data seed "
                  << kDataSeed << ": " << m->detail;
  }
}

INSTANTIATE_TEST_SUITE_P(NamedProblems, GemmCol2imMatchesDirectScatter,
                         ::testing::ValuesIn(all_cases()), [](const auto& info) {
                           const Case& c = info.param;
                           return std::string(c.problem.name) + "_" + to_string(c.scalar) + "_" +
                                  to_string(c.budget);
                         });

TEST(GemmCol2imBoundary, RejectsAnOperandOfTheWrongLengthNamingIt) {
  const Problem p = parse_problem("ic2,oc3,i5,k3,bias");
  const auto o = random_operands<float>(p, kDataSeed);
  std::vector<float> output(static_cast<std::size_t>(output_elements(p)), poison<float>());
  const std::vector<float> short_weights(o.weights.begin(), o.weights.end() - 1);
  try {
    conv_transpose_gemm_col2im<float>(p, o.input, short_weights, o.bias, output);
    ADD_FAILURE() << to_string(p) << ": weights one element short were accepted";
  } catch (const ProblemError& e) {
    EXPECT_NE(
        std::string(e.what()).find("weights length = " + std::to_string(short_weights.size())),
        std::string::npos)
        << to_string(p) << ": " << e.what();
  }
}

}  // namespace
}  // namespace tconv
