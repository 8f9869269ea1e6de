// Text an adapter wrote, made safe to show: it can neither drive a terminal (escape
// sequences, carriage returns) nor break a line of the suite's output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tconv {

// Every byte outside printable ASCII (0x20-0x7E), control characters, line breaks,
// tabs and the bytes of other encodings alike, written as "\xNN".
std::string printable_ascii(std::string_view text);

// Its first `max` bytes, printable and quoted, "..." marking a cut: 'abc...'.
std::string quoted_excerpt(std::string_view text, std::size_t max = 200);

// The same into `out`, which has room for 4 * text.size() characters; returns the
// number written. Allocates nothing.
std::size_t printable_ascii(std::string_view text, char* out);

}  // namespace tconv
