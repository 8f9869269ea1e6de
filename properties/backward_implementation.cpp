#include "backward_implementation.h"

#include <rapidcheck.h>

#include "problem_string.h"
#include "scalar.h"

namespace tconv::properties {
namespace {

using Int = std::int64_t;

void require_written(const Problem& p, GradientTensor t, std::span<const Int> gradient,
                     const std::string& name) {
  for (std::size_t i = 0; i < gradient.size(); ++i) {
    if (is_poison(gradient[i])) {
      RC_FAIL(name + ": " + to_string(p) + ": " + to_string(t) +
              gradient_coordinate(p, t, static_cast<Int>(i)) +
              " still holds the poison: never written, or accumulated into");
    }
  }
}

void require_overwritten(const Problem& p, GradientTensor t, std::span<const Int> first,
                         std::span<const Int> second, const std::string& name) {
  require_same_gradient(p, t, first, second,
                        name + ": run again into the buffer holding its first result (expected "
                               "that result: a backward kernel overwrites, never accumulates)");
}

}  // namespace

const std::vector<DataGradientImplementation>& reference_data_gradients() {
  static const std::vector<DataGradientImplementation> implementations = [] {
    std::vector<DataGradientImplementation> all;
    for (DataGradientFormulation f : kDataGradientFormulations) {
      all.push_back({to_string(f), [f](const Problem& p, auto grad_output, auto weights,
                                       auto grad_input) {
                       conv_transpose_backward_data<Int>(f, p, grad_output, weights, grad_input);
                     }});
    }
    return all;
  }();
  return implementations;
}

const std::vector<WeightGradientImplementation>& reference_weight_gradients() {
  static const std::vector<WeightGradientImplementation> implementations = [] {
    std::vector<WeightGradientImplementation> all;
    for (WeightGradientFormulation f : kWeightGradientFormulations) {
      all.push_back({to_string(f), [f](const Problem& p, auto input, auto grad_output,
                                       auto grad_weights, auto grad_bias) {
                       conv_transpose_backward_weights<Int>(f, p, input, grad_output, grad_weights,
                                                            grad_bias);
                     }});
    }
    return all;
  }();
  return implementations;
}

std::vector<Int> run_data_gradient(const DataGradientImplementation& impl, const Problem& p,
                                   std::span<const Int> grad_output,
                                   std::span<const Int> weights) {
  std::vector<Int> grad_input(static_cast<std::size_t>(input_elements(p)), poison<Int>());
  impl.function(p, grad_output, weights, grad_input);
  require_written(p, GradientTensor::input, grad_input, impl.name);
  std::vector<Int> again = grad_input;
  impl.function(p, grad_output, weights, again);
  require_overwritten(p, GradientTensor::input, grad_input, again, impl.name);
  return grad_input;
}

WeightGradients<Int> run_weight_gradient(const WeightGradientImplementation& impl,
                                         const Problem& p, std::span<const Int> input,
                                         std::span<const Int> grad_output) {
  WeightGradients<Int> d{
      std::vector<Int>(static_cast<std::size_t>(weight_elements(p)), poison<Int>()),
      std::vector<Int>(static_cast<std::size_t>(bias_elements(p)), poison<Int>())};
  impl.function(p, input, grad_output, d.weights, d.bias);
  require_written(p, GradientTensor::weights, d.weights, impl.name);
  require_written(p, GradientTensor::bias, d.bias, impl.name);
  WeightGradients<Int> again = d;
  impl.function(p, input, grad_output, again.weights, again.bias);
  require_overwritten(p, GradientTensor::weights, d.weights, again.weights, impl.name);
  require_overwritten(p, GradientTensor::bias, d.bias, again.bias, impl.name);
  return d;
}

void require_same_gradient(const Problem& p, GradientTensor t, std::span<const Int> expected,
                           std::span<const Int> actual, const std::string& what) {
  if (expected.size() != actual.size()) {
    RC_FAIL(what + ": " + to_string(p) + ": " + to_string(t) + " has " +
            std::to_string(actual.size()) + " elements, expected " +
            std::to_string(expected.size()));
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] == actual[i]) continue;
    RC_FAIL(what + ": " + to_string(p) + ": " + to_string(t) +
            gradient_coordinate(p, t, static_cast<Int>(i)) + ": expected " +
            std::to_string(expected[i]) + ", got " + std::to_string(actual[i]));
  }
}

}  // namespace tconv::properties
