#include "isolated_call.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <system_error>

#include "compare.h"
#include "guarded_buffer.h"
#include "problem_string.h"
#include "process_wait.h"

namespace tconv {
namespace {

// What a forked child tells its parent, in shared memory.
struct ChildReport {
  int returned = 0;  // compute returned; verdict and message are set
  int verdict = 0;
  char message[2048] = {};
  void* fault_address = nullptr;  // where a SIGSEGV or SIGBUS hit
};

class SharedReport {
 public:
  SharedReport() {
    void* m = mmap(nullptr, sizeof(ChildReport), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                   -1, 0);
    if (m == MAP_FAILED)
      throw std::system_error(errno, std::generic_category(), "mmap of the child report");
    report_ = new (m) ChildReport;
  }
  ~SharedReport() { munmap(report_, sizeof(ChildReport)); }
  SharedReport(const SharedReport&) = delete;
  SharedReport& operator=(const SharedReport&) = delete;
  ChildReport* operator->() const { return report_; }
  ChildReport* get() const { return report_; }

 private:
  ChildReport* report_;
};

ChildReport* g_child_report = nullptr;  // set in the child only

void record_fault(int, siginfo_t* info, void*) {
  g_child_report->fault_address = info->si_addr;
  // SA_RESETHAND restored the default action: returning repeats the faulting access,
  // which now ends the child with the same signal.
}

void install_fault_recorder(ChildReport* report) {
  static char alternate_stack[64 * 1024];  // so that it runs after a stack overflow too
  g_child_report = report;
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

[[noreturn]] void run_child(Adapter& adapter, const Problem& p, DType dtype,
                            const Operands& operands, void* output, ChildReport* report) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a hung child must not outlive the suite
  install_fault_recorder(report);
  CallResult result;
  try {
    result = adapter.compute(p, dtype, operands, output);
  } catch (const std::exception& e) {
    result = {Verdict::error, std::string("threw an exception: ") + e.what()};
  } catch (...) {
    result = {Verdict::error, "threw an exception"};
  }
  report->verdict = static_cast<int>(result.verdict);
  std::snprintf(report->message, sizeof report->message, "%s", result.message.c_str());
  report->returned = 1;
  _exit(0);
}

// Where a write outside the output landed, as a byte offset from its start.
std::string outside_text(std::int64_t offset, const GuardedBuffer& buffer, DType dtype) {
  const auto size = static_cast<std::int64_t>(element_size(dtype));
  const auto elements = static_cast<std::int64_t>(buffer.output_bytes()) / size;
  const std::int64_t element = offset >= 0 ? offset / size : -((-offset + size - 1) / size);
  return "at byte offset " + std::to_string(offset) + " from the output's start (element " +
         std::to_string(element) + "; the output has elements 0.." + std::to_string(elements - 1) +
         ")";
}

CallResult forked_call(Adapter& adapter, const Problem& p, DType dtype, const Operands& operands,
                       const GuardedBuffer& buffer, const IsolationOptions& options) {
  const SharedReport report;
  // Else an adapter calling exit() would write the suite's buffered output a second time.
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) run_child(adapter, p, dtype, operands, buffer.output(), report.get());

  const ExitStatus ended = wait_until(pid, Clock::now() + options.timeout);
  if (ended.killed) {
    return {Verdict::timed_out,
            "no result within " + std::to_string(options.timeout.count()) + " ms: killed"};
  }
  if (WIFSIGNALED(ended.wait_status)) {
    const int signal = WTERMSIG(ended.wait_status);
    const auto hit = buffer.in_guard_page(report->fault_address);
    if ((signal == SIGSEGV || signal == SIGBUS) && hit) {
      return {Verdict::out_of_bounds, "hit the guard page " + outside_text(*hit, buffer, dtype) +
                                          ", killed by " + signal_name(signal)};
    }
    return exit_result(ended.wait_status);
  }
  if (!report->returned) {
    CallResult exited = exit_result(ended.wait_status);
    exited.message += " before compute returned";
    return exited;
  }
  return {static_cast<Verdict>(report->verdict), report->message};
}

// The verdict once the buffer has been inspected (isolated_call.h gives the order).
CallResult inspect(CallResult call, const GuardedBuffer& buffer, const Problem& p, DType dtype) {
  const Verdict v = call.verdict;
  if (v == Verdict::timed_out || v == Verdict::crashed || v == Verdict::aborted ||
      v == Verdict::out_of_bounds) {
    return call;  // the process ended abnormally: that says it all
  }
  if (const auto changed = buffer.changed_canary()) {
    return {Verdict::out_of_bounds, std::string("changed the canary ") +
                                        (*changed < 0 ? "before" : "after") + " the output " +
                                        outside_text(*changed, buffer, dtype)};
  }
  if (call.verdict != Verdict::completed) return call;
  if (const GuardedBuffer::Unwritten u = buffer.unwritten(); u.count > 0) {
    return {Verdict::unwritten,
            "returned success but left " + std::to_string(u.count) + " of " +
                std::to_string(output_elements(p)) +
                " output elements unwritten (still the poison), the first at output" +
                format_output_coordinate(p, u.first) + " (offset " + std::to_string(u.first) + ")"};
  }
  return call;
}

}  // namespace

CallResult isolated_call(Adapter& adapter, const Problem& p, DType dtype, const Operands& operands,
                         void* output, const IsolationOptions& options) {
  const GuardedBuffer buffer(dtype, output_elements(p));
  CallResult call = adapter.runs_out_of_process()
                        ? adapter.compute(p, dtype, operands, buffer.output())
                        : forked_call(adapter, p, dtype, operands, buffer, options);
  CallResult result = inspect(std::move(call), buffer, p, dtype);
  std::memcpy(output, buffer.output(), buffer.output_bytes());
  result.message = to_string(p) + (result.message.empty() ? "" : ": " + result.message);
  return result;
}

}  // namespace tconv
