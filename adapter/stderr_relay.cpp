#include "stderr_relay.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

#include "printable_text.h"

namespace tconv {
namespace {

constexpr std::string_view kMark = "[adapter] ";
// Read per drain(), so that an adapter writing without end cannot hold the suite past
// its deadline; and by finish(), at least what a pipe can hold (a Linux pipe, 1 MiB at most
// by default), without waiting on a writer that somehow survived the adapter.
constexpr std::size_t kMaxDrainBytes = 1 << 16;
constexpr std::size_t kMaxFinishBytes = 1 << 21;

void write_all(int fd, const char* data, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the suite's stderr is gone: nothing to relay to
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

StderrRelay::StderrRelay(int pipe) : pipe_(pipe) {
  fcntl(pipe_, F_SETFL, fcntl(pipe_, F_GETFL) | O_NONBLOCK);
}

StderrRelay::~StderrRelay() {
  if (pipe_ >= 0) close(pipe_);
}

void StderrRelay::relay(const char* line, std::size_t size) noexcept {
  // One write() per line, so that lines of the suite's own stay whole around it.
  char text[kMark.size() + 4 * kMaxLineBytes + 1];
  kMark.copy(text, kMark.size());
  std::size_t length = kMark.size() + printable_ascii({line, size}, text + kMark.size());
  text[length++] = '\n';
  write_all(STDERR_FILENO, text, length);
}

void StderrRelay::drain() noexcept { drain_up_to(kMaxDrainBytes); }

void StderrRelay::drain_up_to(std::size_t max_bytes) noexcept {
  for (std::size_t relayed = 0; pipe_ >= 0 && relayed < max_bytes;) {
    const ssize_t n = read(pipe_, line_.data() + length_, line_.size() - length_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) {  // every writer has closed it
      close(pipe_);
      pipe_ = -1;
      return;
    }
    relayed += static_cast<std::size_t>(n);
    const std::size_t end = length_ + static_cast<std::size_t>(n);
    std::size_t start = 0;
    for (std::size_t i = length_; i < end; ++i) {
      if (line_[i] == '\n') {
        relay(line_.data() + start, i - start);
        start = i + 1;
      }
    }
    length_ = end - start;
    std::copy(line_.begin() + start, line_.begin() + end, line_.begin());
    if (length_ == line_.size()) {  // a line longer than the buffer: relay it in pieces
      relay(line_.data(), length_);
      length_ = 0;
    }
  }
}

void StderrRelay::finish() noexcept {
  drain_up_to(kMaxFinishBytes);
  if (length_ > 0) relay(line_.data(), length_);
  length_ = 0;
}

}  // namespace tconv
