#include "generators.h"

#include <algorithm>
#include <cmath>

#include "problem_string.h"

namespace tconv::properties {
namespace {

// Largest r with r^m <= budget (at least 1): the even share of one of m axes.
std::int64_t share(std::int64_t budget, int m) {
  const auto power = [m](std::int64_t r) { return std::pow(static_cast<double>(r), m); };
  auto r = static_cast<std::int64_t>(std::pow(static_cast<double>(budget), 1.0 / m));
  while (r > 1 && power(r) > static_cast<double>(budget)) --r;
  while (power(r + 1) <= static_cast<double>(budget)) ++r;
  return std::max<std::int64_t>(r, 1);
}

// A pad drawn mostly within the kernel extent d(k-1), sometimes over its whole legal
// range [0, limit] (larger pads are legal while the output keeps one element).
std::int64_t draw_pad(std::int64_t extent, std::int64_t limit) {
  const bool beyond_kernel = draw(0, 4) == 4;
  return draw(0, beyond_kernel ? limit : std::min(extent, limit));
}

// One axis whose work (full output + output_padding) · kernel stays near `budget`.
Axis draw_axis(std::int64_t budget, std::int64_t min_input, int size) {
  Axis a;
  a.kernel = draw(1, std::clamp<std::int64_t>(budget, 1, 7));
  // (d(k-1) + 1) · k <= budget.
  const std::int64_t max_dilation =
      a.kernel == 1 ? 4 : std::clamp<std::int64_t>((budget / a.kernel - 1) / (a.kernel - 1), 1, 4);
  a.dilation = draw(0, 1) == 0 ? 1 : draw(1, max_dilation);  // dense on half the axes
  a.stride = draw(1, 5);
  a.output_padding = draw(0, std::max(a.stride, a.dilation) - 1);
  // ((I-1)s + d(k-1) + 1 + op) · k <= budget, and I grows with the size parameter.
  const std::int64_t room =
      budget / a.kernel - (a.dilation * (a.kernel - 1) + 1) - a.output_padding;
  const std::int64_t max_input =
      std::min<std::int64_t>(1 + std::max<std::int64_t>(room, 0) / a.stride, 2 + size / 6);
  a.input = draw(min_input, std::max(min_input, max_input));
  // Pads leave at least one output element: pb + pe <= full + op - 1.
  const std::int64_t unpadded =
      (a.input - 1) * a.stride + a.dilation * (a.kernel - 1) + 1 + a.output_padding;
  const std::int64_t extent = a.dilation * (a.kernel - 1);
  a.pad_begin = draw_pad(extent, unpadded - 1);
  a.pad_end = draw_pad(extent, unpadded - 1 - a.pad_begin);
  return a;
}

// Maps 0, 1, 2, 3, 4, ... to 0, 1, -1, 2, -2, ..., so shrinking goes toward 0.
std::int64_t zigzag(std::int64_t v) { return v % 2 == 1 ? (v + 1) / 2 : -(v / 2); }

}  // namespace

rc::Gen<Problem> gen_problem(ProblemSpace space) {
  return rc::gen::withSize([space](int size) {
    return rc::gen::exec([space, size] {
      Problem p;
      const int rank = static_cast<int>(draw(1, 3));
      p.batch = draw(1, 1 + size / 40);
      p.groups = draw(space.min_groups, std::max<std::int64_t>(space.min_groups, 1 + size / 30));
      const std::int64_t in_per_group = draw(1, 1 + size / 40);
      const std::int64_t out_per_group = draw(1, 1 + size / 40);
      p.in_channels = p.groups * in_per_group;
      p.out_channels = p.groups * out_per_group;
      // The spatial work left once batch and channels have taken their share.
      const std::int64_t channel_work = p.batch * p.groups * in_per_group * out_per_group;
      std::int64_t budget = std::max<std::int64_t>((50000 + 10000 * size) / channel_work, 8);
      for (int a = 0; a < rank; ++a) {
        const Axis axis = draw_axis(share(budget, rank - a), space.min_input, size);
        p.axes.push_back(axis);
        const std::int64_t work = (output_size(axis) + axis.pad_begin + axis.pad_end) * axis.kernel;
        budget = std::max<std::int64_t>(budget / work, 1);
      }
      p.has_bias = pick({false, true});
      p.layout = pick({Layout::ncx, Layout::nxc});
      p.weight_layout = pick({WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi});
      return p;
    });
  });
}

rc::Gen<ForwardAxis> gen_forward_axis() {
  return rc::gen::withSize([](int size) {
    return rc::gen::exec([size] {
      ForwardAxis f;
      f.kernel = draw(1, 7);
      f.stride = draw(1, 5);
      f.dilation = draw(1, 4);
      f.pad_begin = draw(0, 2 + size / 10);
      f.pad_end = draw(0, 2 + size / 10);
      // The window fits: i >= d(k-1) + 1 - pb - pe.
      const std::int64_t least =
          std::max<std::int64_t>(1, f.dilation * (f.kernel - 1) + 1 - f.pad_begin - f.pad_end);
      f.input = draw(least, least + 2 + size / 4);
      return f;
    });
  });
}

rc::Gen<std::vector<std::int64_t>> gen_integers(std::size_t count, std::int64_t limit) {
  return rc::gen::container<std::vector<std::int64_t>>(count,
                                                       rc::gen::map(uniform(0, 2 * limit), zigzag));
}

rc::Gen<std::vector<float>> gen_reals(std::size_t count) {
  constexpr std::int64_t kSignificand = std::int64_t{1} << 24;
  // significand · 2^(exponent − 24), exact in float (at most 24 significant bits).
  const auto real =
      rc::gen::map(rc::gen::tuple(uniform(0, 5), uniform(0, 2 * kSignificand - 2), uniform(0, 24)),
                   [](const auto& t) {
                     const auto [zero, significand, exponent] = t;
                     if (zero == 5) return 0.0f;
                     return std::ldexp(static_cast<float>(zigzag(significand)),
                                       static_cast<int>(zigzag(exponent)) - 24);
                   });
  return rc::gen::container<std::vector<float>>(count, real);
}

rc::Gen<Operands<std::int64_t>> gen_integer_operands(const Problem& p, std::int64_t limit) {
  return rc::gen::exec([p, limit] {
    return Operands<std::int64_t>{
        *gen_integers(static_cast<std::size_t>(input_elements(p)), limit),
        *gen_integers(static_cast<std::size_t>(weight_elements(p)), limit),
        *gen_integers(static_cast<std::size_t>(bias_elements(p)), limit)};
  });
}

rc::Gen<Operands<float>> gen_real_operands(const Problem& p) {
  return rc::gen::exec([p] {
    return Operands<float>{*gen_reals(static_cast<std::size_t>(input_elements(p))),
                           *gen_reals(static_cast<std::size_t>(weight_elements(p))),
                           *gen_reals(static_cast<std::size_t>(bias_elements(p)))};
  });
}

void classify(const Problem& p) {
  const auto any_axis = [&](auto pred) { return std::any_of(p.axes.begin(), p.axes.end(), pred); };
  RC_TAG(std::to_string(p.rank()) + "-D");
  RC_CLASSIFY(p.groups > 1 && p.groups == p.in_channels, "depthwise");
  RC_CLASSIFY(p.groups > 1 && p.groups != p.in_channels, "grouped");
  RC_CLASSIFY(any_axis([](const Axis& a) { return a.stride > a.kernel; }), "stride>kernel");
  RC_CLASSIFY(any_axis([](const Axis& a) { return a.output_padding >= a.stride; }),
              "output_padding>=stride");
}

void showValue(const ForwardAxis& a, std::ostream& os) {
  os << "i" << a.input << ",k" << a.kernel << ",s" << a.stride << ",pb" << a.pad_begin << ",pe"
     << a.pad_end << ",d" << a.dilation;
}

}  // namespace tconv::properties

namespace tconv {
void showValue(const Problem& p, std::ostream& os) { os << to_string(p); }
}  // namespace tconv
