// An adapter's stderr, relayed to the suite's stderr a line at a time, each line marked
// "[adapter] " and made printable (printable_text.h); a line longer than kMaxLineBytes is
// cut into several. So whatever the adapter writes there, it can neither forge a line of
// the suite's output ("conformance: 999 passed") nor drive the terminal. The suite reads
// the pipe while it waits on the adapter (child_process.h): no thread.
#pragma once

#include <array>
#include <cstddef>

namespace tconv {

class StderrRelay {
 public:
  static constexpr std::size_t kMaxLineBytes = 1024;

  // Takes the read end of the pipe that is the adapter's stderr.
  explicit StderrRelay(int pipe);
  ~StderrRelay();
  StderrRelay(const StderrRelay&) = delete;
  StderrRelay& operator=(const StderrRelay&) = delete;

  // The pipe, to poll for reading; -1 once it has ended.
  int fd() const { return pipe_; }
  // Relays the complete lines that can be read now (64 KiB at most), without waiting.
  // Allocates nothing.
  void drain() noexcept;
  // drain(), then the last line even if incomplete: for when the adapter has ended.
  void finish() noexcept;

 private:
  void drain_up_to(std::size_t max_bytes) noexcept;
  void relay(const char* line, std::size_t size) noexcept;

  int pipe_;
  std::array<char, kMaxLineBytes> line_;  // the line being read
  std::size_t length_ = 0;
};

}  // namespace tconv
