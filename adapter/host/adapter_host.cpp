#include "adapter_host.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include "host_messages.h"
#include "problem_string.h"
#include "process_keeper.h"
#include "process_wait.h"
#include "stderr_relay.h"

namespace tconv {
namespace {

using host::Hello;
using host::Message;
using host::Reply;
using host::Request;

// How long a host whose socket closed is given to end by itself before it is killed.
constexpr std::chrono::milliseconds kEndGrace{1000};

std::string duration_text(std::chrono::milliseconds d) {
  return d.count() % 1000 == 0 ? std::to_string(d.count() / 1000) + " s"
                               : std::to_string(d.count()) + " ms";
}

CallOutcome host_failed(std::string what) {
  CallOutcome o;
  o.ending = CallOutcome::Ending::host_failed;
  o.message = std::move(what);
  return o;
}

bool is_ending(CallOutcome::Ending e) {
  return e == CallOutcome::Ending::returned || e == CallOutcome::Ending::died ||
         e == CallOutcome::Ending::host_failed;
}

}  // namespace

// One running host: its socket, its stderr and its keeper.
struct AdapterHost::Process {
  int socket = -1;
  std::optional<StderrRelay> stderr_relay;
  std::optional<ProcessKeeper> keeper;

  Process() = default;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() {
    if (keeper) keeper->stop();  // the host and everything it started
    if (stderr_relay) stderr_relay->finish();
    if (socket >= 0) close(socket);
  }

  enum class Wait { ready, ended, timed_out };
  // Until a message (or the socket's end) arrives, the host has ended, or the deadline
  // has passed; relays its stderr meanwhile.
  Wait wait(Clock::time_point deadline) {
    while (true) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return Wait::timed_out;
      pollfd fds[3] = {
          {socket, POLLIN, 0}, {keeper->ended_fd(), POLLIN, 0}, {stderr_relay->fd(), POLLIN, 0}};
      if (poll(fds, 3, static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30))) <= 0) {
        continue;  // interrupted, or the deadline: checked above
      }
      if (fds[2].revents) stderr_relay->drain();
      if (fds[0].revents) return Wait::ready;
      if (fds[1].revents) return Wait::ended;
    }
  }

  // How the host ended (killed now if it had not), to follow its subject: "was killed
  // by SIGSEGV (Segmentation fault)", "exited with status 1", "was still running: killed".
  std::string end_text() {
    // Its socket closes as it exits, a moment before its keeper can see it has ended.
    pollfd ended{keeper->ended_fd(), POLLIN, 0};
    poll(&ended, 1, static_cast<int>(kEndGrace.count()));
    const ExitStatus s = keeper->stop();
    if (s.killed) return "was still running: killed";
    return (WIFSIGNALED(s.wait_status) ? "was " : "") + exit_result(s.wait_status).message;
  }
};

AdapterHost::AdapterHost(std::string library_path, std::chrono::milliseconds load_timeout)
    : library_path_(std::move(library_path)), load_timeout_(load_timeout), process_(start()) {}

AdapterHost::~AdapterHost() = default;

std::unique_ptr<AdapterHost::Process> AdapterHost::start() {
  const std::string origin = "adapter library " + library_path_;
  auto host = std::make_unique<Process>();
  int io[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, io) != 0) {
    throw AdapterError(std::string("socketpair: ") + strerror(errno));
  }
  host->socket = io[0];
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(io[1]);
    throw AdapterError(std::string("pipe: ") + strerror(errno));
  }
  host->stderr_relay.emplace(err[0]);
  const std::string executable = adapter_host_executable();
  try {
    host->keeper.emplace(std::vector<std::string>{executable, library_path_}, io[1], err[1]);
  } catch (const AdapterError& e) {
    close(io[1]);
    close(err[1]);
    throw AdapterError(std::string(e.what()) +
                       " (the adapter host; TCONV_ADAPTER_HOST names another)");
  }
  close(io[1]);  // the keeper has its own copies
  close(err[1]);

  const Process::Wait w = host->wait(Clock::now() + load_timeout_);
  if (w == Process::Wait::timed_out) {
    throw AdapterError(origin + " did not load within " + duration_text(load_timeout_) +
                       ": killed (a constructor of the library, or tconv_adapter_get, hangs?)");
  }
  std::optional<Message<Hello>> hello;
  if (w == Process::Wait::ready) hello = host::receive_message<Hello>(host->socket);
  if (!hello) {
    throw AdapterError(origin + " crashed while loading: its host " + host->end_text());
  }
  if (hello->fd >= 0) close(hello->fd);
  const Hello& h = hello->header;
  if (!h.loaded) throw AdapterError(hello->text);
  check_abi_version(h.abi_version, origin);
  if (h.name_bytes > hello->text.size()) throw AdapterError(origin + ": a malformed declaration");
  const std::string name = hello->text.substr(0, h.name_bytes);
  const std::string version = hello->text.substr(h.name_bytes);
  info_ = checked_declaration(h.has_name ? name.c_str() : nullptr,
                              h.has_version ? version.c_str() : nullptr, h.has_compute != 0,
                              h.capabilities, origin);
  return host;
}

CallOutcome AdapterHost::call(const Problem& p, DType dtype, const GuardedBuffer& buffer,
                              const CallRequest& request, std::chrono::milliseconds timeout,
                              SessionStep session) {
  Request r;
  r.id = ++next_id_;
  r.dtype = static_cast<std::int32_t>(dtype);
  r.session = session;
  r.call = request;
  const std::string problem = to_string(p);
  // A host that ended since the last call is replaced, before anything of this call ran.
  for (int attempt = 0;; ++attempt) {
    if (!process_) {
      try {
        process_ = start();
      } catch (const AdapterError& e) {
        return host_failed(std::string("the adapter host could not be restarted: ") + e.what());
      }
    }
    if (host::send_message(process_->socket, r, problem, buffer.fd(), true)) break;
    process_.reset();
    if (attempt > 0) return host_failed("the adapter host takes no request");
  }

  const Process::Wait w = process_->wait(Clock::now() + timeout);
  if (w == Process::Wait::timed_out) {
    process_.reset();  // kills the host, the call and whatever they started
    CallOutcome o;
    o.ending = CallOutcome::Ending::timed_out;
    return o;
  }
  std::optional<Message<Reply>> reply;
  if (w == Process::Wait::ready) reply = host::receive_message<Reply>(process_->socket);
  if (reply && reply->fd >= 0) close(reply->fd);
  if (!reply || reply->header.id != r.id || !is_ending(reply->header.ending)) {
    const std::string why = reply ? "replied out of turn" : "sent no reply";
    const std::string end = process_->end_text();
    process_.reset();
    return host_failed("the adapter host " + why + ": it " + end);
  }
  process_->stderr_relay->drain();
  const Reply& h = reply->header;
  CallOutcome o;
  o.ending = h.ending;
  o.compute_ok = h.compute_ok == 1;
  o.wait_status = h.wait_status;
  o.access = h.access == Access::read || h.access == Access::write ? h.access : Access::unknown;
  if (h.has_fault) o.fault_offset = h.fault_offset;
  o.message = reply->text.substr(0, kMaxMessageBytes);
  return o;
}

std::string adapter_host_executable() {
  namespace fs = std::filesystem;
  if (const char* chosen = std::getenv("TCONV_ADAPTER_HOST"); chosen && *chosen) return chosen;
  std::error_code error;
  const fs::path beside =
      fs::read_symlink("/proc/self/exe", error).parent_path() / "tconv-adapter-host";
  if (!error && access(beside.c_str(), X_OK) == 0) return beside;
  if (access(TCONV_ADAPTER_HOST_BUILT, X_OK) == 0) return TCONV_ADAPTER_HOST_BUILT;
  return TCONV_ADAPTER_HOST_INSTALLED;
}

}  // namespace tconv
