#include "query.hpp"

#include <charconv>
#include <cmath>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/router.hpp"

#include "json_input.hpp"

namespace frontdoor::api {

QueryReader::QueryReader(std::string_view query, std::vector<FieldError>& errors)
    : errors_(errors) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const auto eq = pair.find('=');
    auto name = http::PercentDecode(pair.substr(0, eq), true);
    auto value = http::PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !IsValidUtf8(*name)) {
      errors_.push_back({EchoSafe(pair.substr(0, eq)), "The parameter name is not valid"});
      continue;
    }
    if (!value || !IsValidUtf8(*value)) {
      // The name is valid UTF-8 but may be a megabyte long: echo it cut short.
      errors_.push_back({EchoSafe(*name), "Must be valid percent-encoded UTF-8"});
      read_.insert(*name);  // already reported; not "unknown" as well
      continue;
    }
    params_.emplace_back(std::move(*name), std::move(*value));
  }
}

std::vector<std::string> QueryReader::List(std::string_view name) {
  read_.emplace(name);
  std::vector<std::string> out;
  for (const auto& [key, value] : params_) {
    if (key != name) {
      continue;
    }
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      auto item = Trim(rest.substr(0, comma));
      if (!item.empty()) {
        out.push_back(std::move(item));
      }
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return out;
}

std::optional<std::string> QueryReader::One(std::string_view name) {
  read_.emplace(name);
  std::optional<std::string> found;
  bool repeated = false;
  for (const auto& [key, value] : params_) {
    if (key == name) {
      repeated = found.has_value();
      found = value;
    }
  }
  if (repeated) {
    errors_.push_back({std::string(name), "Give this parameter once"});
    return std::nullopt;
  }
  if (found && found->empty()) {
    return std::nullopt;
  }
  return found;
}

std::optional<std::int64_t> QueryReader::Integer(std::string_view name) {
  auto text = One(name);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) {
    errors_.push_back({std::string(name), "Must be a whole number"});
    return std::nullopt;
  }
  return value;
}

int QueryReader::Count(std::string_view name, int fallback, int min, int max) {
  const auto value = Integer(name);
  if (!value) {
    return fallback;
  }
  if (*value < min || *value > max) {
    errors_.push_back(
        {std::string(name), "Must be from " + std::to_string(min) + " to " + std::to_string(max)});
    return fallback;
  }
  return static_cast<int>(*value);
}

std::optional<double> QueryReader::Number(std::string_view name) {
  auto text = One(name);
  if (!text) {
    return std::nullopt;
  }
  double value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    errors_.push_back({std::string(name), "Must be a decimal number"});
    return std::nullopt;
  }
  return value;
}

std::optional<Instant> QueryReader::Time(std::string_view name) {
  auto text = One(name);
  if (!text) {
    return std::nullopt;
  }
  auto instant = charter::ParseIso8601(*text, name);
  if (!instant) {
    // error() returns a copy: keep it alive while its fields are read.
    const Error error = instant.error();
    for (const auto& field : error.field_errors()) {
      errors_.push_back(field);
    }
    return std::nullopt;
  }
  return *instant;
}

std::optional<bool> QueryReader::Boolean(std::string_view name) {
  auto text = One(name);
  if (!text) {
    return std::nullopt;
  }
  if (*text == "true") {
    return true;
  }
  if (*text == "false") {
    return false;
  }
  errors_.push_back({std::string(name), "Must be true or false"});
  return std::nullopt;
}

void QueryReader::RejectUnknown() {
  for (const auto& [key, value] : params_) {
    if (!read_.contains(key)) {
      errors_.push_back({EchoSafe(key), "Unknown parameter; check its spelling"});
      read_.insert(key);  // once per name
    }
  }
}

Result<std::int64_t> PathId(const http::Request& request, std::string_view name) {
  const std::string_view text = request.PathParam(name);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error::NotFound("There is no record with that id");
  }
  return id;
}

}  // namespace frontdoor::api
