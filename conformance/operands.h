// The data of a check: seeded, so that a problem replays alone with the same data.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <vector>

#include "problem.h"
#include "scalar.h"

namespace tconv {

// The seed of one check's data: a function of the run's seed, the canonical problem
// string, the dtype and the check, and of nothing else (not the case's position).
std::uint64_t data_seed(std::uint64_t run_seed, const Problem& p, DType dtype,
                        std::string_view check);

template <class T>
struct OperandData {
  std::vector<T> input, weights, bias;  // bias empty when the problem has none
};

// Non-zero integers in [-3, 3]: every sum of a transposed convolution on them is exact in
// any dtype (docs/PRECISION.md, "Integer data are exact"), and no term is silently zero.
template <class T>
std::vector<T> small_integers(std::int64_t count, std::mt19937_64& rng);

// Small integers in int64; reals uniform in [-1, 1], rounded to T, in float and double.
template <class T>
std::vector<T> random_values(std::int64_t count, std::mt19937_64& rng);

// Input, weights and bias of p from random_values.
template <class T>
OperandData<T> random_operands(const Problem& p, std::mt19937_64& rng);

// The values converted exactly to double (every T value is a double).
template <class T>
std::vector<double> as_double(std::span<const T> values) {
  return std::vector<double>(values.begin(), values.end());
}

}  // namespace tconv
