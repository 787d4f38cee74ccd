// The page templates, compiled once at start-up. Each page under templates/ is expanded
// with its partials (templates/partials/, `{{>name}}`) and its interface text
// (`{{#t}}English text{{/t}}`, looked up in the catalogues) into one mustache template per
// language, so rendering never parses anything. Private to the web module.
//
// Thread-safety: kainjow's render() is not const, but with partials inlined and no lambdas
// in the data it only reads the parsed tree, so one Templates is shared by every thread.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "frontdoor/core/error.hpp"
#include "frontdoor/web/page.hpp"

#include "embedded.hpp"
#include "locale.hpp"

namespace frontdoor::web {

namespace mustache = kainjow::mustache;
using Data = mustache::data;
using Object = mustache::object;
using List = mustache::list;

// Every `{{>name}}` in `text` replaced by that partial, recursively. kInternal naming the
// partial when it is unknown or includes itself.
[[nodiscard]] Result<std::string> ExpandPartials(
    std::string_view text, const std::map<std::string, std::string, std::less<>>& partials);

// Every `{{#t}}msgid{{/t}}` replaced by the msgid's text in `lang`, HTML-escaped.
// kInternal when a marker is not closed or holds a tag.
[[nodiscard]] Result<std::string> Translate(std::string_view text, const Translations& translations,
                                            Lang lang);

// The msgids of every {{#t}} marker in `text` (for the test that every one has an Irish text).
[[nodiscard]] std::vector<std::string> MarkedText(std::string_view text);

class Templates {
 public:
  // kInternal naming the template on a syntax error, an unknown partial or a bad marker.
  [[nodiscard]] static Result<std::unique_ptr<Templates>> Compile(
      std::span<const EmbeddedFile> files, const Translations& translations);

  [[nodiscard]] bool Has(std::string_view page) const;
  // Renders a page; an unknown page name is a bug in a handler and renders "".
  [[nodiscard]] std::string Render(Lang lang, std::string_view page, const Data& data) const;
  [[nodiscard]] std::vector<std::string> PageNames() const;

 private:
  using Compiled = std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>>;
  std::array<Compiled, 2> pages_;
};

}  // namespace frontdoor::web
