// Random tokens, digests and password hashes (libsodium). Thread-safe after
// InitialiseSecrets(), which main() calls once.
#pragma once

#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor::usecase {

// kInternal when libsodium cannot initialise (no entropy source).
Result<void> InitialiseSecrets();

// `bytes` random bytes as lower-case hex.
[[nodiscard]] std::string RandomHex(std::size_t bytes);
// SHA-256 of `text` as lower-case hex.
[[nodiscard]] std::string Sha256Hex(std::string_view text);
// An argon2id hash string ($argon2id$v=19$...). Takes ~80 ms and 64 MiB: never on an
// event-loop thread.
Result<std::string> HashPassword(std::string_view password);
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace frontdoor::usecase
