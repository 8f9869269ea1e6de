// The same logical tensor in other layouts: how a layer is handed to an adapter that
// declares only the other activation or weight layout, and how its output is read back.
#pragma once

#include <span>
#include <vector>

#include "problem.h"

namespace tconv::bench {

enum class Tensor { input, weights, output };

// Tensor `t` of problem `from`, rearranged into the layouts of `to` (the same problem
// but for its layout and weight_layout).
std::vector<float> relayout(Tensor t, const Problem& from, const Problem& to,
                            std::span<const float> data);

}  // namespace tconv::bench
