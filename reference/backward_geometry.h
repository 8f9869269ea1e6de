// The boundary every backward reference runs first, as checked_geometry (geometry.h) is
// for the forward ones: validates the problem and the operand lengths, naming the
// operand as docs/CONVENTIONS.md#training-directions does ("grad_output length = 17:
// problem ... needs 18"), then builds the geometry.
#pragma once

#include <cstddef>

#include "geometry.h"
#include "problem.h"

namespace tconv {

// bwd_data: grad_output (output-shaped), weights -> grad_input (input-shaped).
Geometry checked_data_gradient_geometry(const Problem& p, std::size_t grad_output,
                                        std::size_t weights, std::size_t grad_input);

// bwd_weights: input, grad_output -> grad_weights, grad_bias ([Cout] or empty).
Geometry checked_weight_gradient_geometry(const Problem& p, std::size_t input,
                                          std::size_t grad_output, std::size_t grad_weights,
                                          std::size_t grad_bias);

}  // namespace tconv
