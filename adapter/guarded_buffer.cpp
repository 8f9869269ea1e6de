#include "guarded_buffer.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>
#include <vector>

namespace tconv {
namespace {

std::size_t round_up(std::size_t n, std::size_t multiple) {
  return (n + multiple - 1) / multiple * multiple;
}

std::size_t page_size() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

// The canary's bytes, new for every call.
void draw_canary(std::vector<unsigned char>& canary) {
  static std::mt19937_64 bits{std::random_device{}()};
  for (std::size_t b = 0; b < canary.size(); b += 8) {
    const std::uint64_t word = bits();
    std::memcpy(canary.data() + b, &word, std::min<std::size_t>(8, canary.size() - b));
  }
}

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

const char* to_string(Operand o) {
  switch (o) {
    case Operand::input: return "input";
    case Operand::weights: return "weights";
    case Operand::bias: return "bias";
    case Operand::output: break;
  }
  return "output";
}

GuardedBuffer::GuardedBuffer(const Problem& p, DType dtype, const Operands& operands)
    : dtype_(dtype), sources_{operands.input, operands.weights, operands.bias, nullptr} {
  const std::size_t element = element_size(dtype);
  const std::int64_t elements[kOperands] = {input_elements(p), weight_elements(p),
                                            p.has_bias ? bias_elements(p) : 0, output_elements(p)};
  present_ = {true, true, p.has_bias, true};
  const std::size_t page = page_size();
  std::size_t end = kGuardBytes;
  for (int o = 0; o < kOperands; ++o) {
    if (!present_[o]) continue;
    bytes_[o] = static_cast<std::size_t>(elements[o]) * element;
    segment_[o] = end;
    segment_bytes_[o] = round_up(bytes_[o] + (o == kOutput ? kCanaryBytes : 0), page);
    end += segment_bytes_[o] + kGuardBytes;
  }
  layout_.mapping_bytes = end;

  // The protections: every guard, then every operand the call only reads.
  std::size_t guard_start = 0;
  for (int o = 0; o < kOperands; ++o) {
    if (!present_[o]) continue;
    layout_.ranges[layout_.range_count++] = {guard_start, segment_[o] - guard_start, PROT_NONE, 0};
    guard_start = segment_[o] + segment_bytes_[o];
  }
  layout_.ranges[layout_.range_count++] = {guard_start, end - guard_start, PROT_NONE, 0};
  for (int o = 0; o < kOutput; ++o) {
    if (present_[o])
      layout_.ranges[layout_.range_count++] = {segment_[o], segment_bytes_[o], PROT_READ, 0};
  }

  fd_ = memfd_create("tconv-call", MFD_CLOEXEC);
  if (fd_ < 0) fail("memfd_create of the call's buffer");
  if (ftruncate(fd_, static_cast<off_t>(end)) != 0) {
    close(fd_);
    fail("ftruncate of the call's buffer");
  }
  void* m = mmap(nullptr, end, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (m == MAP_FAILED) {
    close(fd_);
    fail("mmap of the call's buffer");
  }
  mapping_ = static_cast<unsigned char*>(m);
}

GuardedBuffer::~GuardedBuffer() {
  munmap(mapping_, layout_.mapping_bytes);
  close(fd_);
}

std::size_t GuardedBuffer::tensor_bytes() const {
  std::size_t total = 0;
  for (std::size_t b : bytes_) total += b;
  return total;
}

void GuardedBuffer::place(Placement placement) {
  for (int o = 0; o < kOperands; ++o) {
    if (!present_[o]) {
      layout_.data[o] = -1;
      continue;
    }
    const std::size_t data = placement == Placement::flush_end
                                 ? segment_[o] + segment_bytes_[o] - bytes_[o]
                                 : segment_[o];
    layout_.data[o] = static_cast<std::int64_t>(data);
    std::memset(mapping_ + segment_[o], 0, segment_bytes_[o]);
    if (sources_[o]) std::memcpy(mapping_ + data, sources_[o], bytes_[o]);
  }
  canary_.resize(segment_bytes_[kOutput]);
  draw_canary(canary_);
  for (const auto& [start, end] : {canary_before(), canary_after()}) {
    std::memcpy(mapping_ + start, canary_.data() + (start - segment_[kOutput]), end - start);
  }
  visit_dtype(dtype_, [&](auto zero) {
    using T = decltype(zero);
    std::fill_n(static_cast<T*>(output()), bytes_[kOutput] / sizeof(T), unwritten_marker<T>());
  });
}

bool GuardedBuffer::canary_intact(std::size_t b) const {
  return mapping_[b] == canary_[b - segment_[kOutput]];
}

std::pair<std::size_t, std::size_t> GuardedBuffer::canary_before() const {
  return {segment_[kOutput], static_cast<std::size_t>(layout_.data[kOutput])};
}

std::pair<std::size_t, std::size_t> GuardedBuffer::canary_after() const {
  return {static_cast<std::size_t>(layout_.data[kOutput]) + bytes_[kOutput],
          segment_[kOutput] + segment_bytes_[kOutput]};
}

std::optional<std::int64_t> GuardedBuffer::changed_canary() const {
  const auto output_start = static_cast<std::int64_t>(layout_.data[kOutput]);
  // Before the output, nearest first; then after it, nearest first.
  const auto [before_start, before_end] = canary_before();
  for (std::size_t b = before_end; b-- > before_start;) {
    if (!canary_intact(b)) return static_cast<std::int64_t>(b) - output_start;
  }
  const auto [after_start, after_end] = canary_after();
  for (std::size_t b = after_start; b < after_end; ++b) {
    if (!canary_intact(b)) return static_cast<std::int64_t>(b) - output_start;
  }
  return std::nullopt;
}

std::optional<GuardedBuffer::Location> GuardedBuffer::locate(std::int64_t mapping_offset) const {
  if (mapping_offset < 0 || static_cast<std::uint64_t>(mapping_offset) >= layout_.mapping_bytes) {
    return std::nullopt;
  }
  const auto at = static_cast<std::size_t>(mapping_offset);
  std::optional<Location> nearest;
  std::size_t nearest_distance = 0;
  for (int o = 0; o < kOperands; ++o) {
    if (!present_[o]) continue;
    const auto data = static_cast<std::size_t>(layout_.data[o]);
    const Location here{static_cast<Operand>(o), mapping_offset - layout_.data[o], true};
    if (at >= segment_[o] && at < segment_[o] + segment_bytes_[o]) {
      if (o == kOutput) return std::nullopt;  // its own pages, read-write
      return Location{here.operand, here.offset, false};
    }
    const std::size_t distance = at < data ? data - at : at - (data + bytes_[o]) + 1;
    if (!nearest || distance < nearest_distance) {
      nearest = here;
      nearest_distance = distance;
    }
  }
  return nearest;
}

GuardedBuffer::Unwritten GuardedBuffer::unwritten() const {
  Unwritten u;
  visit_dtype(dtype_, [&](auto zero) {
    using T = decltype(zero);
    const T* values = static_cast<const T*>(output());
    const auto elements = static_cast<std::int64_t>(bytes_[kOutput] / sizeof(T));
    for (std::int64_t i = 0; i < elements; ++i) {
      if (!is_unwritten_marker(values[i])) continue;
      if (u.count++ == 0) u.first = i;
    }
  });
  return u;
}

}  // namespace tconv
