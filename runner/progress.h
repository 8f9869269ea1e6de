// A progress bar on stderr, drawn only when stderr is a terminal: the phase, cases done
// of the total, and the failures so far, redrawn at most ten times a second.
#pragma once

#include <chrono>
#include <string>

namespace tconv {

class Progress {
 public:
  Progress();  // enabled when stderr is a terminal
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void start(std::string phase, int total);
  void update(int done, int failures);
  void finish();  // clears the line

 private:
  void draw(int done, int failures);

  bool enabled_;
  bool drawn_ = false;
  std::string phase_;
  int total_ = 0;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace tconv
