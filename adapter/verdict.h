// What became of one call of an adapter, and of one case: a single list, so that
// the runner counts exactly one outcome per case (docs/ADAPTERS.md#verdicts).
#pragma once

#include <string>

namespace tconv {

enum class Verdict {
  completed,       // the call returned success, wrote every element and nothing else;
                   // not yet compared, so not a pass
  passed,          // completed and equal to the reference (exact, or within the bound)
  unsupported,     // outside the adapter's declared capabilities: not run, not counted
  wrong_values,    // completed, an element differs from the reference
  non_finite,      // completed, NaN or Inf where the reference is finite
  error,           // the adapter returned an error status, with its message
  crashed,         // killed by a signal, or exited, before it returned
  aborted,         // killed by SIGABRT (abort, a failed assert, std::terminate)
  timed_out,       // killed after the timeout
  out_of_bounds,   // wrote outside the output (a canary changed, or a guard page was hit)
  unwritten,       // returned success but left output elements unwritten
  wrong_shape,     // out-of-process: the output's shape is not the problem's
  protocol_error,  // out-of-process: a reply that does not follow the protocol
};

const char* to_string(Verdict v);

// A verdict with what happened, e.g. "killed by SIGSEGV (Segmentation fault)".
struct CallResult {
  Verdict verdict;
  std::string message;
};

}  // namespace tconv
