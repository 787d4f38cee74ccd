#include "frontdoor/http/cookie.hpp"

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

Request WithCookies(std::initializer_list<const char*> headers) {
  Request request;
  for (const char* header : headers) {
    request.headers.emplace_back("cookie", header);
  }
  return request;
}

TEST(CookieTest, FindsANamedCookieAmongOthers) {
  const Request request = WithCookies({"a=1; fd_lang=ga;b=2"});
  EXPECT_EQ(CookieValue(request, "fd_lang"), "ga");
  EXPECT_EQ(CookieValue(request, "a"), "1");
  EXPECT_EQ(CookieValue(request, "b"), "2");
}

TEST(CookieTest, AbsentNamesAndPrefixesAreNotMatches) {
  const Request request = WithCookies({"fd_lang_x=ga; xfd_lang=en; novalue"});
  EXPECT_FALSE(CookieValue(request, "fd_lang"));
  EXPECT_FALSE(CookieValue(request, "novalue"));
  EXPECT_FALSE(CookieValue(Request{}, "fd_lang"));
}

TEST(CookieTest, QuotesAreNotPartOfTheValueAndSplitHeadersAreRead) {
  const Request request = WithCookies({"a=\"quoted\"", "b=second"});
  EXPECT_EQ(CookieValue(request, "a"), "quoted");
  EXPECT_EQ(CookieValue(request, "b"), "second");
}

TEST(CookieTest, SetCookieCarriesItsAttributes) {
  SetCookie cookie;
  cookie.name = "fd_csrf";
  cookie.value = "abc";
  EXPECT_EQ(FormatSetCookie(cookie), "fd_csrf=abc; Path=/; HttpOnly; SameSite=Lax");
  cookie.secure = true;
  cookie.max_age_seconds = 0;
  cookie.http_only = false;
  cookie.same_site = SameSite::kStrict;
  EXPECT_EQ(FormatSetCookie(cookie), "fd_csrf=abc; Path=/; Max-Age=0; Secure; SameSite=Strict");
}

}  // namespace
}  // namespace frontdoor::http
