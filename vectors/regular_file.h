// The contents of a file that may be hostile: read only when it is a regular file (not a
// FIFO, a device such as /dev/zero, a directory or a socket, also through a symlink) of
// at most max_bytes, and never more than max_bytes + 1 bytes read, so that nothing can
// block the reader or exhaust its memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tconv {

class FileReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws FileReadError naming the path and what is wrong (its kind, or its size and the
// limit, or the system's error).
std::string read_regular_file(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace tconv
