#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/live_charter.hpp"
#include "frontdoor/usecase/sla.hpp"

#include "portal.hpp"
#include "portal_services.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

// Lower-case ASCII words; bytes of other scripts stay in their words as they are.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      word += static_cast<char>(std::tolower(byte));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

bool HasWordStartingWith(const std::vector<std::string>& words, const std::string& prefix) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return w.starts_with(prefix); });
}

// Every word of the query must appear (as the start of a word) in the name, keywords, group
// or description; a match in the name counts most, then keywords, group, description.
int Score(const store::ServiceRecord& service, const std::vector<std::string>& query) {
  const auto name = Words(service.name);
  const auto keywords = Words(service.keywords);
  const auto group = Words(service.group);
  const auto description = Words(service.description);
  int score = 0;
  for (const std::string& word : query) {
    int best = 0;
    if (HasWordStartingWith(name, word)) {
      best = 8;
    } else if (HasWordStartingWith(keywords, word)) {
      best = 4;
    } else if (HasWordStartingWith(group, word)) {
      best = 2;
    } else if (HasWordStartingWith(description, word)) {
      best = 1;
    }
    if (best == 0) {
      return 0;
    }
    score += best;
  }
  return score;
}

Data ServiceLink(const store::ServiceRecord& service) {
  return Object{{"service_href", "/services/" + service.code},
                {"service_name", service.name},
                {"service_description", TextOrFalse(service.description)},
                {"service_signposted", Data(service.signpost.has_value())}};
}

std::string Percent(double value) {
  return fmt::format("{:.0f}%", value);
}

}  // namespace

http::Response Portal::Start(const http::Request& request) const {
  PageContext page = site.Begin(request);
  std::string query_text;
  if (auto query = http::ParseForm(request.query); query) {
    query_text = std::string(query->Present("q").value_or(""));
  }
  auto services = usecase::ListServices(cases.store, false);
  if (!services) {
    return FailurePage(site, page, services.error());
  }
  Object data{{"query", query_text}};
  const auto words = Words(query_text);
  if (!words.empty()) {
    std::vector<std::pair<int, const store::ServiceRecord*>> found;
    for (const auto& service : *services) {
      if (const int score = Score(service, words); score > 0 && OfferedOnWeb(service)) {
        found.emplace_back(score, &service);
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    List results;
    for (const auto& [score, service] : found) {
      results.push_back(ServiceLink(*service));
    }
    data["searched"] = Data(true);
    // "Services matching your search: 3" reads the same in both languages, where "3 services
    // match" would need Irish number agreement.
    data["results_heading"] = std::string(site.T(page.lang, "Services matching your search:")) +
                              " " + std::to_string(found.size());
    data["results"] = Data(results);
    data["help"] = HelpForQuery(request, page, query_text);
  } else {
    std::map<std::string, List> groups;
    for (const auto& service : *services) {
      if (OfferedOnWeb(service)) {
        const std::string group = service.group.empty()
                                      ? std::string(site.T(page.lang, "Other services"))
                                      : service.group;
        groups[group].push_back(ServiceLink(service));
      }
    }
    List group_list;
    for (auto& [name, links] : groups) {
      group_list.emplace_back(Object{{"group_name", name}, {"group_services", Data(links)}});
    }
    data["searched"] = Data(false);
    data["groups"] = Data(group_list);
  }
  return RenderPage(site, page, "portal_start",
                    std::string(site.T(page.lang, "Report a problem or ask for a service")),
                    Data(data));
}

http::Response Portal::CharterPage(const http::Request& request) const {
  const PageContext page = site.Begin(request);
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone("Europe/London");
  } catch (const std::exception&) {
    zone = nullptr;  // no tz database: count in UTC rather than fail
  }
  const Instant now = cases.clock.Now();
  usecase::PerformanceQuery query{};
  query.to = charter::LocalDate(now, zone);
  const std::chrono::year_month_day end(query.to);
  query.from = charter::Date((end.year() / end.month() - std::chrono::months(11)) / 1);
  const usecase::CharterInUse in_use(cases);
  auto rows = usecase::CharterPerformance(cases.store, zone, now, query, in_use.standards());
  if (!rows) {
    return FailurePage(site, page, rows.error());
  }
  const auto text = [&](std::string_view msgid) { return std::string(site.T(page.lang, msgid)); };
  List head;
  for (const char* title : {"Promise", "Target", "Decided", "Kept", "Not kept", "Promise kept"}) {
    head.emplace_back(Object{{"cell_text", text(title)},
                             {"cell_numeric", Data(std::string_view(title) != "Promise")}});
  }
  List table_rows;
  for (const usecase::PerformanceRow& row : *rows) {
    const auto decided = row.met + row.missed + row.breached;
    const auto cell = [](std::string value, bool numeric) {
      return Object{{"cell_text", std::move(value)},
                    {"cell_numeric", Data(numeric)},
                    {"cell_header", Data(false)},
                    {"cell_href", Data(false)},
                    {"cell_tag", Data(false)}};
    };
    List cells;
    Object name = cell(row.standard_name.empty() ? row.standard_code : row.standard_name, false);
    name["cell_header"] = Data(true);
    cells.emplace_back(name);
    cells.emplace_back(cell(row.threshold_percent ? Percent(*row.threshold_percent) : "–", true));
    cells.emplace_back(cell(std::to_string(decided), true));
    cells.emplace_back(cell(std::to_string(row.met), true));
    cells.emplace_back(cell(std::to_string(row.missed + row.breached), true));
    Object kept = cell(row.compliance_percent ? Percent(*row.compliance_percent) + " " : "–", true);
    if (row.meets_threshold) {
      // Said in words as well as colour, so the tag reads the same to everyone.
      kept["cell_tag"] =
          Object{{"tag_text", text(*row.meets_threshold ? "Target met" : "Below target")},
                 {"tag_colour", *row.meets_threshold ? "green" : "red"}};
    }
    cells.emplace_back(kept);
    table_rows.emplace_back(Object{{"cells", Data(cells)}});
  }
  Object table{{"table_caption", text("Promises kept, by standard")},
               {"table_head", Data(head)},
               {"table_rows", Data(table_rows)}};
  Object data{{"period", text("From") + " " + DateWords(page.lang, query.from) + " " + text("to") +
                             " " + DateWords(page.lang, query.to) + "."},
              {"has_rows", Data(!rows->empty())},
              {"table", Data(table)}};
  return RenderPage(site, page, "portal_charter", text("How we are doing"), Data(data));
}

}  // namespace frontdoor::web
