#include "relayout.h"

#include "geometry.h"

namespace tconv::bench {

std::vector<float> relayout(Tensor t, const Problem& from, const Problem& to,
                            std::span<const float> data) {
  const Geometry a = make_geometry(from), b = make_geometry(to);
  std::vector<float> result(data.size());
  if (t == Tensor::weights) {
    for (std::int64_t grp = 0; grp < a.groups; ++grp)
      for (std::int64_t ci = 0; ci < a.in_per_group; ++ci)
        for (std::int64_t co = 0; co < a.out_per_group; ++co)
          for (std::int64_t kz = 0; kz < a.kernel[0]; ++kz)
            for (std::int64_t ky = 0; ky < a.kernel[1]; ++ky)
              for (std::int64_t kx = 0; kx < a.kernel[2]; ++kx)
                result[b.weight_at(grp, ci, co, kz, ky, kx)] =
                    data[a.weight_at(grp, ci, co, kz, ky, kx)];
    return result;
  }
  const bool input = t == Tensor::input;
  const Index3& size = input ? a.input : a.output;
  const ActivationIndex& at_a = input ? a.input_at : a.output_at;
  const ActivationIndex& at_b = input ? b.input_at : b.output_at;
  for (std::int64_t n = 0; n < a.batch; ++n)
    for (std::int64_t c = 0; c < (input ? a.in_channels() : a.out_channels()); ++c)
      for (std::int64_t z = 0; z < size[0]; ++z)
        for (std::int64_t y = 0; y < size[1]; ++y)
          for (std::int64_t x = 0; x < size[2]; ++x)
            result[at_b(n, c, z, y, x)] = data[at_a(n, c, z, y, x)];
  return result;
}

}  // namespace tconv::bench
