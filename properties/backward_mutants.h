// Deliberately broken training directions, one bug each, to prove that every backward
// property catches the kind of mistake it is there for (backward_bite_tests.cpp).
#pragma once

#include "backward_implementation.h"

namespace tconv::properties {

enum class WeightGradientMutation {
  blocks_transposed,     // each group's [Cin/g x Cout/g] block of ∂L/∂w stored as
                         // [Cout/g x Cin/g]: the group blocks transposed
  dilation_ignored,      // taps taken 1 apart: o = i·s + k − pad_begin
  bias_over_wrong_axes,  // ∂L/∂b reduced over the axes of a channels-first ∂L/∂y, whatever
                         // its layout
  accumulated,           // ∂L/∂w and ∂L/∂b added into the buffer instead of overwriting it
  relu_masked,           // ∂L/∂y clamped at 0 before use: a ReLU's backward where none is
};

enum class DataGradientMutation {
  pads_swapped,    // o = i·s + k·d − pad_end: the pads taken from the wrong sides
  kernel_flipped,  // taps read backwards, w[K−1−k]: a flip where none belongs
  relu_masked,     // ∂L/∂y clamped at 0 before use: a ReLU's backward where none is
};

const char* to_string(WeightGradientMutation m);
const char* to_string(DataGradientMutation m);

// The direct correlation of x with ∂L/∂y with the one bug `m`.
WeightGradientImplementation weight_gradient_mutant(WeightGradientMutation m);

// The gather along o = i·s + k·d − pad_begin with the one bug `m`.
DataGradientImplementation data_gradient_mutant(DataGradientMutation m);

}  // namespace tconv::properties
