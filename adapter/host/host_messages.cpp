#include "host_messages.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace tconv::host {

bool send_message(int socket, const void* header, std::size_t header_bytes, std::string_view text,
                  int fd, bool dont_wait) {
  iovec parts[2] = {{const_cast<void*>(header), header_bytes},
                    {const_cast<char*>(text.data()), text.size()}};
  msghdr m{};
  m.msg_iov = parts;
  m.msg_iovlen = 2;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  if (fd >= 0) {
    m.msg_control = control;
    m.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  }
  const int flags = MSG_NOSIGNAL | (dont_wait ? MSG_DONTWAIT : 0);
  ssize_t sent;
  while ((sent = sendmsg(socket, &m, flags)) < 0 && errno == EINTR) {
  }
  return sent == static_cast<ssize_t>(header_bytes + text.size());
}

bool receive_message(int socket, void* header, std::size_t header_bytes, std::string& text,
                     int& fd) {
  std::vector<char> packet(kMaxPacketBytes);
  iovec part{packet.data(), packet.size()};
  msghdr m{};
  m.msg_iov = &part;
  m.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  m.msg_control = control;
  m.msg_controllen = sizeof control;
  ssize_t received;
  while ((received = recvmsg(socket, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
  }
  fd = -1;
  for (cmsghdr* c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
        c->cmsg_len == CMSG_LEN(sizeof(int))) {
      std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
    }
  }
  bool valid = received >= static_cast<ssize_t>(header_bytes) &&
               !(m.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) &&
               static_cast<std::size_t>(received) - header_bytes <= kMaxTextBytes;
  if (valid) {
    std::uint32_t magic = 0;
    std::memcpy(&magic, packet.data(), sizeof magic);
    valid = magic == kMagic;
  }
  if (!valid) {
    if (fd >= 0) close(fd);
    fd = -1;
    return false;
  }
  std::memcpy(header, packet.data(), header_bytes);
  text.assign(packet.data() + header_bytes, static_cast<std::size_t>(received) - header_bytes);
  return true;
}

}  // namespace tconv::host
