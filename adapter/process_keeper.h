// The keeper of an adapter command: a process forked by the suite that starts the
// command in a process group of its own and makes itself the subreaper of everything
// the command starts. When the command ends, or the suite asks (ends its side of the
// channel, or dies), the keeper kills the command, its process group, and every process
// left behind, even one that left the group (setsid): orphaned, those become the
// keeper's children, which it kills and reaps until none is left. Then it reports how
// the command ended and exits. So an adapter leaves nothing running after it, and its
// end is seen at once, even while a grandchild holds its stdout open.
// Like isolated_call, it forks: for a single-threaded caller.
// Not covered: an adapter that kills its own keeper with SIGKILL leaves its orphans to
// init (the suite then kills the adapter's process group).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "process_wait.h"

namespace tconv {

class ProcessKeeper {
 public:
  // Starts argv[0] (looked up in PATH) with argv, its stdin and stdout `io`, its stderr
  // `err`; the caller keeps and closes its own copies of both. AdapterError if it cannot
  // be started.
  ProcessKeeper(const std::vector<std::string>& argv, int io, int err);
  // stop(now) unless stopped.
  ~ProcessKeeper();
  ProcessKeeper(const ProcessKeeper&) = delete;
  ProcessKeeper& operator=(const ProcessKeeper&) = delete;

  // Readable once the command has ended and everything it left has been killed.
  int ended_fd() const { return channel_; }
  // The command's end: when it has not ended yet, it is killed (`killed`). Waits for the
  // keeper's report and reaps the keeper; the same status on every call.
  ExitStatus stop() noexcept;

 private:
  pid_t keeper_ = -1;
  pid_t command_ = -1;  // in its own process group, of the same id
  int channel_ = -1;    // the suite's end of a socket pair with the keeper
  bool stopped_ = false;
  ExitStatus status_{};
};

}  // namespace tconv
