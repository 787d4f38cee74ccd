// multipart/form-data bodies (RFC 7578 over RFC 2046): what browsers send for a form with a
// file input, and what FixMyStreet sends when it posts photos (parts photo1, photo2, ...,
// beside ordinary fields). Parsing copies no file bytes: each part's body is a view into
// the request body. Pure functions, so thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/form.hpp"

namespace frontdoor::http {

struct MultipartPart {
  std::string name;  // the form field, valid UTF-8
  // The name the client gave the file: filename* (RFC 8187, UTF-8 or ISO-8859-1, decoded to
  // UTF-8) wins over filename. Any bytes: never trusted, see core/media_type.hpp.
  std::optional<std::string> filename;
  std::optional<std::string> content_type;  // as sent; says nothing reliable about the bytes
  // The part's bytes, a view into the body given to ParseMultipart: valid only while that
  // body lives and is not modified. Never keep it beyond the request.
  std::string_view body;
};

struct MultipartLimits {
  std::size_t max_parts = 256;          // an Open311 report has a few dozen fields at most
  std::size_t max_header_bytes = 8192;  // of one part's header block
};

// True when a Content-Type header value names multipart/form-data (any case).
[[nodiscard]] bool IsMultipartFormData(std::string_view content_type);

// Splits `body` into its parts using the boundary parameter (quoted or not) of
// `content_type`. Lines end in CRLF; a preamble and an epilogue are ignored. Each part
// needs `Content-Disposition: form-data; name="..."`; a Content-Transfer-Encoding other
// than 7bit, 8bit or binary is refused. Every malformation (wrong or missing boundary, a
// body cut short, more than the limits, bad header syntax, no parts at all) fails with
// kMalformed and a message saying what is wrong.
[[nodiscard]] Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                                std::string_view body,
                                                                const MultipartLimits& limits = {});

// The first part named `name`, or null.
[[nodiscard]] const MultipartPart* FindPart(const std::vector<MultipartPart>& parts,
                                            std::string_view name);

// The parts that are not files (no filename), as form fields in the order sent, so a
// handler reads them like an urlencoded form. kInvalidInput on a field whose value is not
// valid UTF-8.
[[nodiscard]] Result<Form> TextFields(const std::vector<MultipartPart>& parts);

}  // namespace frontdoor::http
