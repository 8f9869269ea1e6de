// For the tests: running out of memory on purpose, by limiting this process's address
// space to what it uses now plus a little.
#pragma once

#include <sys/resource.h>

#include <fstream>
#include <string>

namespace tconv::testing {

// AddressSanitizer reports a failed allocation and exits instead of throwing bad_alloc.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
inline constexpr bool kAddressSanitizer = __has_feature(address_sanitizer);
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// While it lives, the address space may grow by `extra` bytes only.
class AddressSpaceLimit {
 public:
  explicit AddressSpaceLimit(rlim_t extra) {
    getrlimit(RLIMIT_AS, &saved_);
    const rlimit tight{used() + extra, saved_.rlim_max};
    setrlimit(RLIMIT_AS, &tight);
  }
  ~AddressSpaceLimit() { setrlimit(RLIMIT_AS, &saved_); }
  AddressSpaceLimit(const AddressSpaceLimit&) = delete;
  AddressSpaceLimit& operator=(const AddressSpaceLimit&) = delete;

 private:
  static rlim_t used() {
    std::ifstream status("/proc/self/status");
    for (std::string key; status >> key;) {
      if (key == "VmSize:") {
        rlim_t kib = 0;
        status >> kib;
        return kib * 1024;
      }
    }
    return 0;
  }
  rlimit saved_{};
};

}  // namespace tconv::testing
