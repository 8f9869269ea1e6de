#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "adapter_interface.h"

namespace tconv {
namespace {

constexpr std::size_t kChunk = 1 << 16;  // read from the socket at a time

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int io[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, io) != 0) {
    throw AdapterError(std::string("socketpair: ") + strerror(errno));
  }
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    close(io[0]);
    close(io[1]);
    throw AdapterError(std::string("pipe: ") + strerror(error));
  }
  socket_ = io[0];
  stderr_.emplace(err[0]);
  const auto close_childs_ends = [&] {  // the keeper has its own copies
    close(io[1]);
    close(err[1]);
  };
  try {
    keeper_.emplace(argv, io[1], err[1]);
  } catch (...) {
    close_childs_ends();
    close(socket_);
    throw;
  }
  close_childs_ends();
}

ChildProcess::~ChildProcess() {
  shutdown(socket_, SHUT_WR);  // end of its stdin: a well-behaved adapter exits
  stop(Clock::now() + std::chrono::seconds(1));
  close(socket_);
}

ChildProcess::Wait ChildProcess::wait_for(short events, Clock::time_point deadline) noexcept {
  while (!ended_) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Wait::timed_out;
    pollfd fds[3] = {{events ? socket_ : -1, events, 0},
                     {keeper_->ended_fd(), POLLIN, 0},
                     {stderr_->fd(), POLLIN, 0}};
    if (poll(fds, 3, static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30))) <= 0) {
      continue;  // interrupted, or the deadline: checked above
    }
    if (fds[2].revents) stderr_->drain();
    if (fds[1].revents) ended_ = true;
    if (fds[0].revents) return Wait::ready;  // ready, or hung up: the next call says which
  }
  return Wait::ended;
}

ChildProcess::Io ChildProcess::write_line(std::string_view line, Clock::time_point deadline) {
  for (std::string_view part : {line, std::string_view("\n")}) {
    while (!part.empty()) {
      const ssize_t n = send(socket_, part.data(), part.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        part.remove_prefix(static_cast<std::size_t>(n));
      } else if (errno == EAGAIN) {
        const Wait w = wait_for(POLLOUT, deadline);
        if (w == Wait::timed_out) return Io::timed_out;
        if (w == Wait::ended) return Io::closed;
      } else if (errno != EINTR) {
        return Io::closed;
      }
    }
  }
  return Io::ok;
}

ChildProcess::Io ChildProcess::read_line(std::string& line, Clock::time_point deadline,
                                         std::size_t max_bytes) {
  while (true) {
    // Only the bytes not searched before: a line arriving in many pieces costs its
    // length, not its length squared.
    const std::size_t newline = received_.find('\n', scanned_);
    if (newline != std::string::npos) {
      if (newline > max_bytes) return Io::too_long;
      line.assign(received_, 0, newline);
      received_.erase(0, newline + 1);
      scanned_ = 0;
      return Io::ok;
    }
    scanned_ = received_.size();
    if (received_.size() > max_bytes) return Io::too_long;
    // Never more than one byte past the limit in memory.
    const std::size_t room = std::min(kChunk - 1, max_bytes - received_.size()) + 1;
    const std::size_t old_size = received_.size();
    received_.resize(old_size + room);
    const ssize_t n = recv(socket_, received_.data() + old_size, room, MSG_DONTWAIT);
    received_.resize(old_size + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n > 0 || (n < 0 && errno == EINTR)) continue;
    if (n < 0 && errno == EAGAIN && !ended_) {
      if (wait_for(POLLIN, deadline) == Wait::timed_out) return Io::timed_out;
      continue;
    }
    // Its end, an error, or nothing more from a child that has ended with everything
    // it started.
    line = std::move(received_);
    received_.clear();
    scanned_ = 0;
    return Io::closed;
  }
}

ExitStatus ChildProcess::stop(Clock::time_point deadline) noexcept {
  if (!exit_) {
    wait_for(0, deadline);  // until it ends or the deadline
    exit_ = keeper_->stop();
    stderr_->finish();
  }
  return *exit_;
}

}  // namespace tconv
