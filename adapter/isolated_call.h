// One call of an adapter, run so that a broken implementation can neither take the
// suite down nor pass a case it did not compute (docs/ADAPTERS.md#isolation):
//  - the output lives in a GuardedBuffer: filled with the unwritten marker, between
//    canaries and guard pages, in shared memory;
//  - an in-process adapter runs in a forked child, killed at the timeout; an
//    out-of-process adapter is called directly (its process and timeout do the same);
//  - the parent then gives one verdict: timed_out, crashed or aborted (out_of_bounds
//    when the crash was a guard page hit); else out_of_bounds when a canary changed;
//    else the adapter's own failure (error, wrong_shape, protocol_error); else
//    unwritten when an element still holds the marker; else completed.
// `completed` means the output is ready to be compared: it is never a pass by itself.
// Messages start with the canonical problem string.
//
// Forking is safe in a single-threaded caller (the suite's runner and tests are).
#pragma once

#include <chrono>
#include <span>

#include "adapter_interface.h"
#include "problem.h"

namespace tconv {

struct IsolationOptions {
  // For a forked call. An out-of-process adapter has its own (ProcessOptions::timeout).
  std::chrono::milliseconds timeout{10'000};
};

// Runs the call and copies the output (whatever the verdict) into `output`,
// output_elements(p) values of dtype.
CallResult isolated_call(Adapter& adapter, const Problem& p, DType dtype, const Operands& operands,
                         void* output, const IsolationOptions& options = {});

// The same with typed operands, their lengths checked against p (ProblemError).
template <class T>
CallResult isolated_call(Adapter& adapter, const Problem& p, std::span<const T> input,
                         std::span<const T> weights, std::span<const T> bias, std::span<T> output,
                         const IsolationOptions& options = {}) {
  check_operand_sizes(p, input.size(), weights.size(), bias.size(), output.size());
  return isolated_call(adapter, p, dtype_of<T>(),
                       {input.data(), weights.data(), p.has_bias ? bias.data() : nullptr},
                       output.data(), options);
}

}  // namespace tconv
