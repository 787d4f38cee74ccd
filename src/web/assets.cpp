#include "assets.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <sodium.h>

namespace frontdoor::web {
namespace {

// Ten hex digits of SHA-256: collisions between two builds of one file are not a concern,
// and the names stay readable.
constexpr std::size_t kFingerprintDigits = 10;

std::string Sha256Hex(std::string_view content) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string Fingerprinted(std::string_view name, std::string_view hash) {
  const auto dot = name.rfind('.');
  const std::string_view stem = dot == std::string_view::npos ? name : name.substr(0, dot);
  const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot);
  return std::string(stem) + "." + std::string(hash.substr(0, kFingerprintDigits)) +
         std::string(ext);
}

}  // namespace

std::string_view AssetContentType(std::string_view name) {
  struct Type {
    std::string_view extension;
    std::string_view content_type;
  };
  static constexpr std::array<Type, 9> kTypes{{
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  }};
  for (const Type& type : kTypes) {
    if (name.ends_with(type.extension)) {
      return type.content_type;
    }
  }
  return "application/octet-stream";
}

Assets Assets::FromFiles(const std::map<std::string, std::string>& files) {
  if (sodium_init() < 0) {
    std::abort();
  }
  Assets assets;
  for (const auto& [name, content] : files) {
    const std::string hash = Sha256Hex(content);
    Asset asset{content, std::string(AssetContentType(name)),
                "\"" + hash.substr(0, kFingerprintDigits * 2) + "\"", false};
    const std::string fingerprinted = Fingerprinted(name, hash);
    Asset immutable = asset;
    immutable.fingerprinted = true;
    assets.served_.emplace(fingerprinted, std::move(immutable));
    assets.served_.emplace(name, std::move(asset));
    assets.fingerprinted_names_.emplace(name, fingerprinted);
  }
  return assets;
}

Result<Assets> Assets::Load(const std::string& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
      return Error(ErrorCode::kUnavailable, "cannot read the asset " + entry.path().string());
    }
    files.emplace(entry.path().filename().string(), content.str());
  }
  if (ec || files.empty()) {
    return Error(
        ErrorCode::kUnavailable,
        "no built assets in " + dir + " (build them with scripts/build-assets, or set assets_dir)");
  }
  return FromFiles(files);
}

const Asset* Assets::Find(std::string_view name) const {
  const auto it = served_.find(name);
  return it == served_.end() ? nullptr : &it->second;
}

std::string Assets::Path(std::string_view name) const {
  const auto it = fingerprinted_names_.find(name);
  return "/assets/" + (it == fingerprinted_names_.end() ? std::string(name) : it->second);
}

}  // namespace frontdoor::web
