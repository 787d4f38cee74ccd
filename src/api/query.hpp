// Query strings of the staff API: decoded (application/x-www-form-urlencoded), checked for
// UTF-8, with errors on the parameter's name. Like JSON bodies, an unknown parameter is an
// error rather than silently ignored (a misspelt filter would otherwise list every case).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"

namespace frontdoor::api {

class QueryReader {
 public:
  // Decoding problems are reported on the parameter through `errors`.
  QueryReader(std::string_view query, std::vector<FieldError>& errors);

  // Every value of a repeatable parameter, comma-separated lists split, empty items dropped.
  std::vector<std::string> List(std::string_view name);
  // The single value of a parameter (an error when repeated); nullopt when absent or empty.
  std::optional<std::string> One(std::string_view name);
  std::optional<std::int64_t> Integer(std::string_view name);
  // A count such as a page size or an offset: `fallback` when absent; outside [min, max] an
  // error "Must be from min to max" (and `fallback`), so no caller narrows a huge value
  // into a small one that passes.
  int Count(std::string_view name, int fallback, int min, int max);
  std::optional<double> Number(std::string_view name);
  // An ISO 8601 instant with a zone (charter::ParseIso8601).
  std::optional<Instant> Time(std::string_view name);
  std::optional<bool> Boolean(std::string_view name);

  // Adds an error for every parameter never read.
  void RejectUnknown();

 private:
  std::vector<std::pair<std::string, std::string>> params_;
  std::vector<FieldError>& errors_;
  std::set<std::string, std::less<>> read_;
};

// A record id in the path parameter `name`: a positive decimal integer. Anything else names
// no record, so it is kNotFound (a 404) rather than a field error.
Result<std::int64_t> PathId(const http::Request& request, std::string_view name = "id");

// Percent-encodes `text` for a query value (RFC 3986 unreserved characters kept).
inline std::string EncodeQueryValue(std::string_view text) {
  return http::PercentEncode(text);
}

}  // namespace frontdoor::api
