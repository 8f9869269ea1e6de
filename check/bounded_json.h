// Parsing JSON from a hostile source with its nesting depth bounded. nlohmann_json
// parses and destroys a document without recursion, but copying, comparing and dump()
// recurse once per level: a line of 200,000 '[' overflows the stack. The depth is
// checked by a scan of the text before anything is built. Header-only, so that any
// library already using nlohmann_json can use it (the adapter protocol, the vector loader).
// Not bounded here: memory. A document allocates while it is destroyed, so a bad_alloc
// while parsing one ends the process; text from a process that must not end the suite
// is better read by events (adapter/reply_reader.h).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tconv {

// Far above any document of this project (a vector file nests 10 levels, a protocol
// line 3), far below what the recursion could survive (tens of thousands).
inline constexpr int kMaxJsonDepth = 64;

struct JsonTooDeep : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws JsonTooDeep ("JSON nested deeper than 64 levels (at byte 70)") when arrays and
// objects in `text` nest deeper than max_depth. The scan follows strings and escapes as
// the parser does, so on any text the parser accepts, or on the part of it the parser
// reads before an error, its depth is the parser's; it says nothing else about validity.
inline void check_json_depth(std::string_view text, int max_depth = kMaxJsonDepth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        throw JsonTooDeep("JSON nested deeper than " + std::to_string(max_depth) +
                          " levels (at byte " + std::to_string(i) + ")");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

// nlohmann::json::parse(text, callback, allow_exceptions) after check_json_depth: the
// same result and exceptions, and JsonTooDeep (whatever allow_exceptions says) for a
// document nested deeper than max_depth.
inline nlohmann::json parse_bounded_json(
    std::string_view text, const nlohmann::json::parser_callback_t& callback = nullptr,
    bool allow_exceptions = true, int max_depth = kMaxJsonDepth) {
  check_json_depth(text, max_depth);
  return nlohmann::json::parse(text, callback, allow_exceptions);
}

}  // namespace tconv
