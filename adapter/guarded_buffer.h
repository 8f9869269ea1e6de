// The output buffer of one isolated call, laid out so that every misbehaviour leaves a
// trace the parent can read after the call:
//
//   | guard page | canary, 4 KiB | output | canary, 4 KiB to the page end | guard page |
//
// It is shared memory (MAP_SHARED | MAP_ANONYMOUS, mapped before the fork), so what a
// forked child writes reaches the parent. The output is filled with the unwritten
// marker, the canaries with kCanaryByte: a small overrun changes a canary, a large one
// hits a guard page (PROT_NONE) and dies with SIGSEGV at an address in_guard_page()
// recognises.
#pragma once

#include <cstdint>
#include <optional>

#include "adapter_interface.h"
#include "scalar.h"

namespace tconv {

// What the output is filled with: poison<T>() (reference/scalar.h), in float and double
// a signalling NaN with a payload of its own, so that an element still holding it was
// never written, while a NaN the adapter computed is a different bit pattern. An
// arithmetic operation on it quiets it and keeps the payload: is_unwritten_marker counts
// that too (the element was read before it was written). In int64 the most negative
// value, which small-integer data cannot produce.
template <class T>
constexpr T unwritten_marker() {
  return poison<T>();
}
template <class T>
constexpr bool is_unwritten_marker(T value) {
  return is_poison(value);
}

class GuardedBuffer {
 public:
  static constexpr std::size_t kCanaryBytes = 4096;
  static constexpr unsigned char kCanaryByte = 0xA5;

  GuardedBuffer(DType dtype, std::int64_t elements);  // std::system_error if mmap fails
  ~GuardedBuffer();
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  void* output() const { return output_; }
  std::size_t output_bytes() const { return output_bytes_; }

  // The changed canary byte nearest to the output, as a byte offset from the output's
  // start: negative before it, >= output_bytes() after it. nullopt when both are intact.
  std::optional<std::int64_t> changed_canary() const;
  // The byte offset from the output's start of an address in a guard page, or nullopt.
  std::optional<std::int64_t> in_guard_page(const void* address) const;

  struct Unwritten {
    std::int64_t count = 0;
    std::int64_t first = -1;  // offset of the first one, in elements
  };
  Unwritten unwritten() const;

 private:
  DType dtype_;
  std::int64_t elements_;
  std::size_t page_, mapping_bytes_, output_bytes_;
  unsigned char* mapping_;
  unsigned char* output_;
};

}  // namespace tconv
