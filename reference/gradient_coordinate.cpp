#include "gradient_coordinate.h"

#include "geometry.h"

namespace tconv {
namespace {

std::string spatial(const char* name, int rank, const Index3& at) {
  std::string s = std::string(name) + "=(";
  for (int a = 3 - rank; a < 3; ++a) s += (a > 3 - rank ? ", " : "") + std::to_string(at[a]);
  return s + ")";
}

}  // namespace

const char* to_string(GradientTensor t) {
  switch (t) {
    case GradientTensor::input: return "grad_input";
    case GradientTensor::weights: return "grad_weights";
    case GradientTensor::bias: return "grad_bias";
  }
  return "?";
}

// Found by walking the tensor in logical order until its index object gives `offset`:
// the same addressing the references use, so no layout is decoded twice.
std::string gradient_coordinate(const Problem& p, GradientTensor t, std::int64_t offset) {
  const Geometry g = make_geometry(p);
  if (t == GradientTensor::bias && offset >= 0 && offset < bias_elements(p)) {
    return "[c=" + std::to_string(offset) + "]";
  }
  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t ci = 0; ci < g.in_per_group; ++ci) {
      const std::int64_t c = grp * g.in_per_group + ci;
      if (t == GradientTensor::input) {
        for (std::int64_t n = 0; n < g.batch; ++n)
          for (std::int64_t z = 0; z < g.input[0]; ++z)
            for (std::int64_t y = 0; y < g.input[1]; ++y)
              for (std::int64_t x = 0; x < g.input[2]; ++x)
                if (g.input_at(n, c, z, y, x) == offset)
                  return "[n=" + std::to_string(n) + ", c=" + std::to_string(c) + ", " +
                         spatial("i", p.rank(), {z, y, x}) + "]";
      } else if (t == GradientTensor::weights) {
        for (std::int64_t co = 0; co < g.out_per_group; ++co)
          for (std::int64_t kz = 0; kz < g.kernel[0]; ++kz)
            for (std::int64_t ky = 0; ky < g.kernel[1]; ++ky)
              for (std::int64_t kx = 0; kx < g.kernel[2]; ++kx)
                if (g.weight_at(grp, ci, co, kz, ky, kx) == offset)
                  return "[group=" + std::to_string(grp) + ", ci=" + std::to_string(ci) +
                         ", co=" + std::to_string(co) + ", " +
                         spatial("k", p.rank(), {kz, ky, kx}) + "]";
      }
    }
  throw ProblemError(std::string(to_string(t)) + " offset = " + std::to_string(offset) +
                     ": outside the tensor");
}

}  // namespace tconv
