// Deliberately broken transposed convolutions, one bug each, to prove that every
// property catches the kind of mistake it is there for (bite_tests.cpp).
#pragma once

#include "implementation.h"

namespace tconv::properties {

enum class Mutation {
  pads_swapped,             // o = i·s + k·d − pad_end: the pads removed from the wrong sides
  kernel_flipped,           // taps read backwards, w[K−1−k]: a flip where none belongs
  input_flipped,            // input read backwards, x[I−1−i]: the flip put on the wrong operand
  stride_dilation_swapped,  // o = i·d + k·s − pad_begin
  output_padding_ignored,   // nothing lands in the last output_padding elements, only the bias
  groups_interleaved,       // group j owns channels j, j+g, j+2g, ... instead of a block
  bias_per_contribution,    // the bias added with every product instead of once
  bias_where_reached,       // the bias only on elements that some input reaches
  layout_ignored,           // activations always addressed channels-first
  weight_layout_ignored,    // weights always addressed [Cin, Cout/g, k...]
  fused_relu,               // the output clamped at 0
  bfloat16_operands,        // real operands rounded to 8 significant bits before use
};

const char* to_string(Mutation m);

// The direct scatter with the one bug `m`.
Implementation mutant(Mutation m);

}  // namespace tconv::properties
