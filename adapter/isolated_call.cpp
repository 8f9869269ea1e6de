#include "isolated_call.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "call_child.h"
#include "call_timeout.h"
#include "compare.h"
#include "guarded_buffer.h"
#include "host/adapter_host.h"
#include "process_adapter.h"
#include "problem_string.h"
#include "process_wait.h"

namespace tconv {
namespace {

// What a call may allocate per byte of its tensors, beyond IsolationOptions::memory_limit_mib:
// room for the buffers a library makes of its operands (im2col, reordered copies).
constexpr std::int64_t kMemoryPerTensorByte = 8;

std::int64_t memory_limit_bytes(const IsolationOptions& options, const GuardedBuffer& buffer) {
  if (options.memory_limit_mib <= 0) return 0;
  return options.memory_limit_mib * (std::int64_t{1} << 20) +
         kMemoryPerTensorByte * static_cast<std::int64_t>(buffer.tensor_bytes());
}

// A linked-in adapter's call in a fork of this process, in a process group of its own.
CallOutcome forked_call(Adapter& adapter, const Problem& p, DType dtype,
                        const GuardedBuffer& buffer, const CallRequest& request,
                        std::chrono::milliseconds timeout) {
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe");
  // Else an adapter calling exit() would write the suite's buffered output a second time.
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    close(report[0]);
    run_call_child(adapter, p, dtype, buffer.base(), request, report[1]);
  }
  const int fork_error = errno;
  close(report[1]);
  if (pid < 0) {
    close(report[0]);
    throw std::system_error(fork_error, std::generic_category(), "fork");
  }
  setpgid(pid, pid);  // whichever of the two runs first
  const ExitStatus ended = wait_until(pid, Clock::now() + timeout, Kill::group);
  CallOutcome outcome = read_outcome(report[0], ended.wait_status);
  close(report[0]);
  if (ended.killed) outcome.ending = CallOutcome::Ending::timed_out;
  return outcome;
}

// Where an access landed, from the start of the tensor it is attributed to.
std::string position_text(Operand operand, std::int64_t offset, const GuardedBuffer& buffer,
                          DType dtype) {
  const auto size = static_cast<std::int64_t>(element_size(dtype));
  const auto elements = static_cast<std::int64_t>(buffer.bytes(operand)) / size;
  const std::int64_t element = offset >= 0 ? offset / size : -((-offset + size - 1) / size);
  const std::string name = to_string(operand);
  return "at byte offset " + std::to_string(offset) + " from the " + name + "'s start (element " +
         std::to_string(element) + "; the " + name + " has elements 0.." +
         std::to_string(elements - 1) + ")";
}

// out_of_bounds when a SIGSEGV or SIGBUS ended the call in a guard or a read-only
// tensor, else nullopt.
std::optional<CallResult> fault_result(const CallOutcome& o, const GuardedBuffer& buffer,
                                       DType dtype) {
  if (!WIFSIGNALED(o.wait_status) || !o.fault_offset) return std::nullopt;
  const int signal = WTERMSIG(o.wait_status);
  if (signal != SIGSEGV && signal != SIGBUS) return std::nullopt;
  const std::optional<GuardedBuffer::Location> hit = buffer.locate(*o.fault_offset);
  if (!hit) return std::nullopt;
  const std::string name = to_string(hit->operand);
  std::string what;
  if (hit->in_guard) {
    what = o.access == Access::write ? "wrote to" : o.access == Access::read ? "read" : "accessed";
    what +=
        std::string(" the guard region ") + (hit->offset < 0 ? "before" : "after") + " the " + name;
  } else {
    what = "wrote to the read-only " + name;
  }
  return CallResult{Verdict::out_of_bounds,
                    what + " " + position_text(hit->operand, hit->offset, buffer, dtype) +
                        ", killed by " + signal_name(signal)};
}

// The verdict a call's end gives before its output is inspected.
CallResult ended_call(const CallOutcome& o, const GuardedBuffer& buffer, DType dtype,
                      std::chrono::milliseconds timeout) {
  switch (o.ending) {
    case CallOutcome::Ending::returned:
      if (o.compute_ok) return {Verdict::completed, ""};
      return {Verdict::error, o.message.empty() ? "failed (no message)" : o.message};
    case CallOutcome::Ending::timed_out:
      return {Verdict::timed_out,
              "no result within " + std::to_string(timeout.count()) + " ms: killed"};
    case CallOutcome::Ending::host_failed: return {Verdict::crashed, o.message};
    case CallOutcome::Ending::died: break;
  }
  if (std::optional<CallResult> fault = fault_result(o, buffer, dtype)) return *fault;
  CallResult r = exit_result(o.wait_status);
  if (!WIFSIGNALED(o.wait_status)) r.message += " before compute returned";
  return r;
}

// The verdict once the buffer has been inspected (isolated_call.h gives the order).
CallResult inspect(CallResult call, const GuardedBuffer& buffer, const Problem& p, DType dtype) {
  const Verdict v = call.verdict;
  if (v == Verdict::timed_out || v == Verdict::crashed || v == Verdict::aborted ||
      v == Verdict::out_of_bounds) {
    return call;  // the process ended abnormally: that says it all
  }
  if (const auto changed = buffer.changed_canary()) {
    return {Verdict::out_of_bounds, std::string("changed the canary ") +
                                        (*changed < 0 ? "before" : "after") + " the output " +
                                        position_text(Operand::output, *changed, buffer, dtype)};
  }
  if (call.verdict != Verdict::completed) return call;
  if (const GuardedBuffer::Unwritten u = buffer.unwritten(); u.count > 0) {
    return {Verdict::unwritten,
            "returned success but left " + std::to_string(u.count) + " of " +
                std::to_string(output_elements(p)) +
                " output elements unwritten (still the poison), the first at output" +
                format_output_coordinate(p, u.first) + " (offset " + std::to_string(u.first) + ")"};
  }
  return call;
}

// One call with the buffer placed as given, in a fresh child or the session's.
CallResult placed_call(Adapter& adapter, const Problem& p, DType dtype, const Operands& operands,
                       GuardedBuffer& buffer, Placement placement, const IsolationOptions& options,
                       SessionStep session) {
  buffer.place(placement);
  CallResult call;
  if (adapter.runs_out_of_process()) {
    call = adapter.compute(p, dtype, operands, buffer.output());
  } else {
    const CallRequest request{buffer.layout(), memory_limit_bytes(options, buffer)};
    const std::chrono::milliseconds timeout = call_timeout(options.timeout, p);
    AdapterHost* host = adapter.host();
    const CallOutcome outcome = host ? host->call(p, dtype, buffer, request, timeout, session)
                                     : forked_call(adapter, p, dtype, buffer, request, timeout);
    call = ended_call(outcome, buffer, dtype, timeout);
  }
  return inspect(std::move(call), buffer, p, dtype);
}

}  // namespace

CallResult isolated_call(Adapter& adapter, const Problem& p, DType dtype, const Operands& operands,
                         void* output, const IsolationOptions& options) {
  const SessionStep session = options.session;
  if (session != SessionStep::none && !adapter.host() && !adapter.runs_out_of_process()) {
    throw std::invalid_argument(
        "a session needs an adapter library in its host or an adapter process, not a "
        "linked-in adapter");
  }
  // Out of process, a session's first call meets a fresh adapter process.
  if (session == SessionStep::begin) {
    if (auto* process = dynamic_cast<ProcessAdapter*>(&adapter)) process->end_child();
  }
  GuardedBuffer buffer(p, dtype, operands);
  CallResult result =
      placed_call(adapter, p, dtype, operands, buffer, Placement::flush_end, options, session);
  // Each tensor's start against its guard: an access just before one faults too. An
  // out-of-process adapter touches no memory of the suite's: once is enough.
  if (result.verdict == Verdict::completed && !adapter.runs_out_of_process()) {
    result = placed_call(adapter, p, dtype, operands, buffer, Placement::flush_start, options,
                         session == SessionStep::none ? session : SessionStep::next);
  }
  std::memcpy(output, buffer.output(), buffer.output_bytes());
  result.message = to_string(p) + (result.message.empty() ? "" : ": " + result.message);
  return result;
}

}  // namespace tconv
