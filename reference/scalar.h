// The scalar types every reference is instantiated for, their names, and the poison
// value that output buffers are filled with before an implementation writes them.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tconv {

// double and float for real data; int64_t for exact arithmetic on small integers.
#define TCONV_FOR_EACH_SCALAR(X) X(double) X(float) X(std::int64_t)

// The element type of a tensor, by name: float, double and std::int64_t as the golden
// vectors, the adapter ABI (TCONV_FLOAT32, TCONV_FLOAT64, TCONV_INT64, in this order)
// and the reports write them.
enum class DType { float32, float64, int64 };

constexpr const char* to_string(DType d) {
  switch (d) {
    case DType::float32: return "float32";
    case DType::float64: return "float64";
    case DType::int64: break;
  }
  return "int64";
}

namespace poison_bits {
// Signalling NaNs (quiet bit clear) with a payload of their own, so that an element still
// holding one was never written, while a NaN an implementation computes (0/0, inf-inf,
// the NAN macro: a quiet NaN with payload 0) is another bit pattern. Arithmetic on the
// poison quiets it and keeps the payload, which is_poison still recognises: such an
// element was read before it was written.
inline constexpr std::uint32_t kFloat = 0x7FA0C0DE;
inline constexpr std::uint32_t kFloatQuietBit = 1u << 22;
inline constexpr std::uint64_t kDouble = 0x7FF4C0DE0000C0DE;
inline constexpr std::uint64_t kDoubleQuietBit = 1ull << 51;
}  // namespace poison_bits

// For float and double the NaN above; for integers the most negative value, which no
// test datum of small integers can produce.
template <class T>
constexpr T poison() {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<float>(poison_bits::kFloat);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<double>(poison_bits::kDouble);
  } else {
    static_assert(std::numeric_limits<T>::is_integer);
    return std::numeric_limits<T>::min();
  }
}

// True for the poison only (quiet or not), never for a NaN computed from data.
template <class T>
constexpr bool is_poison(T v) {
  if constexpr (std::is_same_v<T, float>) {
    using namespace poison_bits;
    return (std::bit_cast<std::uint32_t>(v) | kFloatQuietBit) == (kFloat | kFloatQuietBit);
  } else if constexpr (std::is_same_v<T, double>) {
    using namespace poison_bits;
    return (std::bit_cast<std::uint64_t>(v) | kDoubleQuietBit) == (kDouble | kDoubleQuietBit);
  } else {
    return v == std::numeric_limits<T>::min();
  }
}

}  // namespace tconv
