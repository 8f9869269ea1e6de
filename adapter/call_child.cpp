#include "call_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tconv {
namespace {

// What the child writes to the pipe: whole records, each smaller than PIPE_BUF, so that
// one write() puts one in whole.
struct Record {
  static constexpr std::uint32_t kMagic = 0x74636331;  // "tcc1"
  enum Kind : std::int32_t { returned = 1, fault = 2 };
  std::uint32_t magic = kMagic;
  std::int32_t kind = returned;
  std::int32_t compute_ok = 0;
  Access access = Access::unknown;
  std::int64_t fault_offset = -1;  // -1: outside the mapping
  char message[kMaxMessageBytes] = {};
};
static_assert(sizeof(Record) < 4096, "PIPE_BUF: written at once");

// Set in the child before the fault recorder can run.
int g_report_fd = -1;
std::uintptr_t g_base = 0;
std::uintptr_t g_mapping_bytes = 0;

void write_record(const Record& r) noexcept {
  while (write(g_report_fd, &r, sizeof r) < 0 && errno == EINTR) {
  }
}

Access access_of([[maybe_unused]] const void* context) noexcept {
#if defined(__x86_64__)
  // The page fault's error code: bit 1 is set for a write.
  const auto* machine = &static_cast<const ucontext_t*>(context)->uc_mcontext;
  return (machine->gregs[REG_ERR] & 2) ? Access::write : Access::read;
#else
  return Access::unknown;
#endif
}

void record_fault(int, siginfo_t* info, void* context) {
  Record r;
  r.kind = Record::fault;
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  if (address >= g_base && address - g_base < g_mapping_bytes) {
    r.fault_offset = static_cast<std::int64_t>(address - g_base);
  }
  r.access = access_of(context);
  write_record(r);
  // SA_RESETHAND restored the default action: returning repeats the faulting access,
  // which now ends the child with the same signal.
}

void install_fault_recorder() {
  static char alternate_stack[64 * 1024];  // so that it runs after a stack overflow too
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_sigaction = record_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, nullptr);
  sigaction(SIGBUS, &action, nullptr);
}

// VmData of /proc/self/status, in bytes: what RLIMIT_DATA counts; 0 if unreadable.
std::int64_t data_bytes_held() {
  const int status = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (status < 0) return 0;
  char text[4096];
  const ssize_t n = read(status, text, sizeof text - 1);
  close(status);
  text[n > 0 ? n : 0] = '\0';
  const char* field = std::strstr(text, "\nVmData:");
  return field ? std::strtoll(field + 8, nullptr, 10) * 1024 : 0;
}

// RLIMIT_DATA counts the heap and private anonymous mappings, not the shared buffer,
// the libraries' code, or address space merely reserved (PROT_NONE) as libtorch,
// oneDNN and the sanitizers reserve it: so it bounds what a call allocates without
// refusing such libraries. Relative to what the process holds already (a sanitizer's
// shadow, a framework loaded by the host).
// A session child's first call sets the hard limit, which the adapter cannot raise: its
// own limit plus kSessionHeadroom, so that a later, slightly larger call of the session
// still gets its own limit, as the soft one (a hard limit, once lowered, cannot be
// raised again for it).
constexpr rlim_t kSessionHeadroom = rlim_t{256} << 20;

void limit_memory(std::int64_t allowance, bool in_session) {
  if (allowance <= 0) return;
  const auto limit = static_cast<rlim_t>(data_bytes_held() + allowance);
  rlimit r{limit, limit};
  if (in_session) {
    static bool ceiling_set = false;  // per session: each runs in a fresh child
    if (!ceiling_set) {
      const rlimit ceiling{limit, limit + kSessionHeadroom};
      setrlimit(RLIMIT_DATA, &ceiling);
      ceiling_set = true;
    }
    getrlimit(RLIMIT_DATA, &r);
    r.rlim_cur = std::min(limit, r.rlim_max);
  }
  setrlimit(RLIMIT_DATA, &r);
}

// The protections of the layout; false (errno set) if one cannot be applied.
bool protect(unsigned char* base, const CallLayout& layout) {
  for (int i = 0; i < layout.range_count; ++i) {
    const CallLayout::Range& r = layout.ranges[i];
    if (mprotect(base + r.offset, r.bytes, r.protection) != 0) return false;
  }
  return true;
}

}  // namespace

void prepare_call_process() {
  prctl(PR_SET_PDEATHSIG, SIGKILL);    // a hung child must not outlive its parent
  dup2(STDERR_FILENO, STDOUT_FILENO);  // whatever it prints, never on the suite's stdout
}

void run_call(Adapter& adapter, const Problem& p, DType dtype, unsigned char* base,
              const CallRequest& request, int report_fd, bool in_session) {
  g_report_fd = report_fd;
  g_base = reinterpret_cast<std::uintptr_t>(base);
  g_mapping_bytes = request.layout.mapping_bytes;
  Record r;
  if (!protect(base, request.layout)) {
    std::snprintf(r.message, sizeof r.message, "cannot protect the call's buffer: %s",
                  std::strerror(errno));
    write_record(r);
    return;
  }
  limit_memory(request.memory_limit_bytes, in_session);
  install_fault_recorder();
  const auto at = [&](Operand o) -> unsigned char* {
    const std::int64_t offset = request.layout.data[static_cast<int>(o)];
    return offset < 0 ? nullptr : base + offset;
  };
  try {
    const CallResult result =
        adapter.compute(p, dtype, {at(Operand::input), at(Operand::weights), at(Operand::bias)},
                        at(Operand::output));
    r.compute_ok = result.verdict == Verdict::completed ? 1 : 0;
    std::snprintf(r.message, sizeof r.message, "%s", result.message.c_str());
  } catch (const std::exception& e) {
    std::snprintf(r.message, sizeof r.message, "threw an exception: %s", e.what());
  } catch (...) {
    std::snprintf(r.message, sizeof r.message, "threw an exception");
  }
  write_record(r);
}

[[noreturn]] void run_call_child(Adapter& adapter, const Problem& p, DType dtype,
                                 unsigned char* base, const CallRequest& request, int report_fd) {
  prepare_call_process();
  run_call(adapter, p, dtype, base, request, report_fd, false);
  _exit(0);
}

namespace {

// Applies one record to `o`; false for one that is not a record.
bool apply(const Record& r, CallOutcome& o, bool& returned) {
  if (r.magic != Record::kMagic) return false;
  if (r.kind == Record::fault) {
    if (r.fault_offset >= 0) o.fault_offset = r.fault_offset;
    o.access = r.access == Access::read || r.access == Access::write ? r.access : Access::unknown;
  } else if (r.kind == Record::returned) {
    returned = true;
    o.compute_ok = r.compute_ok == 1;
    o.message.assign(r.message, strnlen(r.message, sizeof r.message));
  } else {
    return false;
  }
  return true;
}

// The records left in the pipe (without waiting), then the ending: only a child that
// returned and then exited as run_call_child does returned.
CallOutcome finish_outcome(int report_fd, int wait_status, CallOutcome o, bool returned,
                           int records_left) {
  fcntl(report_fd, F_SETFL, fcntl(report_fd, F_GETFL) | O_NONBLOCK);
  o.wait_status = wait_status;
  Record r;
  for (int n = 0; n < records_left &&
                  read(report_fd, &r, sizeof r) == static_cast<ssize_t>(sizeof r);
       ++n) {
    if (!apply(r, o, returned)) break;
  }
  const bool clean_exit = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
  o.ending = returned && clean_exit ? CallOutcome::Ending::returned : CallOutcome::Ending::died;
  return o;
}

}  // namespace

CallOutcome read_outcome(int report_fd, int wait_status) {
  // A fault record, then perhaps a returned one; anything else ends the reading.
  return finish_outcome(report_fd, wait_status, CallOutcome{}, false, 2);
}

CallOutcome await_session_call(int report_fd, pid_t child, bool& child_ended) {
  Record r;
  ssize_t got;
  while ((got = read(report_fd, &r, sizeof r)) < 0 && errno == EINTR) {
  }
  CallOutcome o;
  bool returned = false;
  const bool record = got == static_cast<ssize_t>(sizeof r) && apply(r, o, returned);
  if (record && returned) {
    child_ended = false;
    o.ending = CallOutcome::Ending::returned;
    return o;
  }
  // A fault (the child is ending by its signal), its end, or something that is no
  // record: the session is over.
  if (!record) kill(child, SIGKILL);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  child_ended = true;
  o = finish_outcome(report_fd, status, std::move(o), false, record ? 1 : 0);
  o.ending = CallOutcome::Ending::died;  // it never returned this call
  return o;
}

}  // namespace tconv
