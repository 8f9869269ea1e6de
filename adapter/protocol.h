// The out-of-process protocol (docs/ADAPTERS.md#protocol): line-delimited JSON over the
// adapter's stdin and stdout, tensors written as in the golden vectors
// ({shape, layout, data}, vectors/README.md). This file only encodes and decodes
// lines; process_adapter.h moves them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapter_interface.h"
#include "problem.h"

namespace tconv {

inline constexpr int kProtocolVersion = 1;

// The adapter's first line: {"protocol", "name", "version", "capabilities"}.
// AdapterError saying what is missing or wrong.
AdapterInfo parse_handshake(std::string_view line);

// One request, without the newline: {"id", "problem", "dtype", "input", "weights"[, "bias"]}.
std::string request_line(std::int64_t id, const Problem& p, DType dtype, const Operands& operands);

// Reads the reply to request `id` into `output` (output_elements(p) values of dtype):
// completed, error (with the adapter's message), wrong_shape or protocol_error.
CallResult read_response(std::string_view line, std::int64_t id, const Problem& p, DType dtype,
                         void* output);

}  // namespace tconv
