#include "generators.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

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

// The work of one axis: (full output + output_padding) · kernel.
std::int64_t axis_work(const Axis& a) {
  return (output_size(a) + a.pad_begin + a.pad_end) * a.kernel;
}

// `rank` axes appended to p whose work together stays near `budget`.
void draw_axes(Problem& p, int rank, std::int64_t budget, std::int64_t min_input, int size) {
  for (int a = 0; a < rank; ++a) {
    const Axis axis = draw_axis(share(budget, rank - a), min_input, size);
    p.axes.push_back(axis);
    budget = std::max<std::int64_t>(budget / axis_work(axis), 1);
  }
}

void draw_formats(Problem& p) {
  p.has_bias = pick({false, true});
  p.layout = pick({Layout::ncx, Layout::nxc});
  p.weight_layout = pick({WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi});
}

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
      draw_axes(p, rank, std::max<std::int64_t>((50000 + 10000 * size) / channel_work, 8),
                space.min_input, size);
      draw_formats(p);
      return p;
    });
  });
}

namespace {

// Pads cut to leave at least one output element (after the input or kernel shrank).
void legalize_pads(Axis& a) {
  const std::int64_t unpadded =
      (a.input - 1) * a.stride + a.dilation * (a.kernel - 1) + 1 + a.output_padding;
  a.pad_begin = std::min(a.pad_begin, unpadded - 1);
  a.pad_end = std::min(a.pad_end, unpadded - 1 - a.pad_begin);
}

bool too_big(const Problem& p, const ProblemScale& scale) {
  return std::max({input_elements(p), weight_elements(p), output_elements(p)}) >
             scale.max_elements ||
         problem_work(p) > scale.max_work();
}

// p cut down until it fits the scale: the largest input axis halved, then the largest
// kernel, then output_padding removed, then the batch and the channels per group halved
// (a guard: the generators mostly draw within the scale already).
void fit(Problem& p, const ProblemScale& scale) {
  const auto largest = [&](auto field) {
    return std::max_element(p.axes.begin(), p.axes.end(),
                            [&](const Axis& a, const Axis& b) { return a.*field < b.*field; });
  };
  while (too_big(p, scale)) {
    const std::int64_t in_per_group = p.in_channels / p.groups;
    const std::int64_t out_per_group = p.out_channels / p.groups;
    if (auto a = largest(&Axis::input); a->input > 1) {
      a->input = (a->input + 1) / 2;
      legalize_pads(*a);
    } else if (auto k = largest(&Axis::kernel); k->kernel > 1) {
      k->kernel = (k->kernel + 1) / 2;
      legalize_pads(*k);
    } else if (auto o = largest(&Axis::output_padding); o->output_padding > 0) {
      o->output_padding = 0;
      legalize_pads(*o);
    } else if (p.batch > 1) {
      p.batch = (p.batch + 1) / 2;
    } else if (in_per_group > 1 || out_per_group > 1) {
      p.in_channels = p.groups * ((in_per_group + 1) / 2);
      p.out_channels = p.groups * ((out_per_group + 1) / 2);
    } else if (p.groups > 1) {
      p.groups = p.in_channels = p.out_channels = (p.groups + 1) / 2;
    } else {
      break;  // the smallest problem of this rank
    }
  }
}

// Counts (of channels, or of output columns) on both sides of the usual blocking
// boundaries: 1-17, then 2^j ± 1 (7-9, 15-17, 31-33, 63-65, ...) up to `most`; a band
// first, then its least, its largest or any count within it.
std::int64_t draw_near_boundaries(std::int64_t least, std::int64_t most) {
  std::vector<std::pair<std::int64_t, std::int64_t>> bands{{1, 17}};
  for (std::int64_t b = 8; b - 1 <= most; b *= 2) bands.emplace_back(b - 1, b + 1);
  const auto [lo, hi] = bands[static_cast<std::size_t>(draw(0, std::ssize(bands) - 1))];
  const std::int64_t from = std::max(lo, least), to = std::max(from, std::min(hi, most));
  switch (draw(0, 2)) {
    case 0: return from;
    case 1: return to;
    default: return draw(from, to);
  }
}

// The batch and channels of a reach problem, without axes.
Problem small_problem(std::int64_t in_per_group, std::int64_t out_per_group,
                      std::int64_t groups = 1, std::int64_t batch = 1) {
  Problem p;
  p.batch = batch;
  p.groups = groups;
  p.in_channels = groups * in_per_group;
  p.out_channels = groups * out_per_group;
  return p;
}

// The spatial budget left to a problem's axes by its batch and channels.
std::int64_t spatial_budget(const Problem& p, const ProblemScale& scale) {
  const std::int64_t channel_work = p.batch * p.in_channels * (p.out_channels / p.groups);
  const std::int64_t per_image = std::max(p.in_channels, p.out_channels) * p.batch;
  return std::max<std::int64_t>(
      std::min(scale.max_work() / channel_work, scale.max_elements / per_image), 1);
}

// An axis of kernel k, stride s, pads within the kernel, whose output is about `target`.
Axis axis_with_output(std::int64_t target, std::int64_t k, std::int64_t s) {
  Axis a;
  a.kernel = k;
  a.stride = s;
  a.pad_begin = draw(0, k - 1);
  a.pad_end = draw(0, k - 1);
  // (i-1)s + k - pb - pe >= target.
  const std::int64_t rest = target - k + a.pad_begin + a.pad_end;
  a.input = std::max<std::int64_t>(1, (rest + s - 1) / s + 1);
  legalize_pads(a);
  return a;
}

Problem reach_problem(ReachClass c, const ProblemScale& scale) {
  const int rank = static_cast<int>(draw(1, 3));
  Problem p;
  switch (c) {
    case ReachClass::out_channels:
      p = small_problem(draw(1, 3), draw_near_boundaries(1, scale.max_channels), draw(1, 2));
      break;
    case ReachClass::in_channels:
      p = small_problem(draw_near_boundaries(1, scale.max_channels), draw(1, 3), draw(1, 2));
      break;
    case ReachClass::depthwise:
      p = small_problem(1, draw(1, 4), draw_near_boundaries(2, scale.max_channels));
      break;
    case ReachClass::batch:
      p = small_problem(draw(1, 3), draw(1, 3), 1, draw(2, scale.max_batch));
      break;
    case ReachClass::plane:
      p = small_problem(1, 1);  // the plane is the work
      break;
    default:
      p = small_problem(draw(1, 3), draw(1, 3));
      break;
  }
  const std::int64_t budget = spatial_budget(p, scale);
  const std::int64_t per_axis = std::max<std::int64_t>(budget / p.in_channels, 1);
  switch (c) {
    case ReachClass::width: {
      // Output widths on both sides of the tile boundaries, the other axes small.
      draw_axes(p, rank - 1, 16, 1, 30);
      const std::int64_t target =
          draw_near_boundaries(1, std::clamp<std::int64_t>(per_axis, 1, 1025));
      p.axes.push_back(axis_with_output(target, draw(1, 3), draw(1, 2)));
      break;
    }
    case ReachClass::plane: {
      // Output planes from 1 element to over 65,536 (a third of the class beyond 2^16),
      // a kernel of 2 on the last axis at most.
      const std::int64_t most = std::max<std::int64_t>(1, budget / 2);
      std::int64_t target = draw(0, 2) == 2 ? std::int64_t{65536} + draw(1, 4096)
                                            : std::int64_t{1} << draw(0, 16);
      target = std::min(target, most);
      std::int64_t covered = 1;
      for (int a = 0; a < rank; ++a) {
        const std::int64_t left = (target + covered - 1) / covered;
        const std::int64_t t = a + 1 == rank ? left : share(left, rank - a);
        const Axis axis = axis_with_output(t, a + 1 == rank ? draw(1, 2) : 1, 1);
        p.axes.push_back(axis);
        covered *= output_size(axis);
      }
      break;
    }
    case ReachClass::large_kernel: {
      // FCN-8s/16s/32s upsampling (k16 s8, k32 s16, k64 s32) on one axis of a 1-D or
      // 2-D problem.
      const int axes = static_cast<int>(draw(1, 2));
      const int large = static_cast<int>(draw(0, axes - 1));
      for (int a = 0; a < axes; ++a) {
        if (a != large) {
          draw_axes(p, 1, 16, 1, 30);
          continue;
        }
        Axis f;
        f.kernel = pick<std::int64_t>({16, 32, 64});
        f.stride = f.kernel / 2;
        const std::int64_t room = per_axis / (16 * f.kernel);  // leaves the other axis 16
        f.input = draw(1, std::clamp<std::int64_t>(1 + (room - f.kernel) / f.stride, 1, 12));
        f.output_padding = draw(0, 1) == 1 ? draw(0, f.stride - 1) : 0;
        f.pad_begin = draw(0, f.kernel / 2);
        f.pad_end = draw(0, f.kernel / 2);
        legalize_pads(f);
        p.axes.push_back(f);
      }
      break;
    }
    case ReachClass::fast_path: {
      // stride == kernel (k2-4) or a 1×1 kernel, each with pads on the first axis at least.
      const bool strided = draw(0, 1) == 1;
      for (int a = 0; a < rank; ++a) {
        Axis x;
        x.kernel = strided ? draw(2, 4) : 1;
        x.stride = strided ? x.kernel : draw(1, 3);
        x.input = draw(2, 6);
        x.output_padding = draw(0, x.stride - 1);
        x.pad_begin = draw(a == 0 ? 1 : 0, 2);
        x.pad_end = draw(0, 2);
        legalize_pads(x);
        p.axes.push_back(x);
      }
      break;
    }
    default:
      draw_axes(p, rank, std::min<std::int64_t>(budget, 20000), 1, 60);
      break;
  }
  draw_formats(p);
  fit(p, scale);
  return p;
}

}  // namespace

std::int64_t problem_work(const Problem& p) {
  std::int64_t work = p.batch * p.in_channels * (p.out_channels / p.groups);
  for (const Axis& a : p.axes) work *= axis_work(a);
  return work;
}

ProblemScale problem_scale(std::string_view size, std::optional<std::int64_t> max_elements) {
  ProblemScale scale;
  if (size == "small") {
    scale = {4096, 17, 5};
  } else if (size == "large") {
    scale = {std::int64_t{1} << 22, 513, 16};
  } else if (size != "medium") {
    throw std::invalid_argument("size '" + std::string(size) + "': must be small, medium or large");
  }
  if (max_elements) scale.max_elements = *max_elements;
  return scale;
}

const char* to_string(ReachClass c) {
  switch (c) {
    case ReachClass::out_channels: return "output channels";
    case ReachClass::in_channels: return "input channels";
    case ReachClass::depthwise: return "depthwise";
    case ReachClass::batch: return "batch";
    case ReachClass::width: return "output width";
    case ReachClass::plane: return "output plane";
    case ReachClass::large_kernel: return "large kernel";
    case ReachClass::fast_path: break;
  }
  return "fast path";
}

std::optional<ReachClass> reach_class(int case_index) {
  if (case_index % kReachEvery != kReachEvery - 1) return std::nullopt;
  return static_cast<ReachClass>(case_index / kReachEvery % kReachClasses);
}

rc::Gen<Problem> gen_reach_problem(ReachClass c, ProblemScale scale) {
  return rc::gen::exec([c, scale] { return reach_problem(c, scale); });
}

rc::Gen<Problem> gen_conformance_problem(int case_index, ProblemScale scale) {
  const auto c = reach_class(case_index);
  return rc::gen::map(c ? gen_reach_problem(*c, scale) : gen_problem(), [scale](Problem p) {
    fit(p, scale);
    return p;
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
