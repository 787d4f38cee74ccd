// Promises the fuzz targets check besides "no crash". A broken promise prints what broke and
// aborts: libFuzzer keeps the input as a crash, and the replay test (replay_main.cpp) fails.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "frontdoor/core/error.hpp"
#include "frontdoor/core/text.hpp"

namespace frontdoor::fuzz {

inline void Check(bool holds, const char* promise) {
  if (!holds) {
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
  }
}

// Text we may send back to a client (an error, a field name): valid UTF-8. Control
// characters may remain: every writer of ours escapes them (JSON) or drops them (XML).
inline bool IsEchoSafe(std::string_view text) {
  return IsValidUtf8(text);
}

// Field names quote what the client sent, cut to 64 bytes (plus "..." or a prefix such as
// "attributes[12]."): a hostile megabyte of name must not come back in full.
inline constexpr std::size_t kMaxEchoedFieldBytes = 96;

// Every error a parser returns is one the edge can answer with: kMalformed or kInvalidInput
// (or `also`), a readable message, and for kInvalidInput at least one field error, each
// naming its field.
inline void CheckInputError(const Error& error, ErrorCode also = ErrorCode::kMalformed) {
  Check(error.code() == ErrorCode::kMalformed || error.code() == ErrorCode::kInvalidInput ||
            error.code() == also,
        "an input error is kMalformed or kInvalidInput");
  Check(IsValidUtf8(error.message()), "the error message is valid UTF-8");
  if (error.code() != ErrorCode::kInvalidInput) {
    return;
  }
  Check(!error.field_errors().empty(), "kInvalidInput names at least one field");
  for (const auto& field : error.field_errors()) {
    Check(IsEchoSafe(field.field), "a field name is valid UTF-8");
    Check(field.field.size() <= kMaxEchoedFieldBytes, "a field name echoed is bounded");
    Check(!field.message.empty() && IsValidUtf8(field.message), "a field error says something");
  }
}

}  // namespace frontdoor::fuzz
