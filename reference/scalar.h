// The scalar types every reference is instantiated for, and the poison value that
// output buffers are filled with before an implementation writes them.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace tconv {

// double and float for real data; int64_t for exact arithmetic on small integers.
#define TCONV_FOR_EACH_SCALAR(X) X(double) X(float) X(std::int64_t)

// NaN for floating types; for integers the most negative value, which no test datum
// of small integers can produce.
template <class T>
constexpr T poison() {
  if constexpr (std::numeric_limits<T>::has_quiet_NaN) {
    return std::numeric_limits<T>::quiet_NaN();
  } else {
    return std::numeric_limits<T>::min();
  }
}

template <class T>
bool is_poison(T v) {
  if constexpr (std::numeric_limits<T>::has_quiet_NaN) {
    return std::isnan(v);
  } else {
    return v == std::numeric_limits<T>::min();
  }
}

}  // namespace tconv
