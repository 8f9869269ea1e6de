#include "guarded_buffer.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace tconv {
namespace {

std::size_t round_up(std::size_t n, std::size_t multiple) {
  return (n + multiple - 1) / multiple * multiple;
}

}  // namespace

GuardedBuffer::GuardedBuffer(DType dtype, std::int64_t elements)
    : dtype_(dtype),
      elements_(elements),
      page_(static_cast<std::size_t>(sysconf(_SC_PAGESIZE))),
      output_bytes_(static_cast<std::size_t>(elements) * element_size(dtype)) {
  const std::size_t before = round_up(kCanaryBytes, page_);
  const std::size_t output_and_after = round_up(output_bytes_ + kCanaryBytes, page_);
  mapping_bytes_ = page_ + before + output_and_after + page_;
  void* m =
      mmap(nullptr, mapping_bytes_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED)
    throw std::system_error(errno, std::generic_category(), "mmap of the output buffer");
  mapping_ = static_cast<unsigned char*>(m);
  mprotect(mapping_, page_, PROT_NONE);
  mprotect(mapping_ + mapping_bytes_ - page_, page_, PROT_NONE);
  std::memset(mapping_ + page_, kCanaryByte, mapping_bytes_ - 2 * page_);
  output_ = mapping_ + page_ + before;
  visit_dtype(dtype_, [&](auto zero) {
    using T = decltype(zero);
    std::fill_n(reinterpret_cast<T*>(output_), elements_, unwritten_marker<T>());
  });
}

GuardedBuffer::~GuardedBuffer() { munmap(mapping_, mapping_bytes_); }

std::optional<std::int64_t> GuardedBuffer::changed_canary() const {
  const unsigned char* canary_start = mapping_ + page_;
  const unsigned char* canary_end = mapping_ + mapping_bytes_ - page_;
  // Before the output, nearest first; then after it, nearest first.
  for (const unsigned char* b = output_ - 1; b >= canary_start; --b) {
    if (*b != kCanaryByte) return b - output_;
  }
  for (const unsigned char* b = output_ + output_bytes_; b < canary_end; ++b) {
    if (*b != kCanaryByte) return b - output_;
  }
  return std::nullopt;
}

std::optional<std::int64_t> GuardedBuffer::in_guard_page(const void* address) const {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  const auto start = reinterpret_cast<std::uintptr_t>(mapping_);
  const bool first = a >= start && a < start + page_;
  const bool last = a >= start + mapping_bytes_ - page_ && a < start + mapping_bytes_;
  if (!first && !last) return std::nullopt;
  return static_cast<std::int64_t>(a - reinterpret_cast<std::uintptr_t>(output_));
}

GuardedBuffer::Unwritten GuardedBuffer::unwritten() const {
  Unwritten u;
  visit_dtype(dtype_, [&](auto zero) {
    using T = decltype(zero);
    const T* values = reinterpret_cast<const T*>(output_);
    for (std::int64_t i = 0; i < elements_; ++i) {
      if (!is_unwritten_marker(values[i])) continue;
      if (u.count++ == 0) u.first = i;
    }
  });
  return u;
}

}  // namespace tconv
