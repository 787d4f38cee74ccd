#include "frontdoor/http/client_address.hpp"

#include <charconv>
#include <cstring>
#include <optional>

#include <arpa/inet.h>

namespace frontdoor::http {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

std::string_view Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// IPv4 addresses come back IPv4-mapped (::ffff:a.b.c.d), so a v4 network also covers peers
// a dual-stack socket reports in the mapped form.
std::optional<Bytes> ParseAddress(std::string_view text) {
  if (text.empty() || text.size() > 45) {  // the longest IPv6 text form
    return std::nullopt;
  }
  const std::string copy(text);  // inet_pton needs a terminated string
  Bytes bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

bool IsIpV4(std::string_view text) {
  return text.find(':') == std::string_view::npos;
}

bool PrefixMatches(const Bytes& address, const Bytes& prefix, int bits) {
  std::size_t byte = 0;
  for (; bits >= 8; bits -= 8, ++byte) {
    if (address[byte] != prefix[byte]) {
      return false;
    }
  }
  if (bits == 0) {
    return true;
  }
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - bits));
  return (address[byte] & mask) == (prefix[byte] & mask);
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies proxies;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view entry = Trimmed(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) {
      continue;
    }
    const auto refuse = [&entry] {
      return Error::Invalid("trusted_proxies",
                            "trusted_proxies must list IP addresses or networks such as "
                            "10.0.0.0/8, not '" +
                                std::string(entry.substr(0, 60)) + "'");
    };
    const auto slash = entry.find('/');
    const std::string_view address_text = entry.substr(0, slash);
    const auto address = ParseAddress(address_text);
    if (!address) {
      return refuse();
    }
    const int max_bits = IsIpV4(address_text) ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
          bits > max_bits) {
        return refuse();
      }
    }
    proxies.networks_.push_back({*address, bits + (128 - max_bits)});
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  const auto bytes = ParseAddress(Trimmed(address));
  if (!bytes) {
    return false;
  }
  for (const Network& network : networks_) {
    if (PrefixMatches(*bytes, network.prefix, network.bits)) {
      return true;
    }
  }
  return false;
}

std::string TrustedProxies::ClientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const {
  std::string_view client = peer;
  if (!Contains(client)) {
    return std::string(client);
  }
  while (!forwarded_for.empty()) {
    const auto comma = forwarded_for.rfind(',');
    const std::string_view hop =
        Trimmed(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (hop.empty()) {
      continue;
    }
    if (!ParseAddress(hop)) {
      break;
    }
    client = hop;
    if (!Contains(client)) {
      break;
    }
  }
  return std::string(client);
}

}  // namespace frontdoor::http
