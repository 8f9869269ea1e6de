// One call of an adapter, run so that a broken implementation can neither take the
// suite down nor pass a case it did not compute (docs/ADAPTERS.md#isolation):
//  - the operands and the output live in a GuardedBuffer: each tensor between guards,
//    operands read-only, the output filled with the unwritten marker beside a canary;
//  - an in-process adapter runs in a child process of its own, with a memory limit,
//    killed at the timeout: a child of its adapter host for a loaded library
//    (host/adapter_host.h), a fork of this process for a linked-in one; an
//    out-of-process adapter is called directly (its process and timeout do the same);
//  - each in-process call runs twice, each tensor flush against its guard at its end,
//    then (when that completed) at its start, so that an access one element out on
//    either side faults;
//  - what the child reports is never trusted: this process gives one verdict from how
//    it ended and from the bytes it left: timed_out, crashed or aborted (out_of_bounds
//    when the crash was a guard hit or a write to an operand); else out_of_bounds when
//    the canary changed; else the adapter's own failure (error, wrong_shape,
//    protocol_error); else unwritten when an element still holds the marker; else
//    completed.
// `completed` means the output is ready to be compared: it is never a pass by itself.
// Messages start with the canonical problem string.
//
// Forking is safe in a single-threaded caller (the suite's runner and tests are).
#pragma once

#include <chrono>
#include <cstdint>
#include <span>

#include "adapter_interface.h"
#include "call_child.h"
#include "problem.h"

namespace tconv {

struct IsolationOptions {
  // For an in-process call, with call_timeout's allowance for the problem's size
  // (call_timeout.h). An out-of-process adapter has its own (ProcessOptions::timeout).
  std::chrono::milliseconds timeout{10'000};
  // What an in-process call may allocate (RLIMIT_DATA) beyond what its process held
  // when it started: this many MiB plus 8 times the bytes of its tensors. 0: no limit.
  std::int64_t memory_limit_mib = 2048;
  // Where the call runs (docs/ADAPTERS.md#sessions): none, a child of its own; begin or
  // next, a session's child of the adapter host, which keeps the adapter's state from
  // call to call (both placements of a call run there). Out of process, begin starts a
  // fresh adapter process. A linked-in adapter has no sessions: its call is an error.
  SessionStep session = SessionStep::none;
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
