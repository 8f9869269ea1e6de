#include "default_vectors.h"

#include <filesystem>
#include <system_error>

namespace tconv {

std::string default_vectors_dir() {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    // TCONV_INSTALLED_VECTORS: the installed vectors relative to the installed executable.
    const fs::path installed = executable.parent_path() / TCONV_INSTALLED_VECTORS;
    if (fs::is_directory(installed, error)) return installed.lexically_normal().string();
  }
  return TCONV_VECTORS_DIR;
}

}  // namespace tconv
