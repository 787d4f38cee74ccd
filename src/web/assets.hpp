// The built browser assets (CSS, scripts, icons), read once at start-up and served from
// memory under /assets/. Each file is also served under a fingerprinted name holding a hash
// of its content ("council.3f2a1b4c5d.css"), which pages link to, so it can be cached for a
// year and a new build is fetched at once. Immutable after loading. Private to web.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor::web {

struct Asset {
  std::string content;
  std::string content_type;
  std::string etag;  // quoted, from the content hash
  bool fingerprinted = false;
};

class Assets {
 public:
  // Every regular file directly in `dir`. kUnavailable naming the folder when it cannot be
  // read or holds no file.
  [[nodiscard]] static Result<Assets> Load(const std::string& dir);
  // From memory (tests): name -> content.
  [[nodiscard]] static Assets FromFiles(const std::map<std::string, std::string>& files);

  // The file served at /assets/<name>, or null.
  [[nodiscard]] const Asset* Find(std::string_view name) const;
  // "/assets/<fingerprinted name>" for a plain name such as "council.css"; the plain path
  // when there is no such file (a missing asset shows as a 404 in the browser, not a crash).
  [[nodiscard]] std::string Path(std::string_view name) const;

 private:
  std::map<std::string, Asset, std::less<>> served_;
  std::map<std::string, std::string, std::less<>> fingerprinted_names_;
};

// The Content-Type for a file name's extension; application/octet-stream when unknown.
[[nodiscard]] std::string_view AssetContentType(std::string_view name);

}  // namespace frontdoor::web
