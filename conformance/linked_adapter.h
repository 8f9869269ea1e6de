// For the tests of the conformance checks: adapters linked into the test through the C
// ABI, computing with the suite's direct scatter, correctly or with one deliberate bug.
#pragma once

#include <tconv/adapter.h>

#include <memory>

#include "adapter_interface.h"

namespace tconv::testing {

enum class Bug {
  none,
  scaled,            // every output times (1 + 2^-12): linear, but not the reference
  plus_one,          // every output plus 1: not linear
  relu,              // max(output, 0): not linear
  drops_last_input,  // the last input element read as 0: linear, but not the reference
  bumps_offset_1,    // output element 1 (physical offset) plus 1
};

// An adapter with `bug`, declaring every capability but only the dtypes given
// (TCONV_BIT(TCONV_FLOAT32) | ...), and ranks as given.
std::unique_ptr<Adapter> linked_adapter(Bug bug,
                                        std::uint32_t dtypes = TCONV_BIT(TCONV_FLOAT32) |
                                                               TCONV_BIT(TCONV_FLOAT64) |
                                                               TCONV_BIT(TCONV_INT64),
                                        std::uint32_t ranks = TCONV_RANK_1D | TCONV_RANK_2D |
                                                              TCONV_RANK_3D);

// An out-of-process adapter in name (its compute runs in the suite's process) whose
// compute throws std::bad_alloc, as the suite's side of a call can when memory runs
// out: the case must fail with `error`, the run go on. Declares what linked_adapter does.
std::unique_ptr<Adapter> out_of_memory_adapter();

}  // namespace tconv::testing
