#include "render.hpp"

#include <array>
#include <chrono>
#include <exception>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace frontdoor::web {
namespace {

constexpr std::string_view kPermissionsPolicy =
    "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()";

constexpr std::array<std::string_view, 12> kMonthsEn{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kMonthsGa{
    "Eanáir", "Feabhra", "Márta",        "Aibreán",          "Bealtaine", "Meitheamh",
    "Iúil",   "Lúnasa",  "Meán Fómhair", "Deireadh Fómhair", "Samhain",   "Nollaig"};
// Sunday first, as date::weekday::c_encoding() counts.
constexpr std::array<std::string_view, 7> kWeekdaysEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kWeekdaysGa{
    "Dé Domhnaigh", "Dé Luain", "Dé Máirt", "Dé Céadaoin", "Déardaoin", "Dé hAoine", "Dé Sathairn"};

struct LocalParts {
  date::year_month_day day{};
  date::weekday weekday{};
  int hour = 0;
  int minute = 0;
};

LocalParts InLondon(Instant at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  date::local_seconds local;
  try {
    local = date::make_zoned(date::locate_zone("Europe/London"), seconds).get_local_time();
  } catch (const std::exception&) {
    local = date::local_seconds(seconds.time_since_epoch());  // no tz database: UTC
  }
  const auto day = date::floor<date::days>(local);
  const auto time = date::hh_mm_ss<std::chrono::seconds>(local - day);
  return {date::year_month_day(day), date::weekday(day), static_cast<int>(time.hours().count()),
          static_cast<int>(time.minutes().count())};
}

// GOV.UK style: "5pm", "9:30am", "midday", "midnight".
std::string ClockWords(Lang lang, int hour, int minute) {
  if (minute == 0 && hour == 12) {
    return lang == Lang::kGa ? "meán lae" : "midday";
  }
  if (minute == 0 && hour == 0) {
    return lang == Lang::kGa ? "meán oíche" : "midnight";
  }
  const int twelve = hour % 12 == 0 ? 12 : hour % 12;
  std::string text = std::to_string(twelve);
  if (minute != 0) {
    text += (minute < 10 ? ":0" : ":") + std::to_string(minute);
  }
  return text + (hour < 12 ? "am" : "pm");
}

std::string DayWords(Lang lang, const LocalParts& parts) {
  const auto month = static_cast<std::size_t>(static_cast<unsigned>(parts.day.month()) - 1);
  return std::to_string(static_cast<unsigned>(parts.day.day())) + " " +
         std::string(lang == Lang::kGa ? kMonthsGa.at(month) : kMonthsEn.at(month)) + " " +
         std::to_string(static_cast<int>(parts.day.year()));
}

}  // namespace

void AddSecurityHeaders(http::Response& response, std::string_view content_security_policy) {
  response.headers.emplace_back("Content-Security-Policy", std::string(content_security_policy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Permissions-Policy", std::string(kPermissionsPolicy));
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Cache-Control", "no-store");
}

Data TextOrFalse(const std::string& text) {
  return text.empty() ? Data(false) : Data(text);
}

Data ToData(const FieldView& field) {
  std::string described;
  if (!field.hint.empty()) {
    described = field.id + "-hint";
  }
  if (!field.error.empty()) {
    described.append(described.empty() ? "" : " ").append(field.id).append("-error");
  }
  List items;
  for (const ItemView& item : field.items) {
    Object entry{{"item_id", item.id},
                 {"item_name", item.name},
                 {"item_value", item.value},
                 {"item_text", item.text},
                 {"item_checked", Data(item.checked)},
                 {"item_width_class", TextOrFalse(item.width_class)},
                 {"item_inputmode", TextOrFalse(item.inputmode)}};
    items.emplace_back(std::move(entry));
  }
  Object out{{"id", field.id},
             {"name", field.name},
             {"label", field.label},
             {"hint", TextOrFalse(field.hint)},
             {"value", field.value},
             {"error", TextOrFalse(field.error)},
             {"type", field.type},
             {"autocomplete", TextOrFalse(field.autocomplete)},
             {"inputmode", TextOrFalse(field.inputmode)},
             {"width_class", TextOrFalse(field.width_class)},
             {"accept", TextOrFalse(field.accept)},
             {"rows", std::to_string(field.rows)},
             {"spellcheck_off", Data(field.spellcheck_off)},
             {"describedby", TextOrFalse(described)},
             {"items", Data(items)}};
  return out;
}

Data ErrorSummary(const std::vector<ErrorLink>& errors) {
  if (errors.empty()) {
    return false;
  }
  List list;
  for (const ErrorLink& error : errors) {
    list.emplace_back(Object{{"href_id", error.id}, {"message", error.message}});
  }
  return Object{{"errors", Data(list)}};
}

http::Response RenderPage(const Site::Impl& site, const PageContext& page,
                          std::string_view template_name, const std::string& title, Data data,
                          unsigned status, bool has_errors) {
  const std::string query_suffix =
      page.query_without_lang.empty() ? "" : "&" + page.query_without_lang;
  List lang_links;
  for (const Lang lang : {Lang::kEn, Lang::kGa}) {
    const std::string code(LangCode(lang));
    std::string href = page.path;
    href.append("?lang=").append(code).append(query_suffix);
    lang_links.emplace_back(Object{{"link_lang", code},
                                   {"link_text", lang == Lang::kGa ? "Gaeilge" : "English"},
                                   {"link_href", std::move(href)},
                                   {"link_current", Data(lang == page.lang)}});
  }
  data.set("site_council_name", site.settings.council_name);
  data.set("site_service_name", std::string(site.T(page.lang, site.settings.service_name)));
  data.set("site_css", site.assets.Path("council.css"));
  data.set("site_govuk_js", site.assets.Path("govuk-frontend.js"));
  data.set("site_init_js", site.assets.Path("init.js"));
  data.set("site_favicon", site.assets.Path("favicon.svg"));
  if (const MapSettings& map = site.settings.map; !map.tile_url.empty()) {
    data.set("site_map_js", site.assets.Path("map.js"));
    data.set("site_map",
             Object{{"map_tiles", map.tile_url},
                    {"map_attribution", map.attribution},
                    {"map_centre", fmt::format("{:.6f},{:.6f}", map.centre_lat, map.centre_lon)},
                    {"map_zoom", std::to_string(map.zoom)}});
  } else {
    data.set("site_map_js", Data(false));
    data.set("site_map", Data(false));
  }
  data.set("site_lang_links", lang_links);
  data.set("site_user",
           page.user ? Data(Object{{"user_name", page.user->name}, {"user_role", page.user->role}})
                     : Data(false));
  // The citizen's link in the header; the staff desktop has its own navigation. Whether the
  // session cookie is there is enough to choose the link: the page behind it checks it.
  data.set("site_citizen_nav",
           page.path.starts_with("/staff")
               ? Data(false)
               : Data(Object{{"citizen_signed_in", Data(page.has_citizen_cookie)}}));
  data.set("page_lang", std::string(LangCode(page.lang)));
  data.set("page_title", title);
  data.set("page_has_errors", Data(has_errors));
  data.set("page_flash", page.flash ? Data(*page.flash) : Data(false));
  data.set("csrf_token", page.csrf_token);

  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = site.templates->Render(page.lang, template_name, data);
  AddSecurityHeaders(response, site.content_security_policy);
  for (const std::string& cookie : page.cookies) {
    response.headers.emplace_back("Set-Cookie", cookie);
  }
  return response;
}

http::Form QueryFields(const http::Request& request) {
  auto parsed = http::ParseForm(request.query);
  return parsed ? std::move(*parsed) : http::Form();
}

http::Response SeeOther(const PageContext& page, const std::string& location) {
  http::Response response;
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.headers.emplace_back("Location", location);
  AddSecurityHeaders(response);
  for (const std::string& cookie : page.cookies) {
    response.headers.emplace_back("Set-Cookie", cookie);
  }
  return response;
}

http::Response ErrorPage(const Site::Impl& site, const PageContext& page, ErrorPageKind kind) {
  std::string_view title;
  std::string_view text;
  unsigned status = 500;
  switch (kind) {
    case ErrorPageKind::kForbidden:
      status = 403;
      title = "Your form could not be sent";
      text =
          "This can happen if the form was open for a long time or cookies are turned off. Go "
          "back, reload the page and try again.";
      break;
    case ErrorPageKind::kNotFound:
      status = 404;
      title = "Page not found";
      text =
          "If you typed the web address, check it is correct. If you pasted the web address, "
          "check you copied the entire address.";
      break;
    case ErrorPageKind::kUnavailable:
      status = 503;
      title = "Sorry, the service is unavailable";
      text = "You will be able to use the service later. Nothing you sent has been lost.";
      break;
    case ErrorPageKind::kInternal:
      status = 500;
      title = "Sorry, there is a problem with the service";
      text =
          "Try again later. If you sent a form, check whether it arrived before sending it again.";
      break;
  }
  const std::string heading(site.T(page.lang, title));
  Data data = Object{{"heading", heading}, {"text", std::string(site.T(page.lang, text))}};
  return RenderPage(site, page, "error", heading, std::move(data), status);
}

std::string DueWords(Lang lang, Instant at) {
  const LocalParts parts = InLondon(at);
  const std::size_t weekday = parts.weekday.c_encoding();
  if (lang == Lang::kGa) {
    return "faoi " + ClockWords(lang, parts.hour, parts.minute) + " " +
           std::string(kWeekdaysGa.at(weekday)) + " " + DayWords(lang, parts);
  }
  return "by " + ClockWords(lang, parts.hour, parts.minute) + " on " +
         std::string(kWeekdaysEn.at(weekday)) + " " + DayWords(lang, parts);
}

std::string DateWords(Lang lang, std::chrono::sys_days day) {
  const date::sys_days days(day.time_since_epoch());
  return DayWords(lang, LocalParts{date::year_month_day(days), date::weekday(days)});
}

std::string DateTimeWords(Lang lang, Instant at) {
  const LocalParts parts = InLondon(at);
  return DayWords(lang, parts) + (lang == Lang::kGa ? " ag " : " at ") +
         ClockWords(lang, parts.hour, parts.minute);
}

}  // namespace frontdoor::web
