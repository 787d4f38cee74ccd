#include "frontdoor/notify/templates.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace frontdoor::notify {
namespace {

struct Template {
  std::string_view code;
  std::string_view language;
  std::string_view subject;
  std::string_view body;
};

// Plain language, short lines; the Irish follows the portal's catalogue (locale/ga.po).
constexpr std::array kTemplates{
    Template{"sign_in_code", "en", "Your sign-in code",
             "Your sign-in code is ((code)).\n\n"
             "It works for ((minutes)) minutes. If you did not ask for it, you can ignore this "
             "email: nobody can sign in without the code.\n\n((council))\n"},
    Template{"sign_in_code", "ga", "Do chód sínithe isteach",
             "Is é ((code)) do chód sínithe isteach.\n\n"
             "Oibríonn sé ar feadh ((minutes)) nóiméad. Murar iarr tusa é, is féidir leat "
             "neamhaird a dhéanamh den ríomhphost seo: ní féidir le duine ar bith síniú isteach "
             "gan an cód.\n\n((council))\n"},
    Template{"case_received", "en", "We have received your report ((reference))",
             "Thank you. We have received your report about ((service)).\n\n"
             "Your reference is ((reference)).\n\n"
             "We aim to deal with it ((due)).\n\n"
             "Track your request: ((track_url))\n\n"
             "You can reply to this email to add to your report.\n\n((council))\n"},
    Template{"case_received", "ga", "Fuaireamar do thuairisc ((reference))",
             "Go raibh maith agat. Fuaireamar do thuairisc faoi ((service)).\n\n"
             "Is é ((reference)) d'uimhir thagartha.\n\n"
             "Tá sé mar aidhm againn déileáil leis ((due)).\n\n"
             "Lean d'iarratas: ((track_url))\n\n"
             "Is féidir leat freagra a thabhairt ar an ríomhphost seo chun cur le do "
             "thuairisc.\n\n((council))\n"},
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of a placeholder name at the start of `text` followed by "))", or 0.
std::size_t NameLength(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && IsNameChar(text[n])) {
    ++n;
  }
  return n > 0 && text.substr(n).starts_with("))") ? n : 0;
}

}  // namespace

Result<std::string> Personalise(std::string_view text, const Personalisation& values) {
  std::string out;
  out.reserve(text.size());
  std::vector<FieldError> missing;
  while (!text.empty()) {
    const auto open = text.find("((");
    if (open == std::string_view::npos) {
      out += text;
      break;
    }
    out += text.substr(0, open);
    text.remove_prefix(open + 2);
    const std::size_t length = NameLength(text);
    if (length == 0) {
      out += "((";
      continue;
    }
    const std::string name(text.substr(0, length));
    text.remove_prefix(length + 2);
    if (const auto it = values.find(name); it != values.end()) {
      out += it->second;
    } else if (std::none_of(missing.begin(), missing.end(),
                            [&](const FieldError& e) { return e.field == name; })) {
      missing.push_back({name, "Missing personalisation: " + name});
    }
  }
  if (!missing.empty()) {
    return Error::Invalid(std::move(missing));
  }
  return out;
}

Result<RenderedTemplate> RenderTemplate(std::string_view code, std::string_view language,
                                        const Personalisation& values) {
  for (const Template& t : kTemplates) {
    if (t.code != code || t.language != language) {
      continue;
    }
    auto subject = Personalise(t.subject, values);
    if (!subject) {
      return subject.error();
    }
    auto body = Personalise(t.body, values);
    if (!body) {
      return body.error();
    }
    return RenderedTemplate{std::move(*subject), std::move(*body)};
  }
  return Error::NotFound("No email template " + std::string(code) + " in " + std::string(language));
}

}  // namespace frontdoor::notify
