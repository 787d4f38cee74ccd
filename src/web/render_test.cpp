#include "render.hpp"

#include <gtest/gtest.h>

#include "frontdoor/web/web.hpp"

namespace frontdoor::web {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Instant At(int y, unsigned m, unsigned d, int h, int min) {
  return Instant(date::sys_days(date::year(y) / date::month(m) / date::day(d)) + hours(h) +
                 minutes(min));
}

struct Due {
  Instant at;
  Lang lang;
  const char* words;
  const char* rule;
};

class DueWordsTest : public testing::TestWithParam<Due> {};

TEST_P(DueWordsTest, ReadsAsAPromise) {
  EXPECT_EQ(DueWords(GetParam().lang, GetParam().at), GetParam().words) << GetParam().rule;
}

INSTANTIATE_TEST_SUITE_P(
    London, DueWordsTest,
    testing::Values(Due{At(2026, 12, 4, 17, 0), Lang::kEn, "by 5pm on Friday 4 December 2026",
                        "winter: London is on UTC"},
                    Due{At(2026, 6, 5, 16, 0), Lang::kEn, "by 5pm on Friday 5 June 2026",
                        "summer: 16:00 UTC is 5pm BST"},
                    Due{At(2026, 6, 5, 8, 30), Lang::kEn, "by 9:30am on Friday 5 June 2026",
                        "minutes shown when not on the hour"},
                    Due{At(2026, 12, 4, 12, 0), Lang::kEn, "by midday on Friday 4 December 2026",
                        "12pm is midday"},
                    Due{At(2026, 12, 4, 0, 0), Lang::kEn, "by midnight on Friday 4 December 2026",
                        "12am is midnight"},
                    Due{At(2026, 12, 4, 17, 0), Lang::kGa, "faoi 5pm Dé hAoine 4 Nollaig 2026",
                        "Irish day and month names"}));

TEST(RenderTest, DatesInAHistory) {
  EXPECT_EQ(DateTimeWords(Lang::kEn, At(2026, 3, 27, 15, 5)), "27 March 2026 at 3:05pm");
  EXPECT_EQ(DateTimeWords(Lang::kGa, At(2026, 3, 27, 15, 5)), "27 Márta 2026 ag 3:05pm");
  EXPECT_EQ(DateWords(Lang::kEn, std::chrono::sys_days(std::chrono::year(2026) / 11 / 24)),
            "24 November 2026");
}

class RenderPageTest : public testing::Test {
 protected:
  void SetUp() override {
    WebSettings settings;
    settings.secret = "a secret of at least thirty-two characters";
    auto site = Site::Create(settings);
    ASSERT_TRUE(site) << site.error().message();
    site_ = std::move(*site);
  }
  std::unique_ptr<Site> site_;
};

std::optional<std::string> HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

TEST_F(RenderPageTest, EveryPageCarriesTheSecurityHeaders) {
  const Site::Impl& site = site_->impl();
  http::Request request;
  request.path = "/cookies";
  const PageContext page = site.Begin(request);
  const auto response = RenderPage(site, page, "portal_cookies", "Cookies", Data(Object{}));
  EXPECT_EQ(response.status, 200U);
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  const auto csp = HeaderOf(response, "Content-Security-Policy");
  ASSERT_TRUE(csp);
  for (const char* directive : {"default-src 'self'", "script-src 'self'", "style-src 'self'",
                                "img-src 'self' data:", "form-action 'self'",
                                "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"}) {
    EXPECT_NE(csp->find(directive), std::string::npos) << directive;
  }
  EXPECT_EQ(HeaderOf(response, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(response, "Referrer-Policy"), "same-origin");
  EXPECT_EQ(HeaderOf(response, "X-Frame-Options"), "DENY");
  EXPECT_TRUE(HeaderOf(response, "Permissions-Policy"));
  EXPECT_NE(HeaderOf(response, "Set-Cookie").value_or("").find("fd_csrf="), std::string::npos)
      << "a first visit gets its CSRF cookie";
  EXPECT_EQ(response.body.find("<script>"), std::string::npos) << "no inline script";
  EXPECT_EQ(response.body.find("style="), std::string::npos) << "no inline style";
  EXPECT_NE(response.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/cookies?lang=ga\""), std::string::npos);
}

TEST_F(RenderPageTest, TheLanguageComesFromTheQueryThenTheCookie) {
  const Site::Impl& site = site_->impl();
  http::Request request;
  request.path = "/track";
  request.query = "reference=BCC-1&lang=ga";
  PageContext page = site.Begin(request);
  EXPECT_EQ(page.lang, Lang::kGa);
  EXPECT_EQ(page.query_without_lang, "reference=BCC-1");
  ASSERT_FALSE(page.cookies.empty());
  EXPECT_TRUE(page.cookies.front().starts_with("fd_lang=ga; Path=/; Max-Age=31536000"));
  const auto response = RenderPage(site, page, "portal_cookies", "Fianáin", Data(Object{}));
  EXPECT_NE(response.body.find("<html lang=\"ga\""), std::string::npos);
  EXPECT_NE(response.body.find("Léim go dtí an príomhábhar"), std::string::npos);
  EXPECT_NE(response.body.find("href=\"/track?lang=en&amp;reference=BCC-1\""), std::string::npos)
      << response.body.substr(0, 3000);

  http::Request later;
  later.headers.emplace_back("cookie", "fd_lang=ga");
  EXPECT_EQ(site.Begin(later).lang, Lang::kGa);
  later.query = "lang=en";
  EXPECT_EQ(site.Begin(later).lang, Lang::kEn);
  http::Request hostile;
  hostile.query = "lang=xx";
  hostile.headers.emplace_back("cookie", "fd_lang=<script>");
  EXPECT_EQ(site.Begin(hostile).lang, Lang::kEn);
}

TEST_F(RenderPageTest, ErrorPagesUseTheLayout) {
  const Site::Impl& site = site_->impl();
  const PageContext page = site.Begin(http::Request{});
  const auto not_found = ErrorPage(site, page, ErrorPageKind::kNotFound);
  EXPECT_EQ(not_found.status, 404U);
  EXPECT_NE(not_found.body.find("Page not found"), std::string::npos);
  EXPECT_NE(not_found.body.find("govuk-footer"), std::string::npos);
  EXPECT_EQ(ErrorPage(site, page, ErrorPageKind::kForbidden).status, 403U);
  EXPECT_EQ(ErrorPage(site, page, ErrorPageKind::kInternal).status, 500U);
}

TEST_F(RenderPageTest, ErrorSummaryLinksToEachField) {
  const Site::Impl& site = site_->impl();
  const PageContext page = site.Begin(http::Request{});
  Object data{{"error_summary", ErrorSummary({{"description", "Describe the problem"},
                                              {"attribute-size-day", "Enter a real date"}})},
              {"case", Data(false)},
              {"reference", ToData(FieldView{.id = "reference", .name = "reference"})}};
  const auto response =
      RenderPage(site, page, "portal_track", "Track", Data(data), 422, /*has_errors=*/true);
  EXPECT_NE(response.body.find("<a href=\"#description\">Describe the problem</a>"),
            std::string::npos);
  EXPECT_NE(response.body.find("<a href=\"#attribute-size-day\">"), std::string::npos);
  EXPECT_NE(response.body.find("<title>Error: Track"), std::string::npos);
}

TEST(MapSettingsTest, TheTileServersOriginIsTakenFromItsUrlTemplate) {
  EXPECT_EQ(TileServerOrigin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").value(),
            "https://tile.openstreetmap.org");
  EXPECT_EQ(TileServerOrigin("http://127.0.0.1:8123/tiles/{z}/{x}/{y}.png?key=abc").value(),
            "http://127.0.0.1:8123");
  for (const char* bad :
       {"tile.example/{z}/{x}/{y}.png", "ftp://tile.example/{z}/{x}/{y}.png",
        "https://tile.example/{z}/{x}.png", "https:///{z}/{x}/{y}.png",
        "https://{s}.tile.example/{z}/{x}/{y}.png", "https://tile.example/{z}/{x}/{y}.png\"",
        "https://tile.example/{z}/{x}/{y}.png; script-src *",
        "https://tile.example/{z}/{x}/{y} .png", "https://tile.example;/{z}/{x}/{y}.png"}) {
    const auto origin = TileServerOrigin(bad);
    ASSERT_FALSE(origin) << bad;
    EXPECT_EQ(origin.error().field_errors().at(0).field, "map_tile_url") << bad;
  }
}

TEST(MapSettingsTest, AMapLetsItsTileServerIntoImagesOnly) {
  WebSettings settings;
  settings.secret = "a secret of at least thirty-two characters";
  settings.map.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png";
  auto site = Site::Create(settings);
  ASSERT_TRUE(site) << site.error().message();
  const Site::Impl& impl = (*site)->impl();
  http::Request request;
  request.path = "/cookies";
  const auto response =
      RenderPage(impl, impl.Begin(request), "portal_cookies", "Cookies", Data(Object{}));
  const auto csp = HeaderOf(response, "Content-Security-Policy").value_or("");
  EXPECT_NE(csp.find("img-src 'self' data: https://tiles.example.org;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(response.body.find("/assets/map."), std::string::npos) << "the map script is loaded";

  settings.map.tile_url = "https://tiles.example.org/{z}/{x}.png";
  const auto refused = Site::Create(settings);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field_errors().at(0).field, "map_tile_url");
}

TEST_F(RenderPageTest, WithoutATileServerThereIsNoMap) {
  const Site::Impl& site = site_->impl();
  http::Request request;
  request.path = "/cookies";
  const auto response =
      RenderPage(site, site.Begin(request), "portal_cookies", "Cookies", Data(Object{}));
  EXPECT_EQ(response.body.find("/assets/map."), std::string::npos);
  EXPECT_EQ(HeaderOf(response, "Content-Security-Policy").value_or("").find("http"),
            std::string::npos);
}

}  // namespace
}  // namespace frontdoor::web
