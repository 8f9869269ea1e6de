#include "capabilities.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

namespace tconv {
namespace {

constexpr std::array<FeatureFlag, 6> kFeatures{{
    {"grouped", TCONV_FEATURE_GROUPED},
    {"depthwise", TCONV_FEATURE_DEPTHWISE},
    {"dilation", TCONV_FEATURE_DILATION},
    {"output_padding", TCONV_FEATURE_OUTPUT_PADDING},
    {"asymmetric_pads", TCONV_FEATURE_ASYMMETRIC_PADS},
    {"bias", TCONV_FEATURE_BIAS},
}};

bool has(std::uint32_t mask, std::uint32_t bits) { return (mask & bits) == bits; }

// Layout, WeightLayout and DType list their values in the ABI's order (adapter.cpp),
// so static_cast<int> gives each one's bit in a capability mask.

std::string rank_name(int rank) { return std::to_string(rank) + "-D"; }

// The features p uses, as TCONV_FEATURE_* flags.
std::uint32_t features_used(const Problem& p) {
  const auto any_axis = [&](auto pred) { return std::any_of(p.axes.begin(), p.axes.end(), pred); };
  std::uint32_t used = 0;
  if (p.groups > 1) {
    used |= p.groups == p.in_channels ? TCONV_FEATURE_DEPTHWISE : TCONV_FEATURE_GROUPED;
  }
  if (any_axis([](const Axis& a) { return a.dilation > 1; })) used |= TCONV_FEATURE_DILATION;
  if (any_axis([](const Axis& a) { return a.output_padding > 0; })) {
    used |= TCONV_FEATURE_OUTPUT_PADDING;
  }
  if (any_axis([](const Axis& a) { return a.pad_begin != a.pad_end; })) {
    used |= TCONV_FEATURE_ASYMMETRIC_PADS;
  }
  if (p.has_bias) used |= TCONV_FEATURE_BIAS;
  return used;
}

}  // namespace

std::span<const FeatureFlag> feature_flags() { return kFeatures; }

std::optional<std::string> unsupported_feature(const tconv_capabilities& caps, const Problem& p,
                                               DType dtype) {
  validate(p);
  if (!has(caps.ranks, 1u << (p.rank() - 1))) return rank_name(p.rank());
  if (!has(caps.dtypes, TCONV_BIT(static_cast<int>(dtype)))) return to_string(dtype);
  if (!has(caps.layouts, TCONV_BIT(static_cast<int>(p.layout)))) {
    return std::string("layout ") + to_string(p.layout);
  }
  if (!has(caps.weight_layouts, TCONV_BIT(static_cast<int>(p.weight_layout)))) {
    return std::string("weights ") + to_string(p.weight_layout);
  }
  const std::uint32_t used = features_used(p);
  for (const FeatureFlag& f : kFeatures) {
    if (has(used, f.flag) && !has(caps.features, f.flag)) return f.name;
  }
  if (caps.max_batch > 0 && p.batch > caps.max_batch) {
    return "batch " + std::to_string(p.batch) + " > max_batch " + std::to_string(caps.max_batch);
  }
  return std::nullopt;
}

std::optional<std::string> invalid_capabilities(const tconv_capabilities& caps) {
  std::uint32_t features = 0;
  for (const FeatureFlag& f : kFeatures) features |= f.flag;
  const struct {
    const char* field;
    std::uint32_t mask, known;
  } masks[] = {
      {"ranks", caps.ranks, TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D},
      {"dtypes", caps.dtypes,
       TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64)},
      {"layouts", caps.layouts, TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC)},
      {"weight_layouts", caps.weight_layouts,
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI)},
      {"features", caps.features, features},
  };
  const auto hex = [](std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%x", v);
    return std::string(text);
  };
  for (const auto& m : masks) {
    if (const std::uint32_t unknown = m.mask & ~m.known) {
      return std::string("tconv_capabilities.") + m.field + " = " + hex(m.mask) +
             ": unknown bits " + hex(unknown) + " (known: " + hex(m.known) + ")";
    }
  }
  if (caps.max_batch < 0) {
    return "tconv_capabilities.max_batch = " + std::to_string(caps.max_batch) +
           ": must be >= 0 (0: no limit)";
  }
  return std::nullopt;
}

std::string describe(const tconv_capabilities& caps) {
  std::string s = "ranks";
  const auto add = [&s](std::string_view name) {
    s += ' ';
    s += name;
  };
  for (int rank = 1; rank <= 3; ++rank) {
    if (has(caps.ranks, 1u << (rank - 1))) add(rank_name(rank));
  }
  s += "; dtypes";
  for (DType d : {DType::float32, DType::float64, DType::int64}) {
    if (has(caps.dtypes, TCONV_BIT(static_cast<int>(d)))) add(to_string(d));
  }
  s += "; layouts";
  for (Layout l : {Layout::ncx, Layout::nxc}) {
    if (has(caps.layouts, TCONV_BIT(static_cast<int>(l)))) add(to_string(l));
  }
  s += "; weights";
  for (WeightLayout w : {WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi}) {
    if (has(caps.weight_layouts, TCONV_BIT(static_cast<int>(w)))) add(to_string(w));
  }
  s += "; features";
  for (const FeatureFlag& f : kFeatures) {
    if (has(caps.features, f.flag)) add(f.name);
  }
  s += "; max_batch ";
  s += caps.max_batch > 0 ? std::to_string(caps.max_batch) : "unlimited";
  return s;
}

}  // namespace tconv
