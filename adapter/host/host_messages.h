// What the suite and the adapter host (tconv-adapter-host, adapter_host.h) say to each
// other over their socket (SOCK_SEQPACKET: one send, one message): plain structs
// followed by text, a memfd passed with each request (SCM_RIGHTS). Both ends are built
// from this file, so it needs no versioning beyond the magic. The suite checks every
// message it receives, as it would from any adapter.
#pragma once

#include <tconv/adapter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "call_child.h"

namespace tconv::host {

inline constexpr std::uint32_t kMagic = 0x74636831;  // "tch1"
inline constexpr std::size_t kMaxPacketBytes = 1 << 16;
inline constexpr std::size_t kMaxTextBytes = 4096;  // names, versions, messages, problems

// The host's first message: what tconv_adapter_get returned, unchecked (the suite
// checks it, adapter.cpp), or why the library could not be loaded. Text: the name and
// then the version, or the error.
struct Hello {
  std::uint32_t magic = kMagic;
  std::int32_t loaded = 0;
  std::uint32_t abi_version = 0;  // read first; nothing else when it is not the suite's
  std::int32_t has_name = 0, has_version = 0, has_compute = 0;
  tconv_capabilities capabilities{};
  std::uint32_t name_bytes = 0;
};

// One call: the problem string follows; the buffer's memfd comes with it. `session`
// says where it runs (SessionStep): a fresh child, or the session's child.
struct Request {
  std::uint32_t magic = kMagic;
  std::uint32_t id = 0;
  std::int32_t dtype = 0;
  SessionStep session = SessionStep::none;
  CallRequest call{};
};

// The outcome of request `id` (call_child.h): the message follows.
struct Reply {
  std::uint32_t magic = kMagic;
  std::uint32_t id = 0;
  CallOutcome::Ending ending = CallOutcome::Ending::died;
  std::int32_t compute_ok = 0;
  std::int32_t wait_status = 0;
  Access access = Access::unknown;
  std::int32_t has_fault = 0;
  std::int32_t unused = 0;
  std::int64_t fault_offset = 0;
};

// A message received: its fixed part, its text, and a descriptor that came with it.
template <class Header>
struct Message {
  Header header;
  std::string text;
  int fd = -1;  // owned by the receiver; close-on-exec
};

// Sends one message; false when the peer is gone (or, with `dont_wait`, not reading).
// Never raises SIGPIPE.
bool send_message(int socket, const void* header, std::size_t header_bytes, std::string_view text,
                  int fd, bool dont_wait);

template <class Header>
bool send_message(int socket, const Header& header, std::string_view text, int fd = -1,
                  bool dont_wait = false) {
  return send_message(socket, &header, sizeof header, text.substr(0, kMaxTextBytes), fd, dont_wait);
}

// Receives one message into `header` (header_bytes, beginning with the magic) and
// `text`, waiting as long as the socket blocks. False at the peer's end, and for a
// message that is not such a header with its magic and at most kMaxTextBytes of text.
bool receive_message(int socket, void* header, std::size_t header_bytes, std::string& text,
                     int& fd);

template <class Header>
std::optional<Message<Header>> receive_message(int socket) {
  Message<Header> m;
  if (!receive_message(socket, &m.header, sizeof m.header, m.text, m.fd)) return std::nullopt;
  return m;
}

}  // namespace tconv::host
