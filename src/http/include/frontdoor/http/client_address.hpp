// Which address a request came from when it reaches us through the council's own reverse
// proxies or load balancers. Only the proxies named in configuration are believed: anyone
// else could write "X-Forwarded-For: <someone else>" to dodge a per-address limit or to
// have a neighbour locked out. Pure and immutable once parsed, so thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"

namespace frontdoor::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody: the peer is always the client

  // A comma-separated list of addresses and networks ("10.0.0.0/8, ::1, 192.168.1.4").
  // kInvalidInput on field "trusted_proxies" naming the first bad entry.
  static Result<TrustedProxies> Parse(std::string_view list);

  [[nodiscard]] bool empty() const { return networks_.empty(); }
  [[nodiscard]] bool Contains(std::string_view address) const;

  // The client's address: the peer when it is not a trusted proxy; otherwise the rightmost
  // entry of X-Forwarded-For (every header's values joined by commas, in order) that is not a
  // trusted proxy, since entries left of it were written by the client and can be anything.
  // A garbled entry ends the walk at the last trusted hop, which is then taken as the client.
  [[nodiscard]] std::string ClientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> prefix{};  // IPv4 as IPv4-mapped IPv6
    int bits = 0;
  };
  std::vector<Network> networks_;
};

}  // namespace frontdoor::http
