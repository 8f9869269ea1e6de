#include "within_model.h"

#include <algorithm>
#include <string>

#include "geometry.h"

namespace tconv {
namespace {

bool within_model(const Axis& a) {
  return a.pad_begin >= 0 && a.pad_end >= 0 && a.output_padding >= 0 &&
         a.output_padding < std::max(a.stride, a.dilation);
}

// ceil(a / b) for a >= 0, b >= 1, without overflow.
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

// The axis sizes of a problem right-aligned into three axes (geometry.h), missing ones 1
// for sizes and 0 for offsets.
Index3 right_aligned(const std::vector<std::int64_t>& values, std::int64_t missing) {
  Index3 out{missing, missing, missing};
  std::copy(values.begin(), values.end(), out.end() - static_cast<std::ptrdiff_t>(values.size()));
  return out;
}

}  // namespace

ZeroTapRewrite rewrite_within_model(const Problem& p) {
  ZeroTapRewrite r{p, std::vector<std::int64_t>(p.axes.size(), 0)};
  for (std::size_t i = 0; i < p.axes.size(); ++i) {
    Axis& a = r.problem.axes[i];
    if (within_model(a)) continue;
    const std::string at = "axes[" + std::to_string(i) + "]";
    // Added taps would hide an invalid kernel; dilation is the step the taps move by.
    if (a.kernel < 1)
      throw ProblemError(at + ".kernel = " + std::to_string(a.kernel) + ": must be >= 1");
    if (a.dilation < 1) {
      throw ProblemError(at + ".dilation = " + std::to_string(a.dilation) + ": must be >= 1");
    }
    const std::string what = at + " rewritten with zero taps";
    const std::int64_t d = a.dilation;
    const std::int64_t before =
        a.pad_begin < 0 ? ceil_div(checked_mul(-1, a.pad_begin, what), d) : 0;
    // How far the output reaches past the end of the full output.
    const std::int64_t past_end =
        checked_add(a.output_padding, checked_mul(-1, a.pad_end, what), what);
    const std::int64_t after = past_end > 0 ? ceil_div(past_end, d) : 0;
    a.pad_begin = checked_add(a.pad_begin, checked_mul(before, d, what), what);
    a.pad_end = checked_add(checked_mul(after, d, what), checked_mul(-1, past_end, what), what);
    a.output_padding = 0;
    a.kernel = checked_add(a.kernel, checked_add(before, after, what), what);
    r.leading_taps[i] = before;
  }
  validate(r.problem);
  return r;
}

std::vector<double> rewritten_weights(const Problem& p, const ZeroTapRewrite& rewrite,
                                      std::span<const double> weights) {
  const Geometry g = make_geometry(rewrite.problem);
  std::vector<std::int64_t> kernel_sizes;
  for (const Axis& a : p.axes) kernel_sizes.push_back(a.kernel);
  const Index3 kernel = right_aligned(kernel_sizes, 1);
  const Index3 lead = right_aligned(rewrite.leading_taps, 0);
  const std::int64_t length =
      g.groups * g.in_per_group * g.out_per_group * kernel[0] * kernel[1] * kernel[2];
  if (weights.size() != static_cast<std::size_t>(length)) {
    throw ProblemError("weights length = " + std::to_string(weights.size()) + ": problem needs " +
                       std::to_string(length));
  }
  const WeightIndex original(p.weight_layout, g.groups, g.in_per_group, g.out_per_group, kernel);
  std::vector<double> out(static_cast<std::size_t>(weight_elements(rewrite.problem)), 0.0);
  for (std::int64_t grp = 0; grp < g.groups; ++grp)
    for (std::int64_t ci = 0; ci < g.in_per_group; ++ci)
      for (std::int64_t co = 0; co < g.out_per_group; ++co)
        for (std::int64_t kz = 0; kz < kernel[0]; ++kz)
          for (std::int64_t ky = 0; ky < kernel[1]; ++ky)
            for (std::int64_t kx = 0; kx < kernel[2]; ++kx) {
              out[g.weight_at(grp, ci, co, kz + lead[0], ky + lead[1], kx + lead[2])] =
                  weights[original(grp, ci, co, kz, ky, kx)];
            }
  return out;
}

std::vector<std::int64_t> physical_output_shape(const Problem& p) {
  return physical_activation_shape(p.layout, output_shape(rewrite_within_model(p).problem));
}

std::vector<std::int64_t> physical_activation_shape(Layout layout,
                                                    std::vector<std::int64_t> logical) {
  if (layout == Layout::nxc) std::rotate(logical.begin() + 1, logical.begin() + 2, logical.end());
  return logical;
}

}  // namespace tconv
