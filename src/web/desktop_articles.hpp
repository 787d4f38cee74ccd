// What the article administration pages share (desktop_admin_articles.cpp and
// desktop_admin_article_versions.cpp). Private to the web module.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "frontdoor/store/knowledge.hpp"

#include "desktop.hpp"

namespace frontdoor::web {

inline constexpr std::string_view kArticles = "/staff/admin/articles";

// A whole number above zero, or nullopt for anything else (a mangled path or query).
template <class Int>
std::optional<Int> PositiveNumber(std::string_view text) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

// /staff/admin/articles/{id}
[[nodiscard]] std::string ArticleHref(std::int64_t id);

// The article of the route's {id}, or the page to send instead (404 for an id that cannot be
// one or that no article has).
[[nodiscard]] std::variant<store::ArticleRecord, http::Response> ArticleOf(
    const Desktop& desktop, const http::Request& request, const PageContext& page);

// A select of (value, text) choices with `chosen` selected.
[[nodiscard]] FieldView ChoiceSelect(
    const std::string& id, std::string label, const std::string& chosen,
    const std::vector<std::pair<std::string, std::string>>& choices);

}  // namespace frontdoor::web
