#include "bilinear.h"

#include <cmath>

#include "geometry.h"
#include "problem_string.h"

namespace tconv {

std::vector<double> bilinear_kernel_1d(std::int64_t size) {
  if (size < 1) throw ProblemError("bilinear kernel size = " + std::to_string(size) + ": must be >= 1");
  const std::int64_t factor = (size + 1) / 2;
  const double center = size % 2 == 1 ? static_cast<double>(factor - 1) : factor - 0.5;
  std::vector<double> w(static_cast<std::size_t>(size));
  for (std::int64_t i = 0; i < size; ++i) {
    w[static_cast<std::size_t>(i)] = 1.0 - std::abs(static_cast<double>(i) - center) / factor;
  }
  return w;
}

std::vector<double> bilinear_weights(const Problem& p) {
  const Geometry g = make_geometry(p);
  if (p.groups != p.in_channels || p.groups != p.out_channels) {
    throw ProblemError(to_string(p) + ": groups = " + std::to_string(p.groups) +
                       ": bilinear weights need groups == in_channels == out_channels");
  }
  const std::vector<double> kz = bilinear_kernel_1d(g.kernel[0]), ky = bilinear_kernel_1d(g.kernel[1]),
                            kx = bilinear_kernel_1d(g.kernel[2]);
  std::vector<double> w(static_cast<std::size_t>(weight_elements(p)));
  for (std::int64_t c = 0; c < p.groups; ++c)
    for (std::int64_t z = 0; z < g.kernel[0]; ++z)
      for (std::int64_t y = 0; y < g.kernel[1]; ++y)
        for (std::int64_t x = 0; x < g.kernel[2]; ++x)
          w[static_cast<std::size_t>(g.weight_at(c, 0, 0, z, y, x))] = kz[z] * ky[y] * kx[x];
  return w;
}

}  // namespace tconv
