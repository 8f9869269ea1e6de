// The memory of one isolated call: its operands and its output in one memfd, laid out
// so that every access outside them either faults at once or leaves a trace the suite
// reads after the call (docs/ADAPTERS.md#isolation):
//
//   | guard | input | guard | weights | guard | bias | guard | output and canary | guard |
//
// Each guard is kGuardBytes of PROT_NONE (virtual only: never written, so it costs no
// memory), wide enough that a store far past an operand faults too. Each operand has
// pages of its own and sits flush against one of its two guards, chosen by the
// Placement: a read or write one element past the flush edge faults. The rest of the
// output's pages hold a canary, bytes of a random pattern drawn anew for every placement,
// so that a write of any value there is seen; the output itself is filled with the
// unwritten marker. The call child (call_child.h) maps the memfd and applies the
// protections of layout(): guards PROT_NONE, input, weights and bias PROT_READ.
//
// The suite keeps its own read-write mapping, at the same offsets, to fill it before
// the call and inspect it after: only the bytes the suite reads here say what happened.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

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

// The tensors of a call, in the order of the mapping.
enum class Operand { input, weights, bias, output };
inline constexpr int kOperands = 4;
const char* to_string(Operand o);

// Which edge of every operand touches its guard: the end (a read or write just past it
// faults; the canary is before the output) or the start (just before it faults; the
// canary is after the output).
enum class Placement { flush_end, flush_start };

// Where a call child finds the operands in the mapping and how it protects the rest:
// plain data, sent to the adapter host as it is.
struct CallLayout {
  struct Range {
    std::uint64_t offset, bytes;
    std::int32_t protection;  // PROT_NONE or PROT_READ; the rest stays read-write
    std::int32_t unused;
  };
  static constexpr int kMaxRanges = 2 * kOperands + 1;

  std::uint64_t mapping_bytes;
  std::int64_t data[kOperands];  // byte offset of each operand; -1 for a bias the problem lacks
  std::int32_t range_count;
  std::int32_t unused;
  Range ranges[kMaxRanges];
};

class GuardedBuffer {
 public:
  static constexpr std::size_t kCanaryBytes = 4096;    // at least, beside the output
  static constexpr std::size_t kGuardBytes = 1 << 20;  // each guard

  // Copies nothing yet: place() does. std::system_error if the memfd cannot be made.
  GuardedBuffer(const Problem& p, DType dtype, const Operands& operands);
  ~GuardedBuffer();
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;

  // Lays the buffer out for one call: the operands copied flush against the guard the
  // placement names, the output filled with the unwritten marker, a new canary.
  void place(Placement placement);

  int fd() const { return fd_; }
  unsigned char* base() const { return mapping_; }
  const CallLayout& layout() const { return layout_; }
  void* output() const { return mapping_ + layout_.data[static_cast<int>(Operand::output)]; }
  // Of a tensor's data (0 for a bias the problem lacks), of the output, of all four.
  std::size_t bytes(Operand o) const { return bytes_[static_cast<int>(o)]; }
  std::size_t output_bytes() const { return bytes(Operand::output); }
  std::size_t tensor_bytes() const;

  // The changed canary byte nearest to the output, as a byte offset from the output's
  // start: negative before it, >= output_bytes() after it. nullopt when it is intact.
  std::optional<std::int64_t> changed_canary() const;

  // Where an address given as an offset in the mapping lies, when it is somewhere a
  // call must not touch: a guard (attributed to the operand whose data is nearest) or
  // a read-only operand. nullopt outside the mapping and in the output's pages.
  struct Location {
    Operand operand;
    std::int64_t offset;  // in bytes from the operand's first byte
    bool in_guard;        // else in the operand's own, read-only, pages
  };
  std::optional<Location> locate(std::int64_t mapping_offset) const;

  struct Unwritten {
    std::int64_t count = 0;
    std::int64_t first = -1;  // offset of the first one, in elements
  };
  Unwritten unwritten() const;

 private:
  static constexpr int kOutput = static_cast<int>(Operand::output);
  bool canary_intact(std::size_t mapping_offset) const;
  // The output's canary before and after it: [first, end) offsets in the mapping.
  std::pair<std::size_t, std::size_t> canary_before() const;
  std::pair<std::size_t, std::size_t> canary_after() const;

  DType dtype_;
  std::array<const void*, kOperands> sources_;    // the caller's operands; output: null
  std::array<bool, kOperands> present_{};         // false for a bias the problem lacks
  std::array<std::size_t, kOperands> bytes_{};    // of each tensor's data
  std::array<std::size_t, kOperands> segment_{};  // offset of each tensor's pages
  std::array<std::size_t, kOperands> segment_bytes_{};
  std::vector<unsigned char> canary_;  // the output's pages as the canary should leave them
  int fd_ = -1;
  unsigned char* mapping_ = nullptr;
  CallLayout layout_{};
};

}  // namespace tconv
