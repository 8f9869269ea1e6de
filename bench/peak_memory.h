// Peak extra memory of a call, counted on the C++ heap: this program replaces the global
// operator new and delete, which every reference allocates through (std::vector, and
// xtensor's std::allocator), and keeps the live byte count and its high-water mark.
// Memory a library obtains from malloc or mmap directly is not seen, so only the
// references are reported.
#pragma once

#include <cstdint>

namespace tconv::bench {

// Counts the bytes allocated while it lives beyond those live when it was made.
class PeakMemoryScope {
 public:
  PeakMemoryScope();
  std::int64_t peak_extra_bytes() const;  // the high-water mark so far, minus the start

 private:
  std::int64_t start_;
};

}  // namespace tconv::bench
