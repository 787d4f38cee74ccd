#include "frontdoor/web/csrf.hpp"

#include <gtest/gtest.h>

namespace frontdoor::web {
namespace {

constexpr std::string_view kSecret = "a secret of at least thirty-two characters";

http::Request WithCookie(const std::string& name, const std::string& value) {
  http::Request request;
  request.headers.emplace_back("cookie", "other=1; " + name + "=" + value);
  return request;
}

TEST(CsrfTest, ANewBrowserGetsARandomCookieAndItsToken) {
  const Csrf csrf(kSecret, false);
  const auto first = csrf.ForRequest(http::Request{});
  const auto second = csrf.ForRequest(http::Request{});
  EXPECT_TRUE(first.is_new);
  EXPECT_EQ(first.cookie_value.size(), 64U);
  EXPECT_NE(first.cookie_value, second.cookie_value);
  EXPECT_EQ(first.form_token, csrf.FormTokenFor(first.cookie_value));
  EXPECT_EQ(csrf.SetCookieHeader(first),
            "fd_csrf=" + first.cookie_value + "; Path=/; HttpOnly; SameSite=Lax");
}

TEST(CsrfTest, AKnownBrowserKeepsItsCookie) {
  const Csrf csrf(kSecret, false);
  const auto token = csrf.ForRequest(http::Request{});
  const auto again = csrf.ForRequest(WithCookie("fd_csrf", token.cookie_value));
  EXPECT_FALSE(again.is_new);
  EXPECT_EQ(again.form_token, token.form_token);
}

TEST(CsrfTest, AcceptsOnlyTheTokenOfTheCookieSent) {
  const Csrf csrf(kSecret, false);
  const auto token = csrf.ForRequest(http::Request{});
  const auto other = csrf.ForRequest(http::Request{});
  const auto request = WithCookie("fd_csrf", token.cookie_value);
  EXPECT_TRUE(csrf.Verify(request, token.form_token));
  EXPECT_FALSE(csrf.Verify(request, other.form_token)) << "another browser's token";
  EXPECT_FALSE(csrf.Verify(request, "")) << "no token";
  EXPECT_FALSE(csrf.Verify(request, token.cookie_value)) << "the cookie itself is not a token";
  EXPECT_FALSE(csrf.Verify(http::Request{}, token.form_token)) << "no cookie";
  std::string upper = token.form_token;
  upper[0] = upper[0] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(csrf.Verify(request, upper)) << "one digit changed";
}

TEST(CsrfTest, TokensDependOnTheSecret) {
  const Csrf ours(kSecret, false);
  const Csrf theirs("another secret of at least thirty-two characters", false);
  const auto token = theirs.ForRequest(http::Request{});
  EXPECT_FALSE(ours.Verify(WithCookie("fd_csrf", token.cookie_value), token.form_token));
  // With no secret configured, each process has its own random key.
  const Csrf random_a("", false);
  const Csrf random_b("", false);
  EXPECT_NE(random_a.FormTokenFor("x"), random_b.FormTokenFor("x"));
}

TEST(CsrfTest, HttpsCookiesAreSecureWithTheHostPrefix) {
  const Csrf csrf(kSecret, true);
  EXPECT_EQ(csrf.cookie_name(), "__Host-fd_csrf");
  const auto token = csrf.ForRequest(http::Request{});
  EXPECT_NE(csrf.SetCookieHeader(token).find("; Secure"), std::string::npos);
  EXPECT_TRUE(csrf.Verify(WithCookie("__Host-fd_csrf", token.cookie_value), token.form_token));
  EXPECT_FALSE(csrf.Verify(WithCookie("fd_csrf", token.cookie_value), token.form_token))
      << "a cookie without the prefix could have been set by a subdomain";
}

}  // namespace
}  // namespace frontdoor::web
