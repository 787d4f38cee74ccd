#include "frontdoor/http/client_address.hpp"

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

TrustedProxies Parsed(std::string_view list) {
  auto proxies = TrustedProxies::Parse(list);
  EXPECT_TRUE(proxies) << list;
  return proxies ? *proxies : TrustedProxies{};
}

TEST(TrustedProxiesTest, WithoutProxiesThePeerIsTheClientWhateverTheHeaderSays) {
  const TrustedProxies none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.ClientAddress("203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST(TrustedProxiesTest, AnUntrustedPeerCannotChooseItsAddress) {
  const TrustedProxies proxies = Parsed("10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST(TrustedProxiesTest, ATrustedPeerNamesTheClientItServed) {
  const TrustedProxies proxies = Parsed("10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", " 198.51.100.1 "), "198.51.100.1");
}

TEST(TrustedProxiesTest, AddressesTheClientAddedItselfAreIgnored) {
  // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
  const TrustedProxies proxies = Parsed("10.0.0.0/8");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
}

TEST(TrustedProxiesTest, AChainOfTrustedProxiesIsWalkedFromTheRight) {
  const TrustedProxies proxies = Parsed("10.0.0.0/8, 192.168.1.0/24");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1, 192.168.1.7, 10.1.2.3"),
            "198.51.100.1");
}

TEST(TrustedProxiesTest, AGarbledEntryStopsTheWalkAtTheLastProxy) {
  const TrustedProxies proxies = Parsed("10.0.0.0/8");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "198.51.100.1, not-an-address"), "10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "198.51.100.1, 10.0.0.9, <script>"), "10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", ""), "10.0.0.5");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", ",,,"), "10.0.0.5");
}

TEST(TrustedProxiesTest, EveryHopTrustedLeavesTheFirstHop) {
  const TrustedProxies proxies = Parsed("10.0.0.0/8");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "10.0.0.7, 10.0.0.6"), "10.0.0.7");
}

TEST(TrustedProxiesTest, IpV6AndMappedIpV4AreUnderstood) {
  const TrustedProxies proxies = Parsed("::1, fd00::/8, 127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("::1", "2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(proxies.ClientAddress("fd12:3456::1", "198.51.100.1"), "198.51.100.1");
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
  EXPECT_EQ(proxies.ClientAddress("::ffff:127.0.0.1", "198.51.100.1"), "198.51.100.1");
  EXPECT_TRUE(proxies.Contains("127.0.0.1"));
  EXPECT_FALSE(proxies.Contains("127.0.0.2"));
  EXPECT_FALSE(proxies.Contains("fe00::1"));
}

TEST(TrustedProxiesTest, PrefixesCoverExactlyTheirNetwork) {
  const TrustedProxies proxies = Parsed("172.16.0.0/12");
  EXPECT_TRUE(proxies.Contains("172.16.0.1"));
  EXPECT_TRUE(proxies.Contains("172.31.255.255"));
  EXPECT_FALSE(proxies.Contains("172.32.0.0"));
  EXPECT_FALSE(proxies.Contains("172.15.255.255"));
  EXPECT_TRUE(Parsed("0.0.0.0/0").Contains("8.8.8.8"));
}

TEST(TrustedProxiesTest, BadListsAreRefusedNamingTheEntry) {
  for (const char* bad : {"10.0.0.0/33", "::1/129", "10.0.0", "proxy.example", "10.0.0.0/",
                          "10.0.0.0/8x", "/8", "10.0.0.1/-1"}) {
    const auto parsed = TrustedProxies::Parse(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().field_errors().at(0).field, "trusted_proxies") << bad;
    EXPECT_NE(parsed.error().message().find(bad), std::string::npos) << bad;
  }
  EXPECT_TRUE(Parsed("").empty());
  EXPECT_TRUE(Parsed(" , ").empty());
}

}  // namespace
}  // namespace frontdoor::http
