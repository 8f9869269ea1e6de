#include "regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tconv {
namespace {

const char* kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "of another kind";
}

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

std::string read_regular_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  const std::string name = path.string();
  const auto fail = [&](const std::string& what) -> FileReadError {
    return FileReadError(name + ": " + what);
  };
  const auto check = [&](const struct stat& info) {
    if (!S_ISREG(info.st_mode)) {
      throw fail(std::string("is ") + kind(info.st_mode) + ", not a regular file");
    }
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
      throw fail(std::to_string(info.st_size) + " bytes, more than the limit of " +
                 std::to_string(max_bytes) + " bytes");
    }
  };
  struct stat info {};
  // stat first, so that a FIFO or a device is never opened; fstat again on what was opened.
  const auto system_error = [&] {
    return fail(std::string("cannot be read: ") + std::strerror(errno));
  };
  if (stat(name.c_str(), &info) != 0) throw system_error();
  check(info);
  const Descriptor file{open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0 || fstat(file.fd, &info) != 0) throw system_error();
  check(info);
  std::string text;
  text.reserve(static_cast<std::size_t>(info.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = read(file.fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw system_error();
    if (got == 0) return text;
    text.append(chunk, static_cast<std::size_t>(got));
    if (text.size() > max_bytes) {
      throw fail("grew beyond the limit of " + std::to_string(max_bytes) + " bytes while read");
    }
  }
}

}  // namespace tconv
