#include "process_wait.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace tconv {

ExitStatus wait_until(pid_t pid, Clock::time_point deadline) {
  // Polling with a short sleep: simple, portable, and the latency is immaterial here.
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return {status, false};
    const auto now = Clock::now();
    if (now >= deadline) break;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(1), deadline - now));
  }
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return {status, true};
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
