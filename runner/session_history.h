// The calls of one session (docs/ADAPTERS.md#sessions) as a file: what a failing
// session writes, and what --session-replay reads back and runs again. The file is
// input like any other: read bounded (size, nesting, number of calls, each problem
// within the suite's size limit) and refused with an error naming the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "problem.h"
#include "scalar.h"

namespace tconv {

// One call: the problem (layouts included), its dtype, and the seed of its operands'
// data (random_operands from std::mt19937_64(data_seed)). Calls with equal fields get
// equal operands and must return equal bits.
struct SessionCall {
  Problem problem;
  DType dtype = DType::float32;
  std::uint64_t data_seed = 0;
  friend bool operator==(const SessionCall&, const SessionCall&) = default;
};

struct SessionHistory {
  std::vector<SessionCall> calls;    // in order; the last one failed
  std::string failure;               // the verdict and message of the failing call
  std::int64_t original_length = 0;  // calls the session had run when it failed
};

inline constexpr std::size_t kMaxSessionCalls = 256;
inline constexpr std::uintmax_t kMaxSessionFileBytes = 1 << 20;

std::string session_history_json(const SessionHistory& h);

// Parses a history file's text: its format and calls (failure and lengths are for the
// reader); std::runtime_error "<origin>: calls[2].dtype: ..." for anything that is not a
// history this suite wrote.
SessionHistory parse_session_history(const std::string& text, const std::string& origin);

// Reads and parses the file (read_regular_file's bounds); std::runtime_error naming it.
SessionHistory read_session_history(const std::string& path);

}  // namespace tconv
