// A command run with its stdin and stdout on one end of a socket pair, spoken to a
// line at a time, every wait bounded by a deadline. Its stderr is the suite's.
// A socket rather than pipes, so that writing to a child that died fails with EPIPE
// (MSG_NOSIGNAL) instead of raising SIGPIPE in the suite.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "process_wait.h"

namespace tconv {

class ChildProcess {
 public:
  enum class Io { ok, timed_out, closed };

  // Starts argv[0] (looked up in PATH) with argv. AdapterError if it cannot be started.
  explicit ChildProcess(const std::vector<std::string>& argv);
  // Closes its stdin, gives it a second to exit, then kills it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  Io write_line(std::string_view line, Clock::time_point deadline);
  // One line without its newline. On `closed`, `line` holds what came before the end.
  Io read_line(std::string& line, Clock::time_point deadline);
  // Waits for it to end until the deadline, then kills it; reaps it either way.
  ExitStatus stop(Clock::time_point deadline);

 private:
  pid_t pid_ = -1;
  int socket_ = -1;
  std::string received_;  // bytes read past the last line returned
  std::optional<ExitStatus> exit_;
};

}  // namespace tconv
