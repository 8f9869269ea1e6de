// The out-of-process protocol (docs/ADAPTERS.md#protocol): line-delimited JSON over the
// adapter's stdin and stdout, tensors written as in the golden vectors
// ({shape, layout, data}, vectors/README.md). This file only encodes and decodes
// lines; process_adapter.h moves them. Lines come from a hostile process: their
// length is bounded before they are read, their nesting before they are parsed
// (bounded_json.h), and what they say is quoted in messages only in part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapter_interface.h"
#include "problem.h"

namespace tconv {

inline constexpr int kProtocolVersion = 1;

// The longest lines read (docs/ADAPTERS.md#protocol); beyond them, the handshake is
// refused and a reply is a protocol_error. A handshake: 64 KiB. A reply to problem p:
// kReplyBytesPerValue for each output value (a double in its shortest form takes at most
// 24 characters), and kReplyEnvelopeBytes for the rest (its members, an error message).
inline constexpr std::size_t kMaxHandshakeBytes = std::size_t{1} << 16;
inline constexpr std::size_t kReplyBytesPerValue = 64;
inline constexpr std::size_t kReplyEnvelopeBytes = std::size_t{1} << 20;
std::size_t max_reply_bytes(const Problem& p);

// An adapter's error message is kept up to this many bytes.
inline constexpr std::size_t kMaxErrorMessageBytes = 4096;

// The adapter's first line: {"protocol", "name", "version", "capabilities"}.
// AdapterError saying what is missing or wrong.
AdapterInfo parse_handshake(std::string_view line);

// One request, without the newline: {"id", "problem", "dtype", "input", "weights"[, "bias"]}.
std::string request_line(std::int64_t id, const Problem& p, DType dtype, const Operands& operands);

// Reads the reply to request `id` into `output` (output_elements(p) values of dtype):
// completed, error (with the adapter's message), wrong_shape or protocol_error. Builds no
// document (reply_reader.h): its memory is the line's, and out of memory it throws
// std::bad_alloc with nothing left half-destroyed.
CallResult read_response(std::string_view line, std::int64_t id, const Problem& p, DType dtype,
                         void* output);

}  // namespace tconv
