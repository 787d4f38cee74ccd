// Interface text in English and Irish from gettext-style catalogues (locale/en.po,
// locale/ga.po). The msgid is the English text; an empty msgstr means "not translated", and
// the English is shown. Immutable after loading, so shared by every thread.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"
#include "frontdoor/web/page.hpp"

#include "embedded.hpp"

namespace frontdoor::web {

using Catalogue = std::map<std::string, std::string, std::less<>>;

// Reads a .po file: `#` comments, `msgid "..."` and `msgstr "..."` with continuation lines
// of `"..."`, C escapes \" \\ \n \t. The header entry (empty msgid) is skipped; so are
// entries with an empty msgstr. kInvalidInput on field "line N" for anything else (msgctxt,
// plurals, an unterminated string, a msgid without a msgstr, a duplicate msgid).
[[nodiscard]] Result<Catalogue> ParsePo(std::string_view text);

class Translations {
 public:
  // `files` named "en.po" and "ga.po"; others are ignored. kInternal naming the file when
  // one does not parse.
  [[nodiscard]] static Result<Translations> Load(std::span<const EmbeddedFile> files);

  // The text for `msgid` in `lang`, or msgid itself when there is no translation.
  [[nodiscard]] std::string_view T(Lang lang, std::string_view msgid) const;
  [[nodiscard]] const Catalogue& catalogue(Lang lang) const;

 private:
  std::array<Catalogue, 2> catalogues_;
};

}  // namespace frontdoor::web
