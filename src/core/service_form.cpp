#include "frontdoor/core/service_form.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontdoor/core/text.hpp"

namespace frontdoor {
namespace {

using D = AttributeDatatype;

constexpr std::array kAllDatatypes = {D::kString, D::kNumber,          D::kDatetime,
                                      D::kText,   D::kSingleValueList, D::kMultiValueList};
constexpr std::size_t kMaxQuestionBytes = 80;  // of a description quoted in an error message

bool IsList(D datatype) {
  return datatype == D::kSingleValueList || datatype == D::kMultiValueList;
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsValidCode(std::string_view code) {
  return !code.empty() && code.size() <= kMaxAttributeCodeLength &&
         std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_'; });
}

// ---- Form (admin side) ----

void CheckValues(const Attribute& attribute, const std::string& at,
                 std::vector<FieldError>& errors) {
  if (!IsList(attribute.datatype)) {
    if (!attribute.values.empty()) {
      errors.push_back({at + ".values", "Remove the values: only a list datatype has values"});
    }
    return;
  }
  if (attribute.values.empty()) {
    errors.push_back({at + ".values", "Add at least one value to choose from"});
    return;
  }
  std::set<std::string_view> keys;
  for (std::size_t j = 0; j < attribute.values.size(); ++j) {
    const AttributeValue& value = attribute.values[j];
    const std::string value_at = at + ".values[" + std::to_string(j) + "]";
    if (value.key.empty()) {
      errors.push_back({value_at + ".key", "Enter a key"});
    } else if (!keys.insert(value.key).second) {
      errors.push_back({value_at + ".key", "Key \"" + value.key + "\" is already used"});
    }
    if (value.name.empty()) {
      errors.push_back({value_at + ".name", "Enter the text to show for this value"});
    }
  }
}

// ---- Answers (citizen, agent or Open311 client side) ----

// Open311 "number": a plain decimal. No exponent, hex, infinity or NaN (which strtod would all
// take), no thousands separators: the stored text must mean the same to every reader.
bool IsDecimal(std::string_view v) {
  std::size_t i = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
  std::size_t digits = 0;
  for (; i < v.size() && IsDigit(v[i]); ++i) {
    ++digits;
  }
  if (i < v.size() && v[i] == '.') {
    for (++i; i < v.size() && IsDigit(v[i]); ++i) {
      ++digits;
    }
  }
  return digits > 0 && i == v.size();
}

// Reads `count` digits at v[pos] into `out`; false if they are not all there.
bool ReadDigits(std::string_view v, std::size_t pos, std::size_t count, int& out) {
  if (v.size() < pos + count) {
    return false;
  }
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(v[i])) {
      return false;
    }
    out = out * 10 + (v[i] - '0');
  }
  return true;
}

// The W3C profile of ISO 8601 with a zone (OPEN311.md 1.4): YYYY-MM-DDThh:mm[:ss[.f+]] then Z
// or +hh:mm / -hh:mm. A syntactic check with range checks on each part, so that "+" decoded as
// a space, a missing zone or "+0100" are refused at the form; charter/ parses it for real.
bool IsW3cDateTime(std::string_view v) {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  if (!ReadDigits(v, 0, 4, year) || v.size() < 17 || v[4] != '-' || !ReadDigits(v, 5, 2, month) ||
      v[7] != '-' || !ReadDigits(v, 8, 2, day) || v[10] != 'T' || !ReadDigits(v, 11, 2, hour) ||
      v[13] != ':' || !ReadDigits(v, 14, 2, minute) || hour > 23 || minute > 59) {
    return false;
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) {
    return false;
  }
  std::size_t i = 16;
  if (v[i] == ':') {
    int second = 0;
    if (!ReadDigits(v, i + 1, 2, second) || second > 59) {
      return false;
    }
    i += 3;
    if (i < v.size() && v[i] == '.') {
      const std::size_t start = ++i;
      while (i < v.size() && IsDigit(v[i])) {
        ++i;
      }
      if (i == start) {
        return false;
      }
    }
  }
  if (i < v.size() && v[i] == 'Z') {
    return i + 1 == v.size();
  }
  int offset_hours = 0;
  int offset_minutes = 0;
  return i + 6 == v.size() && (v[i] == '+' || v[i] == '-') &&
         ReadDigits(v, i + 1, 2, offset_hours) && v[i + 3] == ':' &&
         ReadDigits(v, i + 4, 2, offset_minutes) && offset_hours <= 23 && offset_minutes <= 59;
}

// CRLF and lone CR become LF: FixMyStreet sends CRLF (OPEN311.md 6.9), browsers too.
std::string NormaliseLineBreaks(std::string_view v, std::string_view line_break) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r' || v[i] == '\n') {
      if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') {
        ++i;
      }
      out += line_break;
    } else {
      out += v[i];
    }
  }
  return out;
}

// The question as quoted in a message: the description, or the code when there is none.
std::string Quoted(const Attribute& attribute) {
  const std::string& question =
      attribute.description.empty() ? attribute.code : attribute.description;
  std::string out = TruncateUtf8(question, kMaxQuestionBytes);
  if (out.size() < question.size()) {
    out += "\xE2\x80\xA6";  // an ellipsis
  }
  return "\"" + out + "\"";
}

bool HasKey(const Attribute& attribute, std::string_view key) {
  return std::any_of(attribute.values.begin(), attribute.values.end(),
                     [key](const AttributeValue& value) { return value.key == key; });
}

// Why `value` (trimmed, non-empty, valid UTF-8) is not an answer to `attribute`, which is
// not a multivaluelist; empty when it is. `value` is normalised in place.
std::string CheckOne(const Attribute& attribute, std::string& value) {
  const std::string question = Quoted(attribute);
  switch (attribute.datatype) {
    case D::kString:
      value = NormaliseLineBreaks(value, " ");
      if (CountCodePoints(value) > kMaxStringAnswerLength) {
        return "Answer " + question + " in 1,000 characters or fewer";
      }
      return {};
    case D::kText:
      value = NormaliseLineBreaks(value, "\n");
      if (CountCodePoints(value) > kMaxTextAnswerLength) {
        return "Answer " + question + " in 10,000 characters or fewer";
      }
      return {};
    case D::kNumber:
      if (value.size() > kMaxStringAnswerLength || !IsDecimal(value)) {
        return "Answer " + question + " with a number, like 12 or 3.5";
      }
      return {};
    case D::kDatetime:
      if (!IsW3cDateTime(value)) {
        return "Enter a date and time like 2024-03-01T09:30:00Z or 2024-03-01T09:30:00+01:00";
      }
      return {};
    case D::kSingleValueList:
      if (!HasKey(attribute, value)) {
        return "Choose one of the options for " + question;
      }
      return {};
    case D::kMultiValueList: break;  // several values: see CheckMany
  }
  return "Choose from the options for " + question;
}

// Checks a multivaluelist's chosen keys; on success `answers` gets one pair per key, in the
// order of the attribute's values.
std::string CheckMany(const Attribute& attribute, const std::vector<std::string>& chosen,
                      Answers& answers) {
  for (const std::string& key : chosen) {
    if (!HasKey(attribute, key)) {
      return "Choose only from the options for " + Quoted(attribute);
    }
  }
  for (const AttributeValue& value : attribute.values) {
    if (std::find(chosen.begin(), chosen.end(), value.key) != chosen.end()) {
      answers.emplace_back(attribute.code, value.key);
    }
  }
  return {};
}

// Why the submitted `raw` values do not answer `attribute`; empty when they do, with the
// normalised answers appended to `answers`.
std::string CheckAnswer(const Attribute& attribute, const std::vector<std::string_view>& raw,
                        Answers& answers) {
  std::vector<std::string> given;
  for (const std::string_view value : raw) {
    if (!IsValidUtf8(value)) {
      return "Answer " + Quoted(attribute) + " again: it has characters that could not be read";
    }
    if (std::string trimmed = Trim(value); !trimmed.empty()) {
      given.push_back(std::move(trimmed));  // an empty value counts as absent
    }
  }
  const bool is_list = IsList(attribute.datatype);
  if (given.empty()) {
    if (!attribute.required) {
      return {};
    }
    if (attribute.datatype == D::kMultiValueList) {
      return "Choose at least one option for " + Quoted(attribute);
    }
    return (is_list ? "Choose an option for " : "Answer ") + Quoted(attribute);
  }
  if (attribute.datatype == D::kMultiValueList) {
    return CheckMany(attribute, given, answers);
  }
  if (given.size() > 1) {
    return (is_list ? "Choose only one option for " : "Give only one answer to ") +
           Quoted(attribute);
  }
  std::string message = CheckOne(attribute, given.front());
  if (message.empty()) {
    answers.emplace_back(attribute.code, std::move(given.front()));
  }
  return message;
}

}  // namespace

std::string_view AttributeDatatypeName(AttributeDatatype datatype) {
  switch (datatype) {
    case D::kString: return "string";
    case D::kNumber: return "number";
    case D::kDatetime: return "datetime";
    case D::kText: return "text";
    case D::kSingleValueList: return "singlevaluelist";
    case D::kMultiValueList: return "multivaluelist";
  }
  return "unknown";
}

Result<AttributeDatatype> ParseAttributeDatatype(std::string_view text) {
  for (const D datatype : kAllDatatypes) {
    if (text == AttributeDatatypeName(datatype)) {
      return datatype;
    }
  }
  return Error::Invalid("datatype",
                        "Choose a datatype: string, number, datetime, text, singlevaluelist or "
                        "multivaluelist");
}

Result<void> ValidateForm(const std::vector<Attribute>& form) {
  std::vector<FieldError> errors;
  std::map<std::string_view, std::size_t> codes;  // code -> first position
  std::map<int, std::size_t> orders;              // order -> first position
  for (std::size_t i = 0; i < form.size(); ++i) {
    const Attribute& attribute = form[i];
    const std::string at = "attributes[" + std::to_string(i) + "]";
    if (!IsValidCode(attribute.code)) {
      errors.push_back(
          {at + ".code", "Enter a code of 1 to 64 lower-case letters, digits and underscores"});
    } else if (const auto [it, is_new] = codes.emplace(attribute.code, i); !is_new) {
      errors.push_back({at + ".code", "Code \"" + attribute.code + "\" is already used by " +
                                          "attributes[" + std::to_string(it->second) + "]"});
    }
    if (attribute.description.empty()) {
      errors.push_back({at + ".description", "Enter the question or the text to show"});
    }
    if (attribute.order < 1) {
      errors.push_back({at + ".order", "Enter an order of 1 or more"});
    } else if (const auto [it, is_new] = orders.emplace(attribute.order, i); !is_new) {
      errors.push_back({at + ".order", "Order " + std::to_string(attribute.order) +
                                           " is already used by attributes[" +
                                           std::to_string(it->second) + "]"});
    }
    CheckValues(attribute, at, errors);
    if (!attribute.variable && attribute.required) {
      errors.push_back(
          {at + ".required", "Untick required: an informational attribute takes no answer"});
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return {};
}

Result<Answers> ValidateAnswers(const std::vector<Attribute>& form,
                                const std::multimap<std::string, std::string>& submitted) {
  std::vector<std::size_t> display(form.size());
  std::iota(display.begin(), display.end(), std::size_t{0});
  std::stable_sort(display.begin(), display.end(),
                   [&form](std::size_t a, std::size_t b) { return form[a].order < form[b].order; });
  // Codes not in the form are never looked up, so they are dropped (OPEN311.md 6.7).
  Answers answers;
  std::vector<FieldError> errors;
  for (const std::size_t i : display) {
    const Attribute& attribute = form[i];
    if (!attribute.variable) {
      continue;  // informational: nothing to answer, whatever was sent
    }
    std::vector<std::string_view> raw;
    const auto [first, last] = submitted.equal_range(attribute.code);
    for (auto it = first; it != last; ++it) {
      raw.push_back(it->second);
    }
    if (std::string message = CheckAnswer(attribute, raw, answers); !message.empty()) {
      errors.push_back({"attribute[" + attribute.code + "]", std::move(message)});
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return answers;
}

}  // namespace frontdoor
