// The suite's side of tconv-adapter-host (host_main.cpp): a shared-library adapter
// loaded and called in a process of its own, never in the suite's (docs/ADAPTERS.md
// #isolation). The host runs in a process group of its own under a ProcessKeeper
// (process_keeper.h), which kills it and everything it started when it is stopped: at
// a timeout and at the end. Its stdout goes to its stderr, which reaches the suite's
// marked (stderr_relay.h): nothing it prints can pass for a line of the suite's output.
//
// Loading has a deadline; a library whose constructor crashes or hangs is an
// AdapterError, never the suite's crash or hang. Each call has a deadline: a host that
// misses it is killed, and the next call starts a fresh one, as it does after the host
// ended for any reason.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "adapter_interface.h"
#include "call_child.h"
#include "guarded_buffer.h"

namespace tconv {

class AdapterHost {
 public:
  // Starts the host on the library and checks its declaration. AdapterError if it
  // cannot be started, does not load (in load_timeout), or declares what it must not.
  AdapterHost(std::string library_path, std::chrono::milliseconds load_timeout);
  ~AdapterHost();
  AdapterHost(const AdapterHost&) = delete;
  AdapterHost& operator=(const AdapterHost&) = delete;

  const AdapterInfo& info() const { return info_; }

  // Runs one call on the buffer as it is placed, in a child of the host (or the
  // session's child, `session`), and says how it ended; never throws for anything the
  // adapter does. A host that is killed or ends takes its session with it.
  CallOutcome call(const Problem& p, DType dtype, const GuardedBuffer& buffer,
                   const CallRequest& request, std::chrono::milliseconds timeout,
                   SessionStep session = SessionStep::none);

 private:
  struct Process;
  std::unique_ptr<Process> start();  // a host past its declaration, checked

  std::string library_path_;
  std::chrono::milliseconds load_timeout_;
  AdapterInfo info_;
  std::unique_ptr<Process> process_;  // null after it ended, until the next call
  std::uint32_t next_id_ = 0;
};

// The tconv-adapter-host to start: $TCONV_ADAPTER_HOST when set; else the one beside
// the running program (an installed tconv-conform); else this build's; else the
// installed one.
std::string adapter_host_executable();

}  // namespace tconv
