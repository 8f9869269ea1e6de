// tconv-adapter-host LIBRARY: runs a shared-library adapter (the C ABI) for the suite in
// a process of its own (docs/ADAPTERS.md#isolation). Started by AdapterHost
// (adapter_host.h) with the socket to the suite as its stdin and stdout, under a
// ProcessKeeper. It loads the library, says what tconv_adapter_get declared, then runs
// each call it is sent in a child of its own (call_child.h) and reports how that ended.
// Everything here after the dlopen may be the library's doing: the suite trusts none of
// what it says.
#include <fcntl.h>
#include <sys/mman.h>
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

void serve(const tconv_adapter& c, int control) {
  InProcessAdapter adapter(c);
  while (const auto request = receive_message<Request>(control)) {
    CallOutcome o;
    if (request->fd < 0 || request->header.dtype < 0 || request->header.dtype > 2) {
      o.ending = CallOutcome::Ending::host_failed;
      o.message = "a request without its buffer or with an unknown dtype";
    } else {
      o = run(adapter, *request, control);
    }
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
