// What an adapter declares it supports (tconv_capabilities, include/tconv/adapter.h),
// checked before a case is run: a case outside the declaration is unsupported, never
// a pass or a failure.
#pragma once

#include <tconv/adapter.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "adapter_interface.h"
#include "problem.h"

namespace tconv {

// The name of the first thing problem p in dtype needs that caps does not declare:
// "3-D", "float32", "layout nxc", "weights oix", one of the feature names below, or
// "batch 4 > max_batch 2". nullopt when everything p needs is declared.
std::optional<std::string> unsupported_feature(const tconv_capabilities& caps, const Problem& p,
                                               DType dtype);

// The optional features by name (as the protocol's handshake writes them).
struct FeatureFlag {
  const char*
      name;  // "grouped", "depthwise", "dilation", "output_padding", "asymmetric_pads", "bias"
  std::uint32_t flag;  // TCONV_FEATURE_*
};
std::span<const FeatureFlag> feature_flags();

// What is wrong with a declaration, naming the field and its value, e.g.
// "tconv_capabilities.features = 0x40: unknown bits 0x40 (known: 0x3f)" or
// "tconv_capabilities.max_batch = -1: must be >= 0 (0: no limit)"; nullopt when every
// mask holds only bits this suite knows and max_batch is not negative. The rules of the
// protocol's handshake too.
std::optional<std::string> invalid_capabilities(const tconv_capabilities& caps);

// One line, e.g. "ranks 1-D 2-D; dtypes float32; layouts ncx; weights iox; features
// bias; max_batch unlimited".
std::string describe(const tconv_capabilities& caps);

}  // namespace tconv
