// The process that runs one call of an in-process adapter (docs/ADAPTERS.md#isolation):
// forked by the adapter host for a loaded library (host/adapter_host.h), or by the
// suite itself for a linked-in adapter (isolated_call.cpp). It maps the call's
// GuardedBuffer, protects it (guards PROT_NONE, operands PROT_READ), caps its memory,
// records where a SIGSEGV or SIGBUS hit, runs init and compute, and reports through a
// pipe; its parent reads that report and its exit into a CallOutcome.
//
// A CallOutcome is the adapter's word, never trusted: it can only make a verdict worse.
// "returned" means only that the suite may now inspect the buffer's bytes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

#include "adapter_interface.h"
#include "guarded_buffer.h"
#include "problem.h"

namespace tconv {

// What a call child is given besides the buffer.
struct CallRequest {
  CallLayout layout;
  // What the call may allocate (RLIMIT_DATA) beyond what its process held when it
  // started; 0 for no limit.
  std::int64_t memory_limit_bytes;
};

// Where a call runs: in a child of its own (none), or in a session's child, the first
// call of a new session (begin, ending any earlier one) or the next (next).
enum class SessionStep : std::int32_t { none, begin, next };

// How the adapter touched the address that faulted, where the machine says (x86-64).
enum class Access : std::int32_t { unknown, read, write };

struct CallOutcome {
  enum class Ending : std::int32_t {
    returned,     // compute returned; compute_ok tells its status
    died,         // the child ended otherwise: wait_status
    timed_out,    // killed at the timeout (set by the suite)
    host_failed,  // the adapter host itself failed: message
  };
  Ending ending = Ending::died;
  bool compute_ok = false;
  int wait_status = 0;
  std::optional<std::int64_t> fault_offset;  // in the mapping, of a SIGSEGV or SIGBUS
  Access access = Access::unknown;
  std::string message;  // compute's error, at most kMaxMessageBytes
};

inline constexpr std::size_t kMaxMessageBytes = 1024;

// A session (docs/ADAPTERS.md#sessions): one child runs a sequence of calls, so that
// what the adapter keeps between calls survives as in a real program. It calls
// prepare_call_process once, then run_call for each call, which reports through
// report_fd as run_call_child does and returns. In a session only the soft memory
// limit is set, per call: a hard one could not be raised for a larger call.
void prepare_call_process();
void run_call(Adapter& adapter, const Problem& p, DType dtype, unsigned char* base,
              const CallRequest& request, int report_fd, bool in_session);

// In the parent of a session child, once it has been sent a call: waits for its
// report. A call that returned leaves the child running (child_ended false); else the
// child is reaped (killed first when what it wrote is no record) and the outcome says
// how it ended.
CallOutcome await_session_call(int report_fd, pid_t child, bool& child_ended);

// In the child: never returns. Its stdout becomes its stderr; report_fd is the write
// end of the pipe its parent reads with read_outcome. `base` maps the buffer's memfd.
[[noreturn]] void run_call_child(Adapter& adapter, const Problem& p, DType dtype,
                                 unsigned char* base, const CallRequest& request, int report_fd);

// In the parent, once the child has ended with `wait_status`: what it reported. Reads
// what the pipe holds without waiting (a grandchild may keep it open).
CallOutcome read_outcome(int report_fd, int wait_status);

}  // namespace tconv
