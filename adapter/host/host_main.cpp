// tconv-adapter-host LIBRARY: runs a shared-library adapter (the C ABI) for the suite in
// a process of its own (docs/ADAPTERS.md#isolation). Started by AdapterHost
// (adapter_host.h) with the socket to the suite as its stdin and stdout, under a
// ProcessKeeper. It loads the library, says what tconv_adapter_get declared, then runs
// each call it is sent in a child of its own (call_child.h), or the calls of a session
// one after the other in the session's child (docs/ADAPTERS.md#sessions), and reports
// how each ended.
// Everything here after the dlopen may be the library's doing: the suite trusts none of
// what it says.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "host_messages.h"
#include "problem_string.h"

namespace tconv::host {
namespace {

std::string bounded(const char* text) { return {text, strnlen(text, kMaxTextBytes / 2)}; }

// The library's declaration, sent to the suite; null when it cannot be called.
const tconv_adapter* load(const std::string& path, int control) {
  Hello hello;
  const tconv_adapter* c = nullptr;
  try {
    c = load_library(path).declaration;  // the library's constructors run here
  } catch (const AdapterError& e) {
    send_message(control, hello, e.what());
    return nullptr;
  }
  hello.loaded = 1;
  hello.abi_version = c->abi_version;  // the rest may be laid out otherwise
  if (c->abi_version != TCONV_ADAPTER_ABI_VERSION) {
    send_message(control, hello, "");
    return nullptr;
  }
  hello.has_name = c->name != nullptr;
  hello.has_version = c->version != nullptr;
  hello.has_compute = c->compute != nullptr;
  hello.capabilities = c->capabilities;
  const std::string name = c->name ? bounded(c->name) : "";
  hello.name_bytes = static_cast<std::uint32_t>(name.size());
  send_message(control, hello, name + (c->version ? bounded(c->version) : ""));
  return c;
}

CallOutcome host_failure(const std::string& what) {
  CallOutcome o;
  o.ending = CallOutcome::Ending::host_failed;
  o.message = what + ": " + std::strerror(errno);
  return o;
}

// One call in a child of its own: init, then compute, as in every process.
CallOutcome run(Adapter& adapter, const Message<Request>& m, int control) {
  const CallRequest& request = m.header.call;
  const Problem p = parse_problem(m.text);
  const auto dtype = static_cast<DType>(m.header.dtype);
  void* base =
      mmap(nullptr, request.layout.mapping_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, m.fd, 0);
  if (base == MAP_FAILED) return host_failure("mmap of the call's buffer");
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) {
    munmap(base, request.layout.mapping_bytes);
    return host_failure("pipe");
  }
  std::fflush(nullptr);  // else a library calling exit() would write it a second time
  const pid_t child = fork();
  if (child == 0) {
    close(report[0]);
    close(control);  // the call's only channel is its report
    close(m.fd);
    run_call_child(adapter, p, dtype, static_cast<unsigned char*>(base), request, report[1]);
  }
  CallOutcome outcome = host_failure("fork");
  close(report[1]);
  if (child > 0) {
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    outcome = read_outcome(report[0], status);
  }
  close(report[0]);
  munmap(base, request.layout.mapping_bytes);
  return outcome;
}

// The child of a session: runs the calls the host forwards on `link`, one after the
// other in this one process, until the link closes.
[[noreturn]] void serve_session(Adapter& adapter, int link, int report) {
  prepare_call_process();
  while (const auto m = receive_message<Request>(link)) {
    const CallRequest& request = m->header.call;
    void* base =
        mmap(nullptr, request.layout.mapping_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
    close(m->fd);
    if (base == MAP_FAILED) _exit(1);  // "exited with status 1 before compute returned"
    run_call(adapter, parse_problem(m->text), static_cast<DType>(m->header.dtype),
             static_cast<unsigned char*>(base), request, report, true);
    munmap(base, request.layout.mapping_bytes);
  }
  _exit(0);
}

// The running session's child, if any.
class Session {
 public:
  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { end(); }

  bool running() const { return pid_ > 0; }

  // A new session's child; false (errno set) when it cannot be started.
  bool start(Adapter& adapter, int control) {
    end();
    int link[2], report[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, link) != 0) return false;
    if (pipe2(report, O_CLOEXEC) != 0) {
      close(link[0]), close(link[1]);
      return false;
    }
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child == 0) {
      close(control);  // the session's only channels are its link and its report
      close(link[0]);
      close(report[0]);
      serve_session(adapter, link[1], report[1]);
    }
    close(link[1]);
    close(report[1]);
    if (child < 0) {
      close(link[0]), close(report[0]);
      return false;
    }
    pid_ = child, link_ = link[0], report_ = report[0];
    return true;
  }

  // Runs the call in the session's child; a call that does not return ends the session.
  CallOutcome call(const Message<Request>& m) {
    if (!send_message(link_, m.header, m.text, m.fd)) {
      CallOutcome o = host_failure("sending the call to the session's child");
      end();
      return o;
    }
    bool ended = false;
    CallOutcome o = await_session_call(report_, pid_, ended);
    if (ended) {
      pid_ = -1;  // reaped
      end();
    }
    return o;
  }

  // Kills and reaps the child (between calls it runs nothing of the suite's).
  void end() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    if (link_ >= 0) close(link_);
    if (report_ >= 0) close(report_);
    pid_ = -1, link_ = -1, report_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int link_ = -1, report_ = -1;
};

CallOutcome host_refusal(const std::string& what) {
  CallOutcome o;
  o.ending = CallOutcome::Ending::host_failed;
  o.message = what;
  return o;
}

CallOutcome serve_one(Adapter& adapter, const Message<Request>& m, int control, Session& session) {
  const SessionStep step = m.header.session;
  if (m.fd < 0 || m.header.dtype < 0 || m.header.dtype > 2) {
    return host_refusal("a request without its buffer or with an unknown dtype");
  }
  if (step != SessionStep::none && step != SessionStep::begin && step != SessionStep::next) {
    return host_refusal("a request with an unknown session step");
  }
  if (step == SessionStep::none) {
    session.end();  // a call outside the session ends it
    return run(adapter, m, control);
  }
  parse_problem(m.text);  // as run does: a request the suite never sends ends the host
  if (step == SessionStep::begin && !session.start(adapter, control)) {
    return host_failure("starting the session's child");
  }
  if (!session.running()) {
    return host_refusal("no session is running: it ended with an earlier call");
  }
  return session.call(m);
}

void serve(const tconv_adapter& c, int control) {
  InProcessAdapter adapter(c);
  Session session;
  while (const auto request = receive_message<Request>(control)) {
    const CallOutcome o = serve_one(adapter, *request, control, session);
    if (request->fd >= 0) close(request->fd);
    Reply reply;
    reply.id = request->header.id;
    reply.ending = o.ending;
    reply.compute_ok = o.compute_ok;
    reply.wait_status = o.wait_status;
    reply.access = o.access;
    reply.has_fault = o.fault_offset.has_value();
    reply.fault_offset = o.fault_offset.value_or(0);
    if (!send_message(control, reply, o.message)) return;
  }
}

}  // namespace
}  // namespace tconv::host

int main(int argc, char** argv) {
  // The socket is stdin and stdout: moved apart, so that what the library prints goes to
  // stderr, never into the channel; stdin reads nothing.
  const int control = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  dup2(STDERR_FILENO, STDOUT_FILENO);
  const int nothing = open("/dev/null", O_RDONLY | O_CLOEXEC);
  dup2(nothing, STDIN_FILENO);
  close(nothing);
  if (argc != 2 || control < 0) {
    std::fprintf(stderr, "usage: tconv-adapter-host LIBRARY.so (started by the suite)\n");
    return 2;
  }
  // A library whose constructor faults must end the host by that signal, which the suite
  // reports, even when a sanitizer runtime has installed handlers of its own.
  for (const int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(fault, SIG_DFL);
  try {
    if (const tconv_adapter* c = tconv::host::load(argv[1], control)) {
      tconv::host::serve(*c, control);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tconv-adapter-host: %s\n", e.what());
    return 1;
  }
  return 0;
}
