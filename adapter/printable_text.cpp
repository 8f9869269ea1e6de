#include "printable_text.h"

namespace tconv {

std::size_t printable_ascii(std::string_view text, char* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char* const start = out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte <= 0x7E) {
      *out++ = c;
    } else {
      *out++ = '\\';
      *out++ = 'x';
      *out++ = kHex[byte >> 4];
      *out++ = kHex[byte & 0xF];
    }
  }
  return static_cast<std::size_t>(out - start);
}

std::string printable_ascii(std::string_view text) {
  std::string out(4 * text.size(), '\0');
  out.resize(printable_ascii(text, out.data()));
  return out;
}

std::string quoted_excerpt(std::string_view text, std::size_t max) {
  std::string quoted(1, '\'');
  quoted += printable_ascii(text.substr(0, max));
  quoted += text.size() > max ? "...'" : "'";
  return quoted;
}

}  // namespace tconv
