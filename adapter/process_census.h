// For the tests: processes counted through /proc, to check that an adapter leaves none
// behind, even one that left the suite's process tree (setsid, reparented to init).
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace tconv::testing {

// The /proc entry of every process.
inline std::vector<std::filesystem::path> process_entries() {
  std::vector<std::filesystem::path> entries;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (std::all_of(name.begin(), name.end(), [](char c) { return std::isdigit(c); }))
      entries.push_back(entry.path());
  }
  return entries;
}

// Processes whose command line has `argument` among its arguments (a zombie has none).
inline int processes_with_argument(const std::string& argument) {
  int count = 0;
  for (const auto& entry : process_entries()) {
    std::ifstream in(entry / "cmdline", std::ios::binary);
    const std::string cmdline{std::istreambuf_iterator<char>(in), {}};
    if (('\0' + cmdline).find('\0' + argument + '\0') != std::string::npos) ++count;
  }
  return count;
}

// The count of processes_with_argument once it reaches `expected`, or after 10 s. A
// process that has just been started reads an empty command line for a moment: the
// kernel closes its close-on-exec descriptors (the parent's cue that exec succeeded)
// before it sets up the new arguments.
inline int processes_with_argument_reaching(const std::string& argument, int expected) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int count = processes_with_argument(argument);
  while (count < expected && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    count = processes_with_argument(argument);
  }
  return count;
}

// Processes descended from this one, zombies included.
inline int descendants() {
  std::map<pid_t, pid_t> parent;
  for (const auto& entry : process_entries()) {
    std::ifstream in(entry / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    const auto name_end = stat.rfind(')');  // "pid (name) state ppid ...": the name may hold ") "
    if (name_end == std::string::npos) continue;
    char state = 0;
    long ppid = 0;
    if (std::sscanf(stat.c_str() + name_end + 1, " %c %ld", &state, &ppid) == 2) {
      parent[static_cast<pid_t>(std::stol(entry.filename()))] = static_cast<pid_t>(ppid);
    }
  }
  int count = 0;
  for (const auto& [pid, ppid] : parent) {
    for (pid_t p = ppid; p > 1; p = parent.count(p) ? parent[p] : 0) {
      if (p == getpid()) {
        ++count;
        break;
      }
    }
  }
  return count;
}

}  // namespace tconv::testing
