// Helpers the portal's journeys share: which services it offers, how a status reads to a
// citizen, and the service form as the citizen sees and sends it. Private to web.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/store/catalogue.hpp"

#include "render.hpp"
#include "site.hpp"

namespace frontdoor::web {

// Active and offered on the web channel (no channel list means every channel).
[[nodiscard]] bool OfferedOnWeb(const store::ServiceRecord& service);

// "In progress" and the GOV.UK tag colour for a status, as the citizen reads them.
struct StatusWords {
  std::string_view text;  // an English msgid
  std::string_view colour;
};
[[nodiscard]] StatusWords CitizenStatus(CaseStatus status);

// The HTML id of an attribute's first input, and the form field it is sent as.
[[nodiscard]] std::string AttributeId(std::string_view code);
[[nodiscard]] std::string AttributeName(std::string_view code);

// What a citizen sent for the service's questions, as the use case takes it (code -> value,
// repeated for a multivaluelist; dates put together as ISO 8601 in Europe/London), plus the
// errors found while putting dates together (keyed by field, "attribute[code]").
struct SubmittedAnswers {
  std::multimap<std::string, std::string> answers;
  std::map<std::string, std::string> errors;
};
[[nodiscard]] SubmittedAnswers ReadAnswers(const std::vector<Attribute>& form,
                                           const http::Form& sent, const Site::Impl& site,
                                           Lang lang);

// One question of the form as a component's data, with what was sent and its error.
[[nodiscard]] Data QuestionData(const Attribute& attribute, const http::Form& sent,
                                const std::string& error, const Site::Impl& site, Lang lang);

}  // namespace frontdoor::web
