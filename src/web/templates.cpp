#include "templates.hpp"

#include <utility>

namespace frontdoor::web {
namespace {

constexpr int kMaxPartialDepth = 8;
constexpr std::string_view kPartialsDir = "partials/";
constexpr std::string_view kExtension = ".mustache";
constexpr std::string_view kOpenT = "{{#t}}";
constexpr std::string_view kCloseT = "{{/t}}";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

Result<void> Expand(std::string_view text,
                    const std::map<std::string, std::string, std::less<>>& partials, int depth,
                    std::string& out) {
  if (depth > kMaxPartialDepth) {
    return Error::Internal("partials nest too deeply (one includes itself?)");
  }
  std::size_t pos = 0;
  while (true) {
    const auto start = text.find("{{>", pos);
    if (start == std::string_view::npos) {
      out.append(text.substr(pos));
      return {};
    }
    const auto end = text.find("}}", start);
    if (end == std::string_view::npos) {
      return Error::Internal("an unclosed {{> tag");
    }
    out.append(text.substr(pos, start - pos));
    const std::string_view name = Trim(text.substr(start + 3, end - start - 3));
    const auto partial = partials.find(name);
    if (partial == partials.end()) {
      return Error::Internal("unknown partial " + std::string(name));
    }
    if (auto expanded = Expand(partial->second, partials, depth + 1, out); !expanded) {
      return expanded.error();
    }
    pos = end + 2;
  }
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Calls `each(msgid)` for every marker and copies the text between markers to `out`.
template <class Each>
Result<void> ForEachMarker(std::string_view text, std::string* out, Each each) {
  std::size_t pos = 0;
  while (true) {
    const auto start = text.find(kOpenT, pos);
    if (start == std::string_view::npos) {
      if (out != nullptr) {
        out->append(text.substr(pos));
      }
      return {};
    }
    const auto end = text.find(kCloseT, start);
    if (end == std::string_view::npos) {
      return Error::Internal("a {{#t}} without its {{/t}}");
    }
    const std::string_view msgid = text.substr(start + kOpenT.size(), end - start - kOpenT.size());
    if (msgid.find("{{") != std::string_view::npos) {
      return Error::Internal("a tag inside {{#t}}" + std::string(msgid.substr(0, 40)));
    }
    if (out != nullptr) {
      out->append(text.substr(pos, start - pos));
    }
    each(msgid);
    pos = end + kCloseT.size();
  }
}

}  // namespace

Result<std::string> ExpandPartials(
    std::string_view text, const std::map<std::string, std::string, std::less<>>& partials) {
  std::string out;
  out.reserve(text.size() * 4);
  if (auto expanded = Expand(text, partials, 0, out); !expanded) {
    return expanded.error();
  }
  return out;
}

Result<std::string> Translate(std::string_view text, const Translations& translations, Lang lang) {
  std::string out;
  out.reserve(text.size());
  auto done = ForEachMarker(
      text, &out, [&](std::string_view msgid) { out += HtmlEscape(translations.T(lang, msgid)); });
  if (!done) {
    return done.error();
  }
  return out;
}

std::vector<std::string> MarkedText(std::string_view text) {
  std::vector<std::string> found;
  (void)ForEachMarker(text, nullptr, [&](std::string_view msgid) { found.emplace_back(msgid); });
  return found;
}

Result<std::unique_ptr<Templates>> Templates::Compile(std::span<const EmbeddedFile> files,
                                                      const Translations& translations) {
  std::map<std::string, std::string, std::less<>> partials;
  std::vector<const EmbeddedFile*> pages;
  for (const EmbeddedFile& file : files) {
    if (!file.name.ends_with(kExtension)) {
      continue;
    }
    const std::string_view stem = file.name.substr(0, file.name.size() - kExtension.size());
    if (stem.starts_with(kPartialsDir)) {
      partials.emplace(std::string(stem.substr(kPartialsDir.size())), std::string(file.text));
    } else {
      pages.push_back(&file);
    }
  }
  auto templates = std::make_unique<Templates>();
  for (const EmbeddedFile* file : pages) {
    const std::string name(file->name.substr(0, file->name.size() - kExtension.size()));
    const auto fail = [&](const Error& error) {
      return Error::Internal("templates/" + std::string(file->name) + ": " + error.message());
    };
    auto expanded = ExpandPartials(file->text, partials);
    if (!expanded) {
      return fail(expanded.error());
    }
    for (const Lang lang : {Lang::kEn, Lang::kGa}) {
      auto text = Translate(*expanded, translations, lang);
      if (!text) {
        return fail(text.error());
      }
      auto compiled = std::make_unique<mustache::mustache>(*text);
      if (!compiled->is_valid()) {
        return fail(Error::Internal(compiled->error_message()));
      }
      templates->pages_.at(lang == Lang::kGa ? 1 : 0).emplace(name, std::move(compiled));
    }
  }
  return templates;
}

bool Templates::Has(std::string_view page) const {
  return pages_[0].contains(page);
}

std::string Templates::Render(Lang lang, std::string_view page, const Data& data) const {
  const Compiled& compiled = pages_.at(lang == Lang::kGa ? 1 : 0);
  const auto it = compiled.find(page);
  if (it == compiled.end()) {
    return {};
  }
  return it->second->render(data);
}

std::vector<std::string> Templates::PageNames() const {
  std::vector<std::string> names;
  for (const auto& [name, compiled] : pages_[0]) {
    names.push_back(name);
  }
  return names;
}

}  // namespace frontdoor::web
