// One layer's operands, drawn once, and the check of any implementation's output of it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "layers.h"
#include "problem.h"

namespace tconv::bench {

// The seed of every layer's operands (uniform in [-1, 1]).
inline constexpr std::uint64_t kBenchDataSeed = 20240612;

class LayerData {
 public:
  explicit LayerData(const Layer& layer);

  const Layer& layer() const { return layer_; }
  const Problem& problem() const { return problem_; }
  std::span<const float> input() const { return input_; }
  std::span<const float> weights() const { return weights_; }
  std::span<const float> bias() const { return bias_; }

  std::int64_t macs() const;  // multiply_adds (reference/problem.h)
  // Bytes of the input, weights, bias and output.
  std::int64_t tensor_bytes() const;

  // Empty when `output` (of problem()) is within the float32 rounding bound of
  // error_bound.h around the exact result, else the first mismatch. The exact result
  // (the direct scatter, the definition, in double) and the bound are computed on first use.
  std::string check(std::span<const float> output);

 private:
  const Layer& layer_;
  Problem problem_;
  std::vector<float> input_, weights_, bias_;
  std::vector<double> expected_, tolerance_;
};

}  // namespace tconv::bench
