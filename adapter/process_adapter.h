// An adapter in a separate process, spoken to through the line protocol (protocol.h,
// docs/ADAPTERS.md#protocol), behind the same interface as an in-process adapter.
// Each call has a timeout; a child that crashes, hangs or falls out of step with the
// protocol is killed, the call gets its verdict, and the next call starts a new child.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapter_interface.h"
#include "child_process.h"

namespace tconv {

struct ProcessOptions {
  // Per call, from the request's first byte to the reply's last, with call_timeout's
  // allowance for the problem's size (call_timeout.h).
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds startup_timeout{10'000};  // from the start to the handshake
};

class ProcessAdapter final : public Adapter {
 public:
  // Starts the command (argv; argv[0] is looked up in PATH) and reads its handshake.
  // AdapterError if it cannot be started or its handshake is wrong.
  explicit ProcessAdapter(std::vector<std::string> command, ProcessOptions options = {});

  const AdapterInfo& info() const override { return info_; }
  CallResult compute(const Problem& p, DType dtype, const Operands& operands,
                     void* output) override;
  bool runs_out_of_process() const override { return true; }

  int restarts() const { return restarts_; }  // children started after the first
  // Ends the running child: the next call starts a fresh one (a session's start,
  // isolated_call.h), with none of the state the last one kept.
  void end_child() { child_.reset(); }

 private:
  std::unique_ptr<ChildProcess> start();  // a new child, past its handshake
  CallResult call(const Problem& p, DType dtype, const Operands& operands, void* output);
  CallResult lose_child(CallResult why);  // ends the child; the next call starts another

  std::vector<std::string> command_;
  ProcessOptions options_;
  AdapterInfo info_;
  std::unique_ptr<ChildProcess> child_;
  std::int64_t next_id_ = 1;
  int restarts_ = 0;
};

}  // namespace tconv
