// The glue every bundled adapter needs between the C ABI (tconv/adapter.h) and a C++
// library: no exception may cross the ABI, and the weights arrive in one of three
// layouts while a library reads one of its own. Header-only; no convolution math here.
#pragma once

#include <tconv/adapter.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <span>
#include <vector>

namespace tconv::bundled {

// Runs `body` (which may throw, as C++ libraries do) and returns TCONV_OK, or
// TCONV_ERROR with the exception's message in `error`.
template <class Body>
std::int32_t guarded(char* error, std::size_t capacity, Body&& body) noexcept {
  try {
    body();
    return TCONV_OK;
  } catch (const std::exception& e) {
    std::snprintf(error, capacity, "%s", e.what());
  } catch (...) {
    std::snprintf(error, capacity, "an exception that is not a std::exception");
  }
  return TCONV_ERROR;
}

// The weights' logical axes, always in this order: group, output channel within the
// group, input channel within the group, then the kernel's spatial axes (outermost
// first); `strides` (in elements) say where they lie in the problem's weight layout
// (docs/CONVENTIONS.md#layouts, group j owning channels [j·C/g, (j+1)·C/g)).
struct WeightAxes {
  std::vector<std::int64_t> dims, strides;
};

inline WeightAxes weight_axes(const tconv_problem& p) {
  const std::int64_t g = p.groups, out = p.out_channels / g, in = p.in_channels / g;
  std::vector<std::int64_t> kernel_strides(p.rank);  // of the kernel axes when innermost
  std::int64_t taps = 1;
  for (int a = p.rank - 1; a >= 0; --a) {
    kernel_strides[a] = taps;
    taps *= p.kernel[a];
  }
  WeightAxes w{{g, out, in}, {}};
  w.dims.insert(w.dims.end(), p.kernel, p.kernel + p.rank);
  switch (p.weight_layout) {
    case TCONV_IOX:  // [Cin, Cout/g, k...] = [g, in, out, k...]
      w.strides = {in * out * taps, taps, out * taps};
      break;
    case TCONV_OIX:  // [Cout, Cin/g, k...] = [g, out, in, k...]
      w.strides = {out * in * taps, in * taps, taps};
      break;
    default:  // TCONV_XOI: [k..., Cout/g, Cin] = [k..., out, g, in]
      w.strides = {in, g * in, 1};
      for (std::int64_t& s : kernel_strides) s *= out * g * in;
      break;
  }
  w.strides.insert(w.strides.end(), kernel_strides.begin(), kernel_strides.end());
  return w;
}

// The weights copied into the dense tensor whose axes are the logical axes of
// WeightAxes taken in `order` (e.g. {0, 1, 3, 4, 2}: [g, out, kh, kw, in]).
inline std::vector<float> permuted_weights(const tconv_problem& p, const float* weights,
                                           std::span<const int> order) {
  const WeightAxes w = weight_axes(p);
  std::vector<float> dense(static_cast<std::size_t>(p.weight_elements));
  std::vector<std::int64_t> index(order.size(), 0);  // over the permuted axes, last fastest
  for (float& value : dense) {
    std::int64_t offset = 0;
    for (std::size_t a = 0; a < order.size(); ++a) offset += index[a] * w.strides[order[a]];
    value = weights[offset];
    for (std::size_t a = order.size(); a-- > 0;) {
      if (++index[a] < w.dims[order[a]]) break;
      index[a] = 0;
    }
  }
  return dense;
}

}  // namespace tconv::bundled
