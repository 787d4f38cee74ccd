#include "portal_services.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>

#include <date/date.h>
#include <date/tz.h>

#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::web {
namespace {

constexpr std::array<std::string_view, 4> kDateParts{"day", "month", "year", "time"};

std::string PartName(std::string_view code, std::string_view part) {
  return AttributeName(code) + "[" + std::string(part) + "]";
}

std::string Sent(const http::Form& sent, const std::string& name) {
  return std::string(sent.First(name).value_or(""));
}

// Digits only, 1 to `max_digits` of them; nullopt otherwise.
std::optional<int> Number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

// "14:30" or "9.05" or "" (midday: a date alone names the day, not a moment).
std::optional<std::pair<int, int>> ClockTime(std::string_view text) {
  if (text.empty()) {
    return std::pair{12, 0};
  }
  const auto separator = text.find_first_of(":.");
  if (separator == std::string_view::npos) {
    return std::nullopt;
  }
  const auto hour = Number(text.substr(0, separator), 2);
  const auto minute = Number(text.substr(separator + 1), 2);
  if (!hour || !minute || *hour > 23 || *minute > 59 || text.size() - separator != 3) {
    return std::nullopt;
  }
  return std::pair{*hour, *minute};
}

// The date parts of a datetime question as ISO 8601 with the Europe/London offset of that
// moment; nullopt when they do not name a real date and time.
std::optional<std::string> IsoFromParts(int day, int month, int year, std::pair<int, int> clock) {
  const date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                                 date::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || year < 1900 || year > 2200) {
    return std::nullopt;
  }
  const auto local =
      date::local_days(ymd) + std::chrono::hours(clock.first) + std::chrono::minutes(clock.second);
  try {
    const auto* zone = date::locate_zone("Europe/London");
    // The earlier of two moments when the clocks go back; the later hour when they go
    // forward past a time that does not exist.
    const auto instant = zone->to_sys(local, date::choose::earliest);
    return charter::FormatIso8601(std::chrono::time_point_cast<std::chrono::microseconds>(instant),
                                  zone);
  } catch (const std::exception&) {
    const auto instant = date::sys_seconds(local.time_since_epoch());
    return charter::FormatIso8601(std::chrono::time_point_cast<std::chrono::microseconds>(instant),
                                  nullptr);
  }
}

}  // namespace

bool OfferedOnWeb(const store::ServiceRecord& service) {
  return service.active &&
         (service.channels.empty() || std::find(service.channels.begin(), service.channels.end(),
                                                "web") != service.channels.end());
}

StatusWords CitizenStatus(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew: return {"Received", "blue"};
    case CaseStatus::kAcknowledged: return {"Acknowledged", "light-blue"};
    case CaseStatus::kInProgress: return {"In progress", "light-blue"};
    case CaseStatus::kAwaitingCustomer: return {"Waiting for your reply", "yellow"};
    case CaseStatus::kResolved: return {"Resolved", "green"};
    case CaseStatus::kClosed: return {"Closed", "grey"};
    case CaseStatus::kReopened: return {"Reopened", "orange"};
  }
  return {"Received", "blue"};
}

std::string AttributeId(std::string_view code) {
  std::string id = "attribute-";
  for (const char c : code) {
    id += c == '_' ? '-' : c;
  }
  return id;
}

std::string AttributeName(std::string_view code) {
  return "attribute[" + std::string(code) + "]";
}

SubmittedAnswers ReadAnswers(const std::vector<Attribute>& form, const http::Form& sent,
                             const Site::Impl& site, Lang lang) {
  SubmittedAnswers out;
  for (const Attribute& attribute : form) {
    if (!attribute.variable) {
      continue;
    }
    const std::string name = AttributeName(attribute.code);
    if (attribute.datatype == AttributeDatatype::kMultiValueList) {
      for (const auto value : sent.All(name)) {
        out.answers.emplace(attribute.code, std::string(value));
      }
      continue;
    }
    if (attribute.datatype != AttributeDatatype::kDatetime) {
      if (const auto value = sent.First(name)) {
        out.answers.emplace(attribute.code, std::string(*value));
      }
      continue;
    }
    const std::string day = Sent(sent, PartName(attribute.code, "day"));
    const std::string month = Sent(sent, PartName(attribute.code, "month"));
    const std::string year = Sent(sent, PartName(attribute.code, "year"));
    const std::string time = Sent(sent, PartName(attribute.code, "time"));
    if (day.empty() && month.empty() && year.empty() && time.empty()) {
      continue;  // unanswered: the form check says whether that is allowed
    }
    const auto d = Number(day, 2);
    const auto m = Number(month, 2);
    const auto y = Number(year, 4);
    const auto clock = ClockTime(time);
    std::optional<std::string> iso;
    if (d && m && y && clock) {
      iso = IsoFromParts(*d, *m, *y, *clock);
    }
    if (!iso) {
      out.errors[name] = std::string(
          site.T(lang, "Enter a real date, like 27 3 2026, and a time like 14:30 if you know it"));
      continue;
    }
    out.answers.emplace(attribute.code, *iso);
  }
  return out;
}

Data QuestionData(const Attribute& attribute, const http::Form& sent, const std::string& error,
                  const Site::Impl& site, Lang lang) {
  FieldView field;
  field.id = AttributeId(attribute.code);
  field.name = AttributeName(attribute.code);
  field.label = attribute.description;
  if (!attribute.required && attribute.variable) {
    field.label += " " + std::string(site.T(lang, "(optional)"));
  }
  field.hint = attribute.datatype_description;
  field.error = error;
  field.value = Sent(sent, field.name);
  Object flags{{"is_input", Data(false)},  {"is_textarea", Data(false)},
               {"is_radios", Data(false)}, {"is_checkboxes", Data(false)},
               {"is_date", Data(false)},   {"is_info", Data(false)}};
  const auto choices = [&](bool multiple) {
    const auto chosen = sent.All(field.name);
    for (std::size_t i = 0; i < attribute.values.size(); ++i) {
      const AttributeValue& value = attribute.values[i];
      const bool checked = std::find(chosen.begin(), chosen.end(), value.key) != chosen.end();
      field.items.push_back({i == 0 ? field.id : field.id + "-" + std::to_string(i + 1), "",
                             value.key, value.name, checked, "", ""});
    }
    flags[multiple ? "is_checkboxes" : "is_radios"] = Data(true);
  };
  if (!attribute.variable) {
    flags["is_info"] = Data(true);
  } else {
    switch (attribute.datatype) {
      case AttributeDatatype::kString: flags["is_input"] = Data(true); break;
      case AttributeDatatype::kNumber:
        field.inputmode = "decimal";
        field.width_class = "govuk-input--width-10";
        flags["is_input"] = Data(true);
        break;
      case AttributeDatatype::kText: flags["is_textarea"] = Data(true); break;
      case AttributeDatatype::kSingleValueList: choices(false); break;
      case AttributeDatatype::kMultiValueList: choices(true); break;
      case AttributeDatatype::kDatetime:
        if (field.hint.empty()) {
          field.hint = std::string(site.T(lang, "For example, 27 3 2026 and 14:30"));
        }
        for (const std::string_view part : kDateParts) {
          const bool is_year = part == "year";
          const bool is_time = part == "time";
          std::string label = part == "day"     ? "Day"
                              : part == "month" ? "Month"
                              : is_year         ? "Year"
                                                : "Time (optional)";
          field.items.push_back(
              {field.id + "-" + std::string(part), PartName(attribute.code, part),
               Sent(sent, PartName(attribute.code, part)), std::string(site.T(lang, label)), false,
               is_year || is_time ? "govuk-input--width-4" : "govuk-input--width-2",
               is_time ? "" : "numeric"});
        }
        field.id += "-day";
        flags["is_date"] = Data(true);
        break;
    }
  }
  Data data = ToData(field);
  for (auto& [key, value] : flags) {
    data.set(key, value);
  }
  return data;
}

}  // namespace frontdoor::web
