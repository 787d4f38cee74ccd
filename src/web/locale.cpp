#include "locale.hpp"

#include <optional>
#include <string>

namespace frontdoor::web {
namespace {

std::size_t Index(Lang lang) {
  return lang == Lang::kGa ? 1 : 0;
}

Error LineError(int line, const std::string& message) {
  return Error::Invalid("line " + std::to_string(line), message);
}

// The contents of one "..." string with its escapes decoded; nullopt when malformed.
std::optional<std::string> Unquote(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') {
    return std::nullopt;
  }
  text = text.substr(1, text.size() - 2);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      return std::nullopt;  // an unescaped quote inside: two strings on one line
    }
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) {
      return std::nullopt;
    }
    switch (text[i]) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default: return std::nullopt;
    }
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// One catalogue being read: the entry in progress and where its strings go.
struct PoReader {
  Catalogue catalogue;
  std::optional<std::string> msgid;
  std::optional<std::string> msgstr;
  std::string* current = nullptr;
  int msgid_line = 0;

  Result<void> Finish() {
    if (msgid && !msgstr) {
      return LineError(msgid_line, "msgid without msgstr");
    }
    if (msgid && !msgid->empty() && !msgstr->empty()) {
      if (!catalogue.emplace(*msgid, *msgstr).second) {
        return LineError(msgid_line, "duplicate msgid");
      }
    }
    msgid.reset();
    msgstr.reset();
    current = nullptr;
    return {};
  }

  Result<void> Line(int number, std::string_view line) {
    if (line.empty() || line.front() == '#') {
      return {};
    }
    if (line.front() == '"') {
      const auto text = Unquote(line);
      if (!text || current == nullptr) {
        return LineError(number, "a string that continues nothing, or is not quoted properly");
      }
      *current += *text;
      return {};
    }
    const auto space = line.find(' ');
    const std::string_view keyword = line.substr(0, space);
    const auto text =
        space == std::string_view::npos ? std::nullopt : Unquote(Trim(line.substr(space + 1)));
    if (!text) {
      return LineError(number, "expected a keyword followed by a quoted string");
    }
    if (keyword == "msgid") {
      if (auto done = Finish(); !done) {
        return done.error();
      }
      msgid = *text;
      msgid_line = number;
      current = &*msgid;
      return {};
    }
    if (keyword == "msgstr") {
      if (!msgid || msgstr) {
        return LineError(number, "msgstr without a msgid before it");
      }
      msgstr = *text;
      current = &*msgstr;
      return {};
    }
    return LineError(number, "unsupported keyword " + std::string(keyword));
  }
};

}  // namespace

Result<Catalogue> ParsePo(std::string_view text) {
  PoReader reader;
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (auto read = reader.Line(++number, line); !read) {
      return read.error();
    }
  }
  if (auto done = reader.Finish(); !done) {
    return done.error();
  }
  return std::move(reader.catalogue);
}

Result<Translations> Translations::Load(std::span<const EmbeddedFile> files) {
  Translations translations;
  for (const EmbeddedFile& file : files) {
    std::optional<Lang> lang;
    if (file.name == "en.po") {
      lang = Lang::kEn;
    } else if (file.name == "ga.po") {
      lang = Lang::kGa;
    }
    if (!lang) {
      continue;
    }
    auto catalogue = ParsePo(file.text);
    if (!catalogue) {
      return Error::Internal("locale/" + std::string(file.name) + ": " +
                             catalogue.error().field_errors().front().field + ": " +
                             catalogue.error().message());
    }
    translations.catalogues_.at(Index(*lang)) = std::move(*catalogue);
  }
  return translations;
}

std::string_view Translations::T(Lang lang, std::string_view msgid) const {
  const Catalogue& catalogue = catalogues_.at(Index(lang));
  const auto it = catalogue.find(msgid);
  return it == catalogue.end() ? msgid : std::string_view(it->second);
}

const Catalogue& Translations::catalogue(Lang lang) const {
  return catalogues_.at(Index(lang));
}

}  // namespace frontdoor::web
