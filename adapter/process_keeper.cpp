#include "process_keeper.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "adapter_interface.h"

extern char** environ;

namespace tconv {
namespace {

// What the keeper sends the suite: once the command has started, and once it has ended.
struct Started {
  int error;  // of posix_spawnp, 0 when it started
  pid_t pid;
};
struct Report {
  int wait_status;
  int killed;  // it was still running when the suite asked
};

// How long the suite waits for a report the keeper sends at once.
constexpr std::chrono::seconds kReportWait{5};

// The keeper's descriptors: the channel with the suite.
constexpr int kChannel = 3;

// --- in the keeper: after fork(), so nothing here allocates or throws ----------------

void send_all(int fd, const void* data, std::size_t size) noexcept {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = send(fd, bytes, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the suite is gone
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
}

// SIGKILLs every child of the keeper (/proc/thread-self/children, Linux 3.17); false
// when they cannot be listed.
bool kill_children() noexcept {
  const int list = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
  if (list < 0) return false;
  char buffer[4096];
  pid_t pid = 0;
  ssize_t n;
  while ((n = read(list, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
    for (ssize_t i = 0; i < n; ++i) {
      if (buffer[i] >= '0' && buffer[i] <= '9') {
        pid = pid * 10 + (buffer[i] - '0');
      } else {
        if (pid > 0) kill(pid, SIGKILL);
        pid = 0;
      }
    }
  }
  if (pid > 0) kill(pid, SIGKILL);
  close(list);
  return true;
}

// Starts argv in a process group of its own, with the suite's signal dispositions and
// mask reset; its pid, or -(the error).
pid_t spawn(char* const argv[]) noexcept {
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, argv[0], nullptr, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  return error ? -error : pid;
}

// Waits until `command` has ended or the suite asks (anything on the channel, or its
// end); kills it in the second case. Leaves it unreaped, so that its pid, and so its
// process group's id, cannot be reused yet. True when it was killed.
bool await_end(pid_t command) noexcept {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, command, 0));
  while (true) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(command), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == command) {
      close(pidfd);
      return false;
    }
    pollfd events[2] = {{kChannel, POLLIN, 0}, {pidfd, POLLIN, 0}};
    // Without a pidfd (a kernel before 5.3), look again every 10 ms.
    if (poll(events, pidfd >= 0 ? 2 : 1, pidfd >= 0 ? -1 : 10) > 0 && events[0].revents != 0) {
      kill(command, SIGKILL);
      close(pidfd);
      return true;
    }
  }
}

[[noreturn]] void keep(char* const argv[], int io, int err, int channel) noexcept {
  // The command's stdin and stdout are 0 and 1, its stderr 2, the channel 3; none of
  // the suite's other descriptors stays open here (Linux 5.9 close_range).
  const int io_copy = fcntl(io, F_DUPFD, 10);
  const int err_copy = fcntl(err, F_DUPFD, 10);
  const int channel_copy = fcntl(channel, F_DUPFD, 10);
  dup2(io_copy, STDIN_FILENO);
  dup2(io_copy, STDOUT_FILENO);
  dup2(err_copy, STDERR_FILENO);
  dup2(channel_copy, kChannel);
  fcntl(kChannel, F_SETFD, FD_CLOEXEC);
  close_range(kChannel + 1, ~0U, 0);

  // Outlive the suite to clean up after it: the terminal's signals go to the suite's
  // process group, which the keeper shares and the command does not.
  for (int s = 1; s < NSIG; ++s) signal(s, SIG_DFL);
  for (int s : {SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGPIPE}) signal(s, SIG_IGN);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // Orphans of the command, in its group or not, become the keeper's children.
  prctl(PR_SET_CHILD_SUBREAPER, 1);

  const pid_t command = spawn(argv);
  const Started started{command < 0 ? -command : 0, command};
  send_all(kChannel, &started, sizeof started);
  if (command < 0) _exit(0);
  // Only the command and what it starts hold its stdin, stdout and stderr now.
  close(STDIN_FILENO);
  close(STDOUT_FILENO);
  close(STDERR_FILENO);

  const bool killed = await_end(command);
  kill(-command, SIGKILL);  // its process group: grandchildren whose parents still live
  int status = 0;
  while (waitpid(command, &status, 0) < 0 && errno == EINTR) {
  }
  // Whatever is left has become the keeper's child, or becomes one when its parent
  // dies: kill and reap until none is left.
  while (true) {
    const bool listed = kill_children();
    const pid_t reaped = waitpid(-1, nullptr, listed ? 0 : WNOHANG);
    if (reaped > 0 || (reaped < 0 && errno == EINTR)) continue;
    break;  // none left (or, when they cannot be listed, none that has ended)
  }
  const Report report{status, killed ? 1 : 0};
  send_all(kChannel, &report, sizeof report);
  _exit(0);
}

// --- in the suite --------------------------------------------------------------------

// Reads exactly `size` bytes before the deadline; false if the keeper ends or is silent.
bool receive(int fd, void* data, std::size_t size, Clock::time_point deadline) {
  char* bytes = static_cast<char*>(data);
  while (size > 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = recv(fd, bytes, size, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return false;
    if (n > 0) {
      bytes += n;
      size -= static_cast<std::size_t>(n);
    }
  }
  return true;
}

}  // namespace

ProcessKeeper::ProcessKeeper(const std::vector<std::string>& argv, int io, int err) {
  if (argv.empty()) throw AdapterError("empty adapter command");
  std::vector<char*> args;  // made before the fork: the keeper allocates nothing
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int ends[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
    throw AdapterError(std::string("socketpair: ") + strerror(errno));
  }
  keeper_ = fork();
  if (keeper_ == 0) keep(args.data(), io, err, ends[1]);
  const int fork_error = errno;
  close(ends[1]);
  channel_ = ends[0];
  Started started{};
  if (keeper_ < 0 || !receive(channel_, &started, sizeof started, Clock::now() + kReportWait) ||
      started.error != 0) {
    if (keeper_ > 0) wait_until(keeper_, Clock::now() + kReportWait);
    close(channel_);
    const int error = keeper_ < 0 ? fork_error : started.error;
    throw AdapterError("cannot start '" + argv[0] + "': " +
                       (error ? strerror(error) : "its keeper process ended"));
  }
  command_ = started.pid;
}

ProcessKeeper::~ProcessKeeper() {
  stop();
  close(channel_);
}

ExitStatus ProcessKeeper::stop() noexcept {
  if (stopped_) return status_;
  stopped_ = true;
  shutdown(channel_, SHUT_WR);  // asks the keeper to end the command, if it has not ended
  Report report{};
  if (receive(channel_, &report, sizeof report, Clock::now() + kReportWait)) {
    status_ = {report.wait_status, report.killed != 0};
    wait_until(keeper_, Clock::now() + kReportWait);  // it exits right after its report
  } else {
    // The keeper is gone (the command killed it?) or stuck: kill what can be named.
    kill(-command_, SIGKILL);
    status_ = {wait_until(keeper_, Clock::now()).wait_status, true};
  }
  return status_;
}

}  // namespace tconv
