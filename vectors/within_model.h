// A framework can return the output of a request that the model rejects only for its
// pads or output_padding: a negative pad, or an output_padding below 0 or at least
// max(stride, dilation) (vectors/FINDINGS.md). Such a problem computes the same output
// as a valid one whose kernel has zero taps added:
//  - m taps before the kernel move every landing o = i·s + k·d − pad_begin by m·d,
//    which pad_begin + m·d moves back; so a negative pad_begin becomes pad_begin + m·d ≥ 0;
//  - taps after the kernel lengthen the full output at its end, where pad_end then
//    removes what output_padding or a negative pad_end does not add.
// Output shape and values are unchanged: the added taps are zero. The vector tests use
// this to compute such a problem with the references, which accept valid problems only.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "problem.h"

namespace tconv {

struct ZeroTapRewrite {
  Problem problem;                         // valid
  std::vector<std::int64_t> leading_taps;  // zero taps added before each axis's kernel
};

// The identity for a valid problem. Throws ProblemError when the problem is invalid for
// another reason (batch, channels, groups, sizes, kernel, stride, dilation) or its
// output is empty.
ZeroTapRewrite rewrite_within_model(const Problem& p);

// The weights of p (in its weight layout) with the rewrite's zero taps added, in the
// same layout; throws ProblemError unless `weights` has p's length.
std::vector<double> rewritten_weights(const Problem& p, const ZeroTapRewrite& rewrite,
                                      std::span<const double> weights);

// The physical output shape, in the problem's layout, of a problem that is valid or
// rewritable as above (throws ProblemError otherwise).
std::vector<std::int64_t> physical_output_shape(const Problem& p);

// [N, C, spatial...] in `layout`'s order.
std::vector<std::int64_t> physical_activation_shape(Layout layout,
                                                    std::vector<std::int64_t> logical);

}  // namespace tconv
