#include "operands.h"

#include <type_traits>

#include "problem_string.h"

namespace tconv {
namespace {

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 0xCBF29CE484222325ULL) {
  for (const unsigned char c : text) hash = (hash ^ c) * 0x100000001B3ULL;
  return hash;
}

}  // namespace

std::uint64_t data_seed(std::uint64_t run_seed, const Problem& p, DType dtype,
                        std::string_view check) {
  const std::string problem = to_string(p);
  std::uint64_t h = fnv1a(std::to_string(run_seed));
  for (std::string_view part :
       {std::string_view(problem), std::string_view(to_string(dtype)), check}) {
    h = fnv1a(part, fnv1a("|", h));
  }
  return h;
}

template <class T>
std::vector<T> small_integers(std::int64_t count, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> magnitude(1, 3);
  std::vector<T> values(static_cast<std::size_t>(count));
  for (T& v : values) v = static_cast<T>(magnitude(rng) * ((rng() & 1) ? 1 : -1));
  return values;
}

template <class T>
std::vector<T> random_values(std::int64_t count, std::mt19937_64& rng) {
  if constexpr (std::is_integral_v<T>) {
    return small_integers<T>(count, rng);
  } else {
    std::uniform_real_distribution<double> real(-1, 1);
    std::vector<T> values(static_cast<std::size_t>(count));
    for (T& v : values) v = static_cast<T>(real(rng));
    return values;
  }
}

template <class T>
OperandData<T> random_operands(const Problem& p, std::mt19937_64& rng) {
  OperandData<T> o;
  o.input = random_values<T>(input_elements(p), rng);
  o.weights = random_values<T>(weight_elements(p), rng);
  o.bias = random_values<T>(bias_elements(p), rng);
  return o;
}

#define TCONV_INSTANTIATE(T)                                                 \
  template std::vector<T> small_integers<T>(std::int64_t, std::mt19937_64&); \
  template std::vector<T> random_values<T>(std::int64_t, std::mt19937_64&);  \
  template OperandData<T> random_operands<T>(const Problem&, std::mt19937_64&);
TCONV_FOR_EACH_SCALAR(TCONV_INSTANTIATE)

}  // namespace tconv
