// Email templates with ((placeholder)) personalisation, the GOV.UK Notify convention, in
// English and Irish. Pure and immutable: thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor::notify {

using Personalisation = std::map<std::string, std::string>;

// `text` with every ((name)) replaced by its value. A name is letters, digits and '_'; other
// "((" text is left as it is. Values are plain text and are never scanned for placeholders
// themselves. kInvalidInput with one field error per missing name (field = the name,
// message "Missing personalisation: name"), in the order they appear.
[[nodiscard]] Result<std::string> Personalise(std::string_view text, const Personalisation& values);

struct RenderedTemplate {
  std::string subject;
  std::string text_body;
};

// The template `code` in `language` ("en" or "ga") with its placeholders filled. kNotFound
// for an unknown code or language; kInvalidInput as Personalise.
[[nodiscard]] Result<RenderedTemplate> RenderTemplate(std::string_view code,
                                                      std::string_view language,
                                                      const Personalisation& values);

}  // namespace frontdoor::notify
