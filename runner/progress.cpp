#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace tconv {
namespace {

constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

Progress::Progress() : enabled_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { finish(); }

void Progress::start(std::string phase, int total) {
  phase_ = std::move(phase);
  total_ = total;
  last_ = {};
  update(0, 0);
}

void Progress::update(int done, int failures) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < kRedrawInterval && done < total_) return;
  last_ = now;
  draw(done, failures);
}

void Progress::draw(int done, int failures) {
  const int filled = total_ > 0 ? std::min(kBarWidth, done * kBarWidth / total_) : kBarWidth;
  std::fprintf(stderr, "\r%-8s [%s%s] %d/%d, %d failed ", phase_.c_str(),
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kBarWidth - filled), '.').c_str(), done, total_,
               failures);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

}  // namespace tconv
