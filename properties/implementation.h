// An implementation under test: a transposed convolution for each scalar type the
// properties use. The properties take one as a parameter, so the same property runs on
// the four reference formulations and on deliberately broken ones (mutants.h).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "problem.h"
#include "scalar.h"

namespace tconv::properties {

// The signature of conv_transpose: writes every element of the output.
template <class T>
using ConvTransposeFn =
    std::function<void(const Problem&, std::span<const T> input, std::span<const T> weights,
                       std::span<const T> bias, std::span<T> output)>;

struct Implementation {
  std::string name;
  ConvTransposeFn<std::int64_t> exact;
  ConvTransposeFn<double> in_double;
  ConvTransposeFn<float> in_float;

  // Allocates the output, poisons it and runs the implementation in T.
  template <class T>
  std::vector<T> run(const Problem& p, std::span<const T> input, std::span<const T> weights,
                     std::span<const T> bias) const {
    std::vector<T> output(static_cast<std::size_t>(output_elements(p)), poison<T>());
    function<T>()(p, input, weights, bias, output);
    return output;
  }

  template <class T>
  const ConvTransposeFn<T>& function() const {
    if constexpr (std::is_same_v<T, std::int64_t>) {
      return exact;
    } else if constexpr (std::is_same_v<T, double>) {
      return in_double;
    } else {
      static_assert(std::is_same_v<T, float>);
      return in_float;
    }
  }
};

// Wraps a generic callable (p, input, weights, bias, output) with spans of any scalar.
template <class F>
Implementation make_implementation(std::string name, F f) {
  return Implementation{std::move(name), f, f, f};
}

// The four reference formulations (references.h), direct_scatter first.
const std::vector<Implementation>& reference_implementations();

}  // namespace tconv::properties
