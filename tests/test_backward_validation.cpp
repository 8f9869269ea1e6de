// The boundary of the training directions' dispatchers (reference/backward.h): one test
// per rule, on every formulation. A rejection is a ProblemError whose message names the
// operand, its length and the length the problem needs, exactly as written here.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "backward.h"
#include "problem_string.h"

namespace tconv {
namespace {

// n2, Cin 2, Cout 3, I 4, k 3: input 16, output 2·3·6 = 36, weights 2·3·3 = 18, bias 3.
const Problem kProblem = parse_problem("n2,ic2,oc3,i4,k3,bias");
const Problem kUnbiased = parse_problem("n2,ic2,oc3,i4,k3");
const Problem kInvalid = parse_problem("ic2,oc3,i4,k3,s2,op2");
const std::string kInvalidMessage =
    "axes[0].output_padding = 2: must be < max(stride, dilation) = 2";

template <class Call>
void expect_rejection_message(Call call, const std::string& message) {
  try {
    call();
    ADD_FAILURE() << "accepted; expected the rejection \"" << message << "\"";
  } catch (const ProblemError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

std::string wrong_length(const char* operand, std::size_t got, const Problem& p, int needs) {
  return std::string(operand) + " length = " + std::to_string(got) + ": problem " + to_string(p) +
         " needs " + std::to_string(needs);
}

// ---- bwd_data: grad_output (36), weights (18) -> grad_input (16) -------------------------

class BackwardDataBoundary : public ::testing::TestWithParam<DataGradientFormulation> {
 protected:
  void run(const Problem& p, std::size_t grad_output, std::size_t weights, std::size_t grad_input) {
    const std::vector<double> dy(grad_output), w(weights);
    std::vector<double> dx(grad_input);
    conv_transpose_backward_data<double>(GetParam(), p, dy, w, dx);
  }
};

TEST_P(BackwardDataBoundary, AcceptsTheProblemsLengths) { run(kProblem, 36, 18, 16); }

TEST_P(BackwardDataBoundary, RejectsAnInvalidProblem) {
  expect_rejection_message([&] { run(kInvalid, 0, 0, 0); }, kInvalidMessage);
}

TEST_P(BackwardDataBoundary, RejectsAWrongGradOutputLength) {
  expect_rejection_message([&] { run(kProblem, 35, 18, 16); },
                           wrong_length("grad_output", 35, kProblem, 36));
}

TEST_P(BackwardDataBoundary, RejectsAWrongWeightsLength) {
  expect_rejection_message([&] { run(kProblem, 36, 17, 16); },
                           wrong_length("weights", 17, kProblem, 18));
}

TEST_P(BackwardDataBoundary, RejectsAWrongGradInputLength) {
  expect_rejection_message([&] { run(kProblem, 36, 18, 17); },
                           wrong_length("grad_input", 17, kProblem, 16));
}

INSTANTIATE_TEST_SUITE_P(Formulations, BackwardDataBoundary,
                         ::testing::ValuesIn(kDataGradientFormulations),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(BackwardData, RejectsAnUnknownFormulation) {
  const std::vector<double> dy(36), w(18);
  std::vector<double> dx(16);
  expect_rejection_message(
      [&] {
        conv_transpose_backward_data<double>(static_cast<DataGradientFormulation>(7), kProblem, dy,
                                             w, dx);
      },
      "formulation = 7: not a DataGradientFormulation");
}

// ---- bwd_weights: input (16), grad_output (36) -> grad_weights (18), grad_bias (3 or 0) --

class BackwardWeightsBoundary : public ::testing::TestWithParam<WeightGradientFormulation> {
 protected:
  void run(const Problem& p, std::size_t input, std::size_t grad_output, std::size_t grad_weights,
           std::size_t grad_bias) {
    const std::vector<double> x(input), dy(grad_output);
    std::vector<double> dw(grad_weights), db(grad_bias);
    conv_transpose_backward_weights<double>(GetParam(), p, x, dy, dw, db);
  }
};

TEST_P(BackwardWeightsBoundary, AcceptsTheProblemsLengths) {
  run(kProblem, 16, 36, 18, 3);
  run(kUnbiased, 16, 36, 18, 0);
}

TEST_P(BackwardWeightsBoundary, RejectsAnInvalidProblem) {
  expect_rejection_message([&] { run(kInvalid, 0, 0, 0, 0); }, kInvalidMessage);
}

TEST_P(BackwardWeightsBoundary, RejectsAWrongInputLength) {
  expect_rejection_message([&] { run(kProblem, 15, 36, 18, 3); },
                           wrong_length("input", 15, kProblem, 16));
}

TEST_P(BackwardWeightsBoundary, RejectsAWrongGradOutputLength) {
  expect_rejection_message([&] { run(kProblem, 16, 37, 18, 3); },
                           wrong_length("grad_output", 37, kProblem, 36));
}

TEST_P(BackwardWeightsBoundary, RejectsAWrongGradWeightsLength) {
  expect_rejection_message([&] { run(kProblem, 16, 36, 19, 3); },
                           wrong_length("grad_weights", 19, kProblem, 18));
}

TEST_P(BackwardWeightsBoundary, RejectsAMissingGradBiasWhenTheProblemHasABias) {
  expect_rejection_message([&] { run(kProblem, 16, 36, 18, 0); },
                           wrong_length("grad_bias", 0, kProblem, 3));
}

TEST_P(BackwardWeightsBoundary, RejectsAGradBiasWhenTheProblemHasNone) {
  expect_rejection_message([&] { run(kUnbiased, 16, 36, 18, 3); },
                           wrong_length("grad_bias", 3, kUnbiased, 0));
}

INSTANTIATE_TEST_SUITE_P(Formulations, BackwardWeightsBoundary,
                         ::testing::ValuesIn(kWeightGradientFormulations),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(BackwardWeights, RejectsAnUnknownFormulation) {
  const std::vector<double> x(16), dy(36);
  std::vector<double> dw(18), db(3);
  expect_rejection_message(
      [&] {
        conv_transpose_backward_weights<double>(static_cast<WeightGradientFormulation>(7),
                                                kProblem, x, dy, dw, db);
      },
      "formulation = 7: not a WeightGradientFormulation");
}

}  // namespace
}  // namespace tconv
