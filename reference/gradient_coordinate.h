// Names for the elements of the training directions' outputs (backward.h), so that a
// failure reads "grad_weights[group=1, ci=0, co=2, k=(1, 1)]" rather than an offset.
// Shared by the tests and the properties; messages only, no arithmetic depends on it.
#pragma once

#include <cstdint>
#include <string>

#include "problem.h"

namespace tconv {

enum class GradientTensor { input, weights, bias };  // grad_input, grad_weights, grad_bias

const char* to_string(GradientTensor t);

// The logical coordinate of element `offset` of a gradient of problem p, in the tensor's
// own layout: "[n=0, c=1, i=(2, 0)]", "[group=1, ci=0, co=2, k=(1, 1)]" (channels within
// the group), "[c=3]". Throws ProblemError if p is invalid or offset is out of range.
std::string gradient_coordinate(const Problem& p, GradientTensor t, std::int64_t offset);

}  // namespace tconv
