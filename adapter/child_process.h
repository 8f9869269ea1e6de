// A command run with its stdin and stdout on one end of a socket pair, spoken to a
// line at a time, every wait bounded by a deadline and every line by a length. A socket
// rather than pipes, so that writing to a child that died fails with EPIPE
// (MSG_NOSIGNAL) instead of raising SIGPIPE in the suite.
// The command runs under a keeper (process_keeper.h): its end is seen at once, even
// while a grandchild holds its stdout open, and it leaves no process behind. Its stderr
// reaches the suite's marked and escaped (stderr_relay.h), read while the suite waits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "process_keeper.h"
#include "process_wait.h"
#include "stderr_relay.h"

namespace tconv {

class ChildProcess {
 public:
  // closed: the child ended (or closed its stdout); too_long: a line longer than allowed.
  enum class Io { ok, timed_out, closed, too_long };

  // Starts argv[0] (looked up in PATH) with argv. AdapterError if it cannot be started.
  explicit ChildProcess(const std::vector<std::string>& argv);
  // Closes its stdin, gives it a second to exit, then kills it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  Io write_line(std::string_view line, Clock::time_point deadline);
  // One line without its newline, at most max_bytes long: reads no further than that,
  // and says too_long beyond (the stream is then out of step). On `closed`, `line` holds
  // what came before the end.
  Io read_line(std::string& line, Clock::time_point deadline, std::size_t max_bytes);
  // Waits for it to end until the deadline, then kills it; reaps it either way, and
  // every process it started.
  ExitStatus stop(Clock::time_point deadline) noexcept;

 private:
  enum class Wait { ready, ended, timed_out };
  // Until the socket is ready for `events` (none: only the end), the child has ended
  // or the deadline has passed; relays its stderr meanwhile.
  Wait wait_for(short events, Clock::time_point deadline) noexcept;

  int socket_ = -1;
  std::optional<StderrRelay> stderr_;
  std::optional<ProcessKeeper> keeper_;
  bool ended_ = false;    // the keeper has reported the child's end
  std::string received_;  // bytes read past the last line returned
  std::size_t scanned_ = 0;  // of received_, searched for a newline already
  std::optional<ExitStatus> exit_;
};

}  // namespace tconv
