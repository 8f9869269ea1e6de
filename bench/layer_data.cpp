#include "layer_data.h"

#include <random>

#include "compare.h"
#include "direct_scatter.h"
#include "error_bound.h"
#include "problem_string.h"

namespace tconv::bench {
namespace {

std::vector<float> uniform(std::int64_t count, std::mt19937_64& rng) {
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> values(static_cast<std::size_t>(count));
  for (float& v : values) v = dist(rng);
  return values;
}

std::vector<double> to_double(std::span<const float> v) { return {v.begin(), v.end()}; }

}  // namespace

LayerData::LayerData(const Layer& layer) : layer_(layer), problem_(parse_problem(layer.problem)) {
  std::mt19937_64 rng(kBenchDataSeed);
  input_ = uniform(input_elements(problem_), rng);
  weights_ = uniform(weight_elements(problem_), rng);
  bias_ = uniform(bias_elements(problem_), rng);
}

std::int64_t LayerData::macs() const { return multiply_adds(problem_); }

std::int64_t LayerData::tensor_bytes() const {
  return static_cast<std::int64_t>(sizeof(float)) *
         (input_elements(problem_) + weight_elements(problem_) + bias_elements(problem_) +
          output_elements(problem_));
}

std::string LayerData::check(std::span<const float> output) {
  if (expected_.empty()) {
    const std::vector<double> input = to_double(input_), weights = to_double(weights_),
                              bias = to_double(bias_);
    expected_.resize(static_cast<std::size_t>(output_elements(problem_)));
    conv_transpose_direct_scatter<double>(problem_, input, weights, bias, expected_);
    tolerance_ = conv_transpose_tolerance<float>(problem_, input, weights, bias);
  }
  const auto mismatch = first_out_of_bound<float>(problem_, expected_, output, tolerance_);
  return mismatch ? mismatch->detail : "";
}

}  // namespace tconv::bench
