// The realistic layers tconv_bench measures: those of the suite's one list of real
// layers (conformance/real_layers.h) marked benchmarked, all batch 1 in float32, each in
// the layouts of the framework it comes from.
#pragma once

#include "real_layers.h"

namespace tconv::bench {

using Layer = RealLayer;

}  // namespace tconv::bench
