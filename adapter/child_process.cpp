#include "child_process.h"

#include <poll.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "adapter_interface.h"

extern char** environ;

namespace tconv {
namespace {

// Waits until `fd` is ready for `events` or the deadline passes.
bool ready(int fd, short events, Clock::time_point deadline) {
  while (true) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30)));
    if (n > 0) return true;  // readable, writable, or hung up: the next call says which
    if (n < 0 && errno != EINTR) return false;
  }
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  if (argv.empty()) throw AdapterError("empty adapter command");
  int ends[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw AdapterError(std::string("socketpair: ") + strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO);  // dup2 clears CLOEXEC
  posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int failed = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(ends[1]);
  if (failed) {
    close(ends[0]);
    throw AdapterError("cannot start '" + argv[0] + "': " + strerror(failed));
  }
  socket_ = ends[0];
}

ChildProcess::~ChildProcess() {
  shutdown(socket_, SHUT_WR);  // end of its stdin: a well-behaved adapter exits
  stop(Clock::now() + std::chrono::seconds(1));
  close(socket_);
}

ChildProcess::Io ChildProcess::write_line(std::string_view line, Clock::time_point deadline) {
  std::string data(line);
  data += '\n';
  std::size_t sent = 0;
  while (sent < data.size()) {
    if (!ready(socket_, POLLOUT, deadline)) return Io::timed_out;
    const ssize_t n =
        send(socket_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno != EAGAIN && errno != EINTR) {
      return Io::closed;
    }
  }
  return Io::ok;
}

ChildProcess::Io ChildProcess::read_line(std::string& line, Clock::time_point deadline) {
  while (true) {
    const std::size_t newline = received_.find('\n');
    if (newline != std::string::npos) {
      line = received_.substr(0, newline);
      received_.erase(0, newline + 1);
      return Io::ok;
    }
    if (!ready(socket_, POLLIN, deadline)) return Io::timed_out;
    char chunk[65536];
    const ssize_t n = recv(socket_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n > 0) {
      received_.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      line = std::move(received_);
      received_.clear();
      return Io::closed;
    }
  }
}

ExitStatus ChildProcess::stop(Clock::time_point deadline) {
  if (!exit_) exit_ = wait_until(pid_, deadline);
  return *exit_;
}

}  // namespace tconv
