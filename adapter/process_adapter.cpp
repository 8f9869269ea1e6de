#include "process_adapter.h"

#include <new>

#include "call_timeout.h"
#include "protocol.h"

namespace tconv {
namespace {

std::string command_text(const std::vector<std::string>& command) {
  std::string s;
  for (const std::string& a : command) s += (s.empty() ? "" : " ") + a;
  return s;
}

std::string milliseconds(std::chrono::milliseconds t) { return std::to_string(t.count()) + " ms"; }

// Now + t, or the end of time for a t that would overflow the clock.
Clock::time_point deadline_after(std::chrono::milliseconds t) {
  const auto now = Clock::now();
  return t >= std::chrono::duration_cast<std::chrono::milliseconds>(Clock::time_point::max() - now)
             ? Clock::time_point::max()
             : now + t;
}

// How long a child that closed its end of the socket gets to exit before it is killed.
constexpr std::chrono::seconds kExitGrace{1};

// How a child that closed its end of the socket ended.
CallResult closed_result(ChildProcess& child) {
  const ExitStatus status = child.stop(Clock::now() + kExitGrace);
  if (status.killed) return {Verdict::crashed, "closed its stdout without exiting (killed)"};
  return exit_result(status.wait_status);
}

}  // namespace

ProcessAdapter::ProcessAdapter(std::vector<std::string> command, ProcessOptions options)
    : command_(std::move(command)), options_(options), child_(start()) {}

std::unique_ptr<ChildProcess> ProcessAdapter::start() {
  const std::string what = "adapter command '" + command_text(command_) + "'";
  auto child = std::make_unique<ChildProcess>(command_);
  const auto refuse = [&](const std::string& why) {
    child->stop(Clock::now());  // killed now: it is not an adapter this suite can use
    return AdapterError(what + ": " + why);
  };
  std::string line;
  switch (child->read_line(line, deadline_after(options_.startup_timeout), kMaxHandshakeBytes)) {
    case ChildProcess::Io::ok: break;
    case ChildProcess::Io::timed_out:
      throw refuse("no handshake within " + milliseconds(options_.startup_timeout));
    case ChildProcess::Io::too_long:
      throw refuse("a handshake longer than " + std::to_string(kMaxHandshakeBytes) +
                   " bytes, the limit");
    case ChildProcess::Io::closed:
      throw AdapterError(what + ": " + closed_result(*child).message + " before its handshake");
  }
  try {
    const AdapterInfo info = parse_handshake(line);
    if (info_.name.empty()) info_ = info;  // a restarted child keeps the first declaration
  } catch (const AdapterError& e) {
    throw refuse(e.what());
  }
  return child;
}

CallResult ProcessAdapter::lose_child(CallResult why) {
  if (child_) child_->stop(Clock::now());  // killed now if it is still running
  child_.reset();
  return why;
}

CallResult ProcessAdapter::compute(const Problem& p, DType dtype, const Operands& operands,
                                   void* output) {
  try {
    return call(p, dtype, operands, output);
  } catch (const std::bad_alloc&) {
    // A reply within its length limit can still take more memory than there is to
    // parse: the call fails, the run goes on.
    return lose_child({Verdict::protocol_error,
                       "the suite ran out of memory during the call (std::bad_alloc); the "
                       "adapter process was killed"});
  }
}

CallResult ProcessAdapter::call(const Problem& p, DType dtype, const Operands& operands,
                                void* output) {
  if (!child_) {
    try {
      child_ = start();
      ++restarts_;
    } catch (const AdapterError& e) {
      return {Verdict::crashed, std::string("could not restart the adapter: ") + e.what()};
    }
  }
  const std::int64_t id = next_id_++;
  const std::chrono::milliseconds timeout = call_timeout(options_.timeout, p);
  const auto deadline = deadline_after(timeout);
  std::string reply;
  const std::size_t max_bytes = max_reply_bytes(p);
  ChildProcess::Io io = child_->write_line(request_line(id, p, dtype, operands), deadline);
  if (io == ChildProcess::Io::ok) io = child_->read_line(reply, deadline, max_bytes);
  if (io == ChildProcess::Io::too_long) {
    return lose_child({Verdict::protocol_error,
                       "the reply to request " + std::to_string(id) + " is longer than " +
                           std::to_string(max_bytes) + " bytes, the limit for " +
                           std::to_string(output_elements(p)) + " output values (" +
                           std::to_string(kReplyBytesPerValue) + " bytes each + " +
                           std::to_string(kReplyEnvelopeBytes) +
                           "); the adapter process was killed"});
  }
  if (io == ChildProcess::Io::timed_out) {
    return lose_child({Verdict::timed_out, "no reply within " + milliseconds(timeout) +
                                               "; the adapter process was killed"});
  }
  if (io == ChildProcess::Io::closed) {
    CallResult ended = closed_result(*child_);
    ended.message =
        "the adapter process ended during request " + std::to_string(id) + ": " + ended.message +
        (reply.empty() ? "" : ", after " + std::to_string(reply.size()) + " bytes of a reply");
    return lose_child(ended);
  }
  CallResult result = read_response(reply, id, p, dtype, output);
  // After a reply it cannot read, the stream may be out of step: start afresh.
  return result.verdict == Verdict::protocol_error ? lose_child(result) : result;
}

}  // namespace tconv
