// A service's form: the Open311 GeoReport v2 service definition (section 3.2) as domain data,
// the admin-side check of a form, and the check of the answers a citizen, agent or Open311
// client submits against it. Pure and stateless, so thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

enum class AttributeDatatype {
  kString,           // one line of text
  kNumber,           // a decimal number
  kDatetime,         // W3C ISO 8601 date-time with a zone
  kText,             // free text, line breaks allowed
  kSingleValueList,  // exactly one key of `values`
  kMultiValueList,   // zero or more keys of `values`
};

// Open311 names: "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist".
[[nodiscard]] std::string_view AttributeDatatypeName(AttributeDatatype datatype);
// Exactly those names; kInvalidInput on field "datatype" otherwise.
[[nodiscard]] Result<AttributeDatatype> ParseAttributeDatatype(std::string_view text);

struct AttributeValue {
  std::string key;   // what is submitted, like an HTML option value
  std::string name;  // what is shown
};

struct Attribute {
  std::string code;  // unique in the form; the x of attribute[x]
  AttributeDatatype datatype = AttributeDatatype::kString;
  bool variable = true;  // false: informational text only, never submitted
  bool required = false;
  std::string description;  // the question, or the text to show
  std::string datatype_description;
  int order = 0;                       // display order, 1 first, unique in the form
  std::vector<AttributeValue> values;  // list datatypes only
};

// Limits we choose for answers, in code points (Open311 sets none).
inline constexpr std::size_t kMaxStringAnswerLength = 1000;
inline constexpr std::size_t kMaxTextAnswerLength = 10000;
inline constexpr std::size_t kMaxAttributeCodeLength = 64;

// Admin-side check of a form. Every problem is reported (kInvalidInput), on fields named by
// position, e.g. "attributes[2].code", "attributes[0].values[1].key": a code of 1-64 of
// [a-z0-9_], unique; a non-empty description; an order >= 1, unique; list datatypes with at
// least one value, each with a non-empty key (unique) and name; no values on other
// datatypes; an informational (variable=false) attribute not required. An empty form is valid.
[[nodiscard]] Result<void> ValidateForm(const std::vector<Attribute>& form);

// Normalised answers to store: (code, value) pairs.
using Answers = std::vector<std::pair<std::string, std::string>>;

// Checks `submitted` against `form` (which passed ValidateForm). `submitted` maps attribute
// code to value, a code repeating for a multivaluelist; the adapter has already taken x out of
// attribute[x] and attribute[x][].
// Returns the answers to store, in display order (`order`): each value trimmed of surrounding
// whitespace, empty values counting as absent; text with CRLF and CR turned into LF; a
// string's line breaks turned into spaces; a multivaluelist as one pair per chosen key, once
// each, in the order of its `values`.
// Dropped without error: codes not in the form (Open311 clients such as FixMyStreet add
// fixmystreet_id, easting, northing...) and informational (variable=false) attributes.
// Otherwise kInvalidInput, with one FieldError on "attribute[code]" per wrong attribute, all
// reported together: a required answer missing; invalid UTF-8; more than one value for a
// non-multivaluelist; a number that is not a plain finite decimal ("12", "-0.5"); a datetime
// not of the form YYYY-MM-DDThh:mm[:ss[.fff]] with Z, +hh:mm or -hh:mm; a key not in
// `values`; a string or number over kMaxStringAnswerLength, or text over
// kMaxTextAnswerLength, code points.
[[nodiscard]] Result<Answers> ValidateAnswers(
    const std::vector<Attribute>& form, const std::multimap<std::string, std::string>& submitted);

}  // namespace frontdoor
