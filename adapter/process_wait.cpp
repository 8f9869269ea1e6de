#include "process_wait.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tconv {

ExitStatus wait_until(pid_t pid, Clock::time_point deadline, Kill kill) {
  // A pidfd becomes readable when the child ends, so poll() wakes at once rather than
  // after a sleep: the suite makes thousands of short isolated calls.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  bool killed = false;
  while (true) {
    siginfo_t info{};  // ended, not yet reaped: the group's id is still taken
    const int done = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if ((done == 0 && info.si_pid == pid) || (done < 0 && errno != EINTR)) break;
    const auto left = deadline - Clock::now();
    if (left <= Clock::duration::zero()) {
      killed = true;
      break;
    }
    // Without a pidfd (a kernel before 5.3), wake every millisecond instead.
    const auto wake =
        pidfd >= 0 ? left : std::min<Clock::duration>(std::chrono::milliseconds(1), left);
    pollfd fd{pidfd, POLLIN, 0};
    poll(pidfd >= 0 ? &fd : nullptr, pidfd >= 0 ? 1 : 0,
         static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wake).count()));
  }
  if (kill == Kill::group) {
    ::kill(-pid, SIGKILL);
  } else if (killed) {
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (pidfd >= 0) close(pidfd);
  return {status, killed};
}

std::string signal_name(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  const char* description = strsignal(signal);
  return (abbreviation ? "SIG" + std::string(abbreviation) : "signal " + std::to_string(signal)) +
         (description ? " (" + std::string(description) + ")" : "");
}

CallResult exit_result(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    return {signal == SIGABRT ? Verdict::aborted : Verdict::crashed,
            "killed by " + signal_name(signal)};
  }
  return {Verdict::crashed, "exited with status " + std::to_string(WEXITSTATUS(wait_status))};
}

}  // namespace tconv
