// Records as the staff API shows them: JSON objects with snake_case fields, instants in
// ISO 8601 with the Europe/London offset, and catalogue references by code (the same codes
// a client writes), never by database id.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <boost/json.hpp>
#include <date/tz.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

// Codes of the catalogue by id, and team ids by code, read in one unit of work. The
// catalogue is small (tens of rows), so reading it per request is cheaper than caching it
// and keeping a cache right across nodes.
struct CatalogueCodes {
  std::map<std::int64_t, std::string> departments;
  std::map<std::int64_t, std::string> teams;
  std::map<std::int64_t, std::string> team_names;
  std::map<std::int64_t, std::string> services;  // only when asked for
  std::map<std::string, std::int64_t, std::less<>> team_ids;
};
Result<CatalogueCodes> LoadCodes(store::Store& store, bool with_services);

class Renderer {
 public:
  Renderer(const date::time_zone* zone, const CatalogueCodes& codes) : zone_(zone), codes_(codes) {}

  [[nodiscard]] boost::json::value Time(Instant instant) const;
  [[nodiscard]] boost::json::value Time(const std::optional<Instant>& instant) const;

  [[nodiscard]] static boost::json::object Department(const store::DepartmentRecord& department);
  [[nodiscard]] boost::json::object Team(const store::TeamRecord& team) const;
  [[nodiscard]] boost::json::object Service(const store::ServiceRecord& service) const;
  [[nodiscard]] boost::json::object RoutingRule(const store::RoutingRuleRecord& rule) const;
  [[nodiscard]] boost::json::object Case(const store::CaseRecord& record) const;
  [[nodiscard]] boost::json::object Event(const store::CaseEventRecord& event) const;
  [[nodiscard]] boost::json::object Link(const store::CaseLinkRecord& link) const;
  [[nodiscard]] boost::json::object Duplicate(const usecase::DuplicateSuggestion& suggestion) const;
  [[nodiscard]] static boost::json::array AnswerList(const frontdoor::Answers& answers);

 private:
  const date::time_zone* zone_;
  const CatalogueCodes& codes_;
};

}  // namespace frontdoor::api
