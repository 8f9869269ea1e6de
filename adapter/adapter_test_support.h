// Shared by the adapter tests: where the built adapters are, and seeded operands.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "adapter_interface.h"
#include "case_check.h"
#include "problem.h"

namespace tconv::testing {

// A shared library built by adapter/CMakeLists.txt: "c_adapter", "fault_crash", ...
inline std::string adapter_library(const std::string& name) {
  return std::string(TCONV_ADAPTERS_DIR) + "/" + name + ".so";
}

// The command running a Python adapter, its path relative to adapter/.
inline std::vector<std::string> python_command(const std::string& script) {
  return {TCONV_PYTHON, std::string(TCONV_ADAPTER_SOURCE_DIR) + "/" + script};
}

template <class T>
struct CaseOperands {
  std::vector<T> input, weights, bias;
};

// Operands of p drawn from `seed`: non-zero integers in [-3, 3] in int64 (so the
// result is exact), reals in [-1, 1] otherwise.
template <class T>
CaseOperands<T> random_operands(const Problem& p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto draw = [&](std::int64_t count) {
    std::vector<T> values(static_cast<std::size_t>(count));
    for (T& v : values) {
      if constexpr (std::is_integral_v<T>) {
        v = std::uniform_int_distribution<T>(1, 3)(rng) * ((rng() & 1) ? 1 : -1);
      } else {
        v = static_cast<T>(std::uniform_real_distribution<double>(-1, 1)(rng));
      }
    }
    return values;
  };
  return {draw(input_elements(p)), draw(weight_elements(p)), draw(bias_elements(p))};
}

// check_against_reference on operands drawn from `seed`.
template <class T>
CallResult check_random_case(Adapter& adapter, const Problem& p, std::uint64_t seed,
                             const IsolationOptions& options = {}) {
  const CaseOperands<T> o = random_operands<T>(p, seed);
  return check_against_reference<T>(adapter, p, o.input, o.weights, o.bias, options);
}

}  // namespace tconv::testing
