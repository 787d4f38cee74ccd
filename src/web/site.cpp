#include "site.hpp"

#include <cstdint>
#include <utility>

#include "frontdoor/http/cookie.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/usecase/citizen_auth.hpp"

#include "embedded.hpp"
#include "render.hpp"

#ifndef FRONTDOOR_ASSETS_DIR
#define FRONTDOOR_ASSETS_DIR "assets"
#endif

namespace frontdoor::web {
namespace {

constexpr std::string_view kLangCookie = "fd_lang";
constexpr std::int64_t kLangCookieSeconds = std::int64_t{365} * 24 * 3600;

// The query string without its lang= pairs, to append to the language links.
std::string QueryWithoutLang(std::string_view query) {
  std::string out;
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view{} : query.substr(end + 1);
    if (pair.empty() || pair.starts_with("lang=") || pair == "lang") {
      continue;
    }
    out += (out.empty() ? "" : "&") + std::string(pair);
  }
  return out;
}

}  // namespace

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kEn: return "en";
    case Lang::kGa: return "ga";
  }
  return "en";
}

std::optional<Lang> ParseLang(std::string_view code) {
  if (code == "en") {
    return Lang::kEn;
  }
  if (code == "ga") {
    return Lang::kGa;
  }
  return std::nullopt;
}

PageContext Site::Impl::Begin(const http::Request& request) const {
  PageContext page;
  page.path = request.path;
  page.query_without_lang = QueryWithoutLang(request.query);
  std::optional<Lang> chosen;
  if (auto query = http::ParseForm(request.query); query) {
    if (const auto lang = query->Present("lang")) {
      chosen = ParseLang(*lang);
    }
  }
  if (chosen) {
    page.lang = *chosen;
    http::SetCookie cookie;
    cookie.name = std::string(kLangCookie);
    cookie.value = std::string(LangCode(*chosen));
    cookie.max_age_seconds = kLangCookieSeconds;
    cookie.secure = https;
    page.cookies.push_back(http::FormatSetCookie(cookie));
  } else if (const auto cookie = http::CookieValue(request, kLangCookie)) {
    page.lang = ParseLang(*cookie).value_or(Lang::kEn);
  }
  page.has_citizen_cookie =
      http::CookieValue(request, usecase::CitizenSessionCookieName(https)).has_value();
  const Csrf::Token token = csrf.ForRequest(request);
  page.csrf_token = token.form_token;
  if (token.is_new) {
    page.cookies.push_back(csrf.SetCookieHeader(token));
  }
  return page;
}

bool Site::Impl::CheckCsrf(const http::Request& request, const http::Form& form) const {
  const auto token = form.First(Csrf::kFieldName);
  return token && csrf.Verify(request, *token);
}

Site::Site(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Site::~Site() = default;

Result<std::string> TileServerOrigin(std::string_view tile_url) {
  const auto refuse = [] {
    return Error::Invalid("map_tile_url",
                          "map_tile_url must be an http:// or https:// address with {z}, {x} "
                          "and {y} in it, like https://tiles.example.org/{z}/{x}/{y}.png");
  };
  std::string_view scheme;
  if (tile_url.starts_with("https://")) {
    scheme = "https://";
  } else if (tile_url.starts_with("http://")) {
    scheme = "http://";
  } else {
    return refuse();
  }
  // The whole template lands in a page attribute and the origin in a header: only the
  // characters of a plain URL, nothing that could end either.
  for (const char c : tile_url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
        c == ';' || c == ',') {
      return refuse();
    }
  }
  if (tile_url.find("{z}") == std::string_view::npos ||
      tile_url.find("{x}") == std::string_view::npos ||
      tile_url.find("{y}") == std::string_view::npos) {
    return refuse();
  }
  const std::string_view rest = tile_url.substr(scheme.size());
  const std::string_view host = rest.substr(0, rest.find('/'));
  const bool plain_host =
      !host.empty() && host.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                           "0123456789.-:[]") == std::string_view::npos;
  if (!plain_host) {
    return refuse();
  }
  return std::string(scheme) + std::string(host);
}

Result<std::unique_ptr<Site>> Site::Create(const WebSettings& settings) {
  auto translations = Translations::Load(LocaleFiles());
  if (!translations) {
    return translations.error();
  }
  auto templates = Templates::Compile(TemplateFiles(), *translations);
  if (!templates) {
    return templates.error();
  }
  auto assets =
      Assets::Load(settings.assets_dir.empty() ? FRONTDOOR_ASSETS_DIR : settings.assets_dir);
  if (!assets) {
    return assets.error();
  }
  std::string policy(kContentSecurityPolicy);
  if (!settings.map.tile_url.empty()) {
    auto origin = TileServerOrigin(settings.map.tile_url);
    if (!origin) {
      return origin.error();
    }
    const std::string images = "img-src 'self' data:";
    policy.insert(policy.find(images) + images.size(), " " + *origin);
  }
  const bool https = settings.public_url.starts_with("https://");
  auto impl = std::make_unique<Impl>(Impl{settings, std::move(*translations), std::move(*templates),
                                          std::move(*assets), Csrf(settings.secret, https), https,
                                          std::move(policy)});
  return std::unique_ptr<Site>(new Site(std::move(impl)));
}

http::Handler NotFoundHandler(const Site& site) {
  return [&site](http::Request& request) {
    const auto accept = request.Header("accept");
    const bool api = request.path.starts_with("/api/") || request.path.starts_with("/open311/");
    if (api || !accept || accept->find("text/html") == std::string_view::npos) {
      return http::ToErrorResponse(Error(ErrorCode::kNotFound, "No such page: " + request.path));
    }
    const Site::Impl& impl = site.impl();
    return ErrorPage(impl, impl.Begin(request), ErrorPageKind::kNotFound);
  };
}

}  // namespace frontdoor::web
