#include "problem.h"

#include <algorithm>
#include <limits>

#include "problem_string.h"

namespace tconv {
namespace {

[[noreturn]] void fail(const std::string& field, std::int64_t value, const std::string& rule) {
  throw ProblemError(field + " = " + std::to_string(value) + ": " + rule);
}

void require_at_least(const std::string& field, std::int64_t value, std::int64_t minimum) {
  if (value < minimum) fail(field, value, "must be >= " + std::to_string(minimum));
}

// Bytes are counted for the widest scalar we run (8 bytes), so that any tensor a
// valid problem describes can be allocated without its size overflowing.
constexpr std::int64_t kMaxElements = std::numeric_limits<std::int64_t>::max() / 8;

std::int64_t product(const std::vector<std::int64_t>& shape, const std::string& what) {
  std::string field = what + " element count of [";
  for (std::size_t i = 0; i < shape.size(); ++i) field += (i ? ", " : "") + std::to_string(shape[i]);
  field += "]";
  std::int64_t n = 1;
  for (std::int64_t d : shape) n = checked_mul(n, d, field);
  if (n > kMaxElements) {
    throw ProblemError(field + " = " + std::to_string(n) + ": exceeds " + std::to_string(kMaxElements));
  }
  return n;
}

std::vector<std::int64_t> unchecked_weight_shape(const Problem& p);

std::vector<std::int64_t> activation_shape(const Problem& p, std::int64_t channels, bool output) {
  std::vector<std::int64_t> shape{p.batch, channels};
  for (const Axis& a : p.axes) shape.push_back(output ? output_size(a) : a.input);
  return shape;
}

}  // namespace

std::int64_t checked_mul(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw ProblemError(what + " overflows 64 bits");
  return r;
}

std::int64_t checked_add(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw ProblemError(what + " overflows 64 bits");
  return r;
}

std::int64_t checked_sub(std::int64_t a, std::int64_t b, const std::string& what) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) throw ProblemError(what + " overflows 64 bits");
  return r;
}

std::int64_t output_size(const Axis& a) {
  const std::string what = "output size";
  std::int64_t full = checked_mul(checked_sub(a.input, 1, what), a.stride, what);
  full = checked_add(full, checked_mul(a.dilation, checked_sub(a.kernel, 1, what), what), what);
  full = checked_add(full, 1, what);
  full = checked_add(full, a.output_padding, what);
  full = checked_sub(full, a.pad_begin, what);
  return checked_sub(full, a.pad_end, what);
}

void validate(const Problem& p) {
  if (p.axes.empty() || p.axes.size() > 3) {
    fail("rank", static_cast<std::int64_t>(p.axes.size()), "must be 1, 2 or 3");
  }
  require_at_least("batch", p.batch, 1);
  require_at_least("in_channels", p.in_channels, 1);
  require_at_least("out_channels", p.out_channels, 1);
  require_at_least("groups", p.groups, 1);
  if (p.in_channels % p.groups != 0) {
    fail("groups", p.groups, "must divide in_channels = " + std::to_string(p.in_channels));
  }
  if (p.out_channels % p.groups != 0) {
    fail("groups", p.groups, "must divide out_channels = " + std::to_string(p.out_channels));
  }
  for (std::size_t i = 0; i < p.axes.size(); ++i) {
    const Axis& a = p.axes[i];
    const std::string at = "axes[" + std::to_string(i) + "].";
    require_at_least(at + "input", a.input, 1);
    require_at_least(at + "kernel", a.kernel, 1);
    require_at_least(at + "stride", a.stride, 1);
    require_at_least(at + "dilation", a.dilation, 1);
    require_at_least(at + "pad_begin", a.pad_begin, 0);
    require_at_least(at + "pad_end", a.pad_end, 0);
    require_at_least(at + "output_padding", a.output_padding, 0);
    const std::int64_t limit = std::max(a.stride, a.dilation);
    if (a.output_padding >= limit) {
      fail(at + "output_padding", a.output_padding,
           "must be < max(stride, dilation) = " + std::to_string(limit));
    }
    std::int64_t out;
    try {
      out = output_size(a);
    } catch (const ProblemError& e) {
      throw ProblemError(at + "output size of input " + std::to_string(a.input) + ", kernel " +
                         std::to_string(a.kernel) + ", stride " + std::to_string(a.stride) +
                         ", dilation " + std::to_string(a.dilation) + ", pads " +
                         std::to_string(a.pad_begin) + " + " + std::to_string(a.pad_end) +
                         ", output_padding " + std::to_string(a.output_padding) + ": " + e.what());
    }
    if (out < 1) {
      fail(at + "pad_begin + pad_end", checked_add(a.pad_begin, a.pad_end, at + "pad_begin + pad_end"),
           "leaves output size " + std::to_string(out) + " (must be >= 1)");
    }
  }
  product(activation_shape(p, p.in_channels, false), "input");
  product(activation_shape(p, p.out_channels, true), "output");
  product(unchecked_weight_shape(p), "weights");
}

std::vector<std::int64_t> input_shape(const Problem& p) {
  validate(p);
  return activation_shape(p, p.in_channels, false);
}

std::vector<std::int64_t> output_shape(const Problem& p) {
  validate(p);
  return activation_shape(p, p.out_channels, true);
}

std::vector<std::int64_t> weight_shape(const Problem& p) {
  validate(p);
  return unchecked_weight_shape(p);
}

namespace {
// Called by validate() after the channel checks, so the divisions are safe.
std::vector<std::int64_t> unchecked_weight_shape(const Problem& p) {
  std::vector<std::int64_t> kernel;
  for (const Axis& a : p.axes) kernel.push_back(a.kernel);
  const std::int64_t in_g = p.in_channels / p.groups, out_g = p.out_channels / p.groups;
  std::vector<std::int64_t> shape;
  switch (p.weight_layout) {
    case WeightLayout::iox: shape = {p.in_channels, out_g}; break;
    case WeightLayout::oix: shape = {p.out_channels, in_g}; break;
    case WeightLayout::xoi: shape = kernel; shape.push_back(out_g); shape.push_back(p.in_channels);
      return shape;
  }
  shape.insert(shape.end(), kernel.begin(), kernel.end());
  return shape;
}
}  // namespace

std::int64_t input_elements(const Problem& p) { return product(input_shape(p), "input"); }
std::int64_t output_elements(const Problem& p) { return product(output_shape(p), "output"); }
std::int64_t weight_elements(const Problem& p) { return product(weight_shape(p), "weights"); }
std::int64_t bias_elements(const Problem& p) {
  validate(p);
  return p.has_bias ? p.out_channels : 0;
}

std::int64_t multiply_adds(const Problem& p) {
  std::int64_t taps = 1;
  for (const Axis& a : p.axes) taps = checked_mul(taps, a.kernel, "kernel taps");
  return checked_mul(checked_mul(input_elements(p), taps, "multiply-adds"),
                     p.out_channels / p.groups, "multiply-adds");
}

void check_operand_sizes(const Problem& p, std::size_t input, std::size_t weights, std::size_t bias,
                         std::size_t output) {
  const struct {
    const char* name;
    std::size_t got;
    std::int64_t want;
  } operands[] = {{"input", input, input_elements(p)},
                  {"weights", weights, weight_elements(p)},
                  {"bias", bias, bias_elements(p)},
                  {"output", output, output_elements(p)}};
  for (const auto& o : operands) {
    if (o.got != static_cast<std::size_t>(o.want)) {
      throw ProblemError(std::string(o.name) + " length = " + std::to_string(o.got) + ": problem " +
                         to_string(p) + " needs " + std::to_string(o.want));
    }
  }
}

const char* to_string(Layout l) { return l == Layout::ncx ? "ncx" : "nxc"; }

const char* to_string(WeightLayout w) {
  switch (w) {
    case WeightLayout::iox: return "iox";
    case WeightLayout::oix: return "oix";
    case WeightLayout::xoi: return "xoi";
  }
  return "?";
}

}  // namespace tconv
