// Waiting for a child process with a deadline, and what its wait status says; shared
// by the isolated executor (a forked child) and the process adapter (a spawned one).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

#include "verdict.h"

namespace tconv {

using Clock = std::chrono::steady_clock;

struct ExitStatus {
  int wait_status;  // as waitpid reports it
  bool killed;      // it was still running at the deadline and got SIGKILL
};

// What wait_until kills: the process, or (for the leader of a process group of its own)
// its whole group, at the deadline and also when the leader ends by itself, before it
// is reaped, while the group's id still cannot be reused.
enum class Kill { process, group };

// Waits for `pid` to end; at the deadline kills it with SIGKILL. Always reaps it.
ExitStatus wait_until(pid_t pid, Clock::time_point deadline, Kill kill = Kill::process);

// "SIGSEGV (Segmentation fault)"
std::string signal_name(int signal);

// The verdict of a process that ended before returning a result: aborted (SIGABRT),
// else crashed, with "killed by SIGSEGV (Segmentation fault)" or "exited with status 3".
CallResult exit_result(int wait_status);

}  // namespace tconv
