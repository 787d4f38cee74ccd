#include "frontdoor/http/router.hpp"

#include <optional>

namespace frontdoor::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string_view::npos) {
      parts.push_back(path.substr(start));
      break;
    }
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

using Params = std::vector<std::pair<std::string, std::string>>;

// Matches one segment against one pattern segment, appending parameters.
bool MatchSegment(std::string_view pattern, std::string_view actual, Params& params) {
  if (!pattern.starts_with('{')) {
    return pattern == actual;
  }
  const auto dot = pattern.find("}.{");
  if (dot == std::string_view::npos) {
    auto decoded = PercentDecode(actual, false);
    if (!decoded || decoded->empty()) {
      return false;
    }
    params.emplace_back(std::string(pattern.substr(1, pattern.size() - 2)), std::move(*decoded));
    return true;
  }
  const auto last_dot = actual.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0 || last_dot + 1 == actual.size()) {
    return false;
  }
  auto name = PercentDecode(actual.substr(0, last_dot), false);
  auto ext = PercentDecode(actual.substr(last_dot + 1), false);
  if (!name || !ext) {
    return false;
  }
  params.emplace_back(std::string(pattern.substr(1, dot - 1)), std::move(*name));
  params.emplace_back(std::string(pattern.substr(dot + 3, pattern.size() - dot - 4)),
                      std::move(*ext));
  return true;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return std::nullopt;
      }
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void Router::Add(Method method, std::string pattern, Handler handler, Execution execution) {
  std::vector<std::string> segments;
  for (auto part : Split(pattern)) {
    segments.emplace_back(part);
  }
  segments_.push_back(std::move(segments));
  routes_.push_back({method, std::move(pattern), std::move(handler), execution});
}

Match Router::Find(Request& request) const {
  const auto actual = Split(request.path);
  Match match;
  Params params;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const auto& pattern = segments_[r];
    if (pattern.size() != actual.size()) {
      continue;
    }
    params.clear();
    bool matched = true;
    for (std::size_t s = 0; s < pattern.size() && matched; ++s) {
      matched = MatchSegment(pattern[s], actual[s], params);
    }
    if (!matched) {
      continue;
    }
    const Method method = request.method == Method::kHead ? Method::kGet : request.method;
    if (routes_[r].method != method) {
      match.path_known = true;
      continue;
    }
    match.route = &routes_[r];
    request.route = routes_[r].pattern;
    request.path_params = std::move(params);
    return match;
  }
  return match;
}

}  // namespace frontdoor::http
