// A training direction under test (reference/backward.h): the data gradient or the weight
// gradient of a transposed convolution, on the integers the backward properties use.
// The properties take them as parameters, so the same property runs on the reference
// formulations and on deliberately broken ones (backward_mutants.h).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "backward.h"
#include "gradient_coordinate.h"
#include "problem.h"

namespace tconv::properties {

// The signatures of conv_transpose_backward_data / _weights for one formulation.
using DataGradientFn =
    std::function<void(const Problem&, std::span<const std::int64_t> grad_output,
                       std::span<const std::int64_t> weights, std::span<std::int64_t> grad_input)>;
using WeightGradientFn = std::function<void(
    const Problem&, std::span<const std::int64_t> input, std::span<const std::int64_t> grad_output,
    std::span<std::int64_t> grad_weights, std::span<std::int64_t> grad_bias)>;

struct DataGradientImplementation {
  std::string name;
  DataGradientFn function;
};

struct WeightGradientImplementation {
  std::string name;
  WeightGradientFn function;
};

// The reference formulations of backward.h, in the order of its formulation arrays.
const std::vector<DataGradientImplementation>& reference_data_gradients();
const std::vector<WeightGradientImplementation>& reference_weight_gradients();

// Inside a RapidCheck case: runs the implementation into poisoned outputs and fails the
// case if it leaves an element unwritten; then runs it again into the outputs now holding
// that result and fails unless it reproduces it, because a backward kernel overwrites
// its outputs and never accumulates into them (docs/CONVENTIONS.md#training-directions).
std::vector<std::int64_t> run_data_gradient(const DataGradientImplementation& impl,
                                            const Problem& p,
                                            std::span<const std::int64_t> grad_output,
                                            std::span<const std::int64_t> weights);
WeightGradients<std::int64_t> run_weight_gradient(const WeightGradientImplementation& impl,
                                                  const Problem& p,
                                                  std::span<const std::int64_t> input,
                                                  std::span<const std::int64_t> grad_output);

// Inside a RapidCheck case: fails it unless `actual` equals `expected` element for
// element; the message starts with `what` and names the problem, coordinate and values.
void require_same_gradient(const Problem& p, GradientTensor t,
                           std::span<const std::int64_t> expected,
                           std::span<const std::int64_t> actual, const std::string& what);

}  // namespace tconv::properties
