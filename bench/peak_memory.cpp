#include "peak_memory.h"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace tconv::bench {
namespace {

std::atomic<std::int64_t> live_bytes{0};
std::atomic<std::int64_t> peak_bytes{0};

// The size malloc gave the block, so that new and delete agree without a header.
void* counted(void* block) {
  if (block == nullptr) throw std::bad_alloc();
  const auto size = static_cast<std::int64_t>(malloc_usable_size(block));
  const std::int64_t live = live_bytes.fetch_add(size, std::memory_order_relaxed) + size;
  std::int64_t peak = peak_bytes.load(std::memory_order_relaxed);
  while (live > peak && !peak_bytes.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
  return block;
}

void uncounted(void* block) {
  if (block == nullptr) return;
  live_bytes.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(block)),
                       std::memory_order_relaxed);
  std::free(block);
}

}  // namespace

PeakMemoryScope::PeakMemoryScope() : start_(live_bytes.load(std::memory_order_relaxed)) {
  peak_bytes.store(start_, std::memory_order_relaxed);
}

std::int64_t PeakMemoryScope::peak_extra_bytes() const {
  return peak_bytes.load(std::memory_order_relaxed) - start_;
}

}  // namespace tconv::bench

// libstdc++'s other forms (arrays, nothrow) forward to these.
void* operator new(std::size_t size) {
  return tconv::bench::counted(std::malloc(size == 0 ? 1 : size));
}
void* operator new(std::size_t size, std::align_val_t align) {
  const auto alignment = static_cast<std::size_t>(align);
  return tconv::bench::counted(
      std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment));
}
void operator delete(void* block) noexcept { tconv::bench::uncounted(block); }
void operator delete(void* block, std::align_val_t) noexcept { tconv::bench::uncounted(block); }
void operator delete(void* block, std::size_t) noexcept { tconv::bench::uncounted(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept {
  tconv::bench::uncounted(block);
}
