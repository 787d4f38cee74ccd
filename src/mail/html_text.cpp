// HTML mail as plain text. Not an HTML parser: mail HTML is read once, by a person, so tags
// are dropped and only what changes the reading is kept (line breaks, list items, links).
// Each byte is looked at a bounded number of times, so hostile input costs linear time.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "frontdoor/core/text.hpp"

#include "mail_text.hpp"

namespace frontdoor::mail {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAlnum(char c) {
  return IsAlpha(c) || (c >= '0' && c <= '9');
}

// Named entities seen in real mail; the full HTML5 table (2,000+) would only add rarities.
constexpr std::array<std::pair<std::string_view, char32_t>, 44> kEntities{{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"sbquo", 0x201A}, {"bdquo", 0x201E}, {"pound", 0xA3},   {"euro", 0x20AC},
    {"cent", 0xA2},    {"yen", 0xA5},     {"sect", 0xA7},    {"deg", 0xB0},     {"middot", 0xB7},
    {"bull", 0x2022},  {"laquo", 0xAB},   {"raquo", 0xBB},   {"times", 0xD7},   {"divide", 0xF7},
    {"frac12", 0xBD},  {"frac14", 0xBC},  {"aacute", 0xE1},  {"eacute", 0xE9},  {"iacute", 0xED},
    {"oacute", 0xF3},  {"uacute", 0xFA},  {"Aacute", 0xC1},  {"Eacute", 0xC9},  {"Iacute", 0xCD},
    {"Oacute", 0xD3},  {"Uacute", 0xDA},  {"shy", 0},        {"zwnj", 0},
}};

// Elements whose content is never shown as text.
bool IsHidden(std::string_view name) {
  return name == "script" || name == "style" || name == "head" || name == "title" ||
         name == "template" || name == "noscript";
}

// Elements that end a paragraph: a blank line before and after.
bool IsParagraph(std::string_view name) {
  return name == "p" || name == "table" || name == "ul" || name == "ol" || name == "dl" ||
         name == "blockquote" || name == "pre" || name == "hr" || name == "h1" || name == "h2" ||
         name == "h3" || name == "h4" || name == "h5" || name == "h6";
}

// Elements that start on a new line.
bool IsLine(std::string_view name) {
  return name == "div" || name == "tr" || name == "li" || name == "dt" || name == "dd" ||
         name == "section" || name == "article" || name == "header" || name == "footer" ||
         name == "address" || name == "center" || name == "form" || name == "caption";
}

struct Tag {
  std::string name;  // lower case; empty for comments and declarations
  bool closing = false;
  std::string href;     // of an <a>
  std::size_t end = 0;  // index just after '>'
};

std::size_t SkipWhile(std::string_view text, std::size_t i, bool (*keep)(char)) {
  while (i < text.size() && keep(text[i])) {
    ++i;
  }
  return i;
}

bool IsAttributeGap(char c) {
  return IsSpace(c) || c == '/';
}

bool IsAttributeNameChar(char c) {
  return !IsSpace(c) && c != '=' && c != '/';
}

bool IsUnquotedValueChar(char c) {
  return !IsSpace(c);
}

// The attribute value starting at text[i] (just after '=') and the index after it.
std::pair<std::string_view, std::size_t> ReadValue(std::string_view text, std::size_t i) {
  i = SkipWhile(text, i, IsSpace);
  if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
    const std::size_t close = text.find(text[i], i + 1);
    const std::size_t stop = close == std::string_view::npos ? text.size() : close;
    return {text.substr(i + 1, stop - i - 1), stop + 1};
  }
  const std::size_t end = SkipWhile(text, i, IsUnquotedValueChar);
  return {text.substr(i, end - i), end};
}

// The value of attribute `wanted` in the tag's attribute text, or empty.
std::string Attribute(std::string_view attributes, std::string_view wanted) {
  std::size_t i = 0;
  while (i < attributes.size()) {
    i = SkipWhile(attributes, i, IsAttributeGap);
    const std::size_t name_end = SkipWhile(attributes, i, IsAttributeNameChar);
    const std::string name = ToLowerAscii(attributes.substr(i, name_end - i));
    std::size_t next = SkipWhile(attributes, name_end, IsSpace);
    std::string_view value;
    if (next < attributes.size() && attributes[next] == '=') {
      std::tie(value, next) = ReadValue(attributes, next + 1);
    }
    if (!name.empty() && name == wanted) {
      return std::string(value);
    }
    i = std::max(next, i + 1);  // a stray character: move on
  }
  return {};
}

// The end of the tag opening at html[start] == '<' (just after its '>', quotes respected),
// or npos when it never ends.
std::size_t TagEnd(std::string_view html, std::size_t start) {
  char quote = 0;
  for (std::size_t i = start + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Reads the tag at html[start] == '<'; nullopt-like (end 0) when '<' does not open a tag
// and is just text.
Tag ReadTag(std::string_view html, std::size_t start) {
  Tag tag;
  std::size_t i = start + 1;
  if (html.substr(i).starts_with("!--")) {
    const std::size_t close = html.find("-->", i + 3);
    tag.end = close == std::string_view::npos ? html.size() : close + 3;
    return tag;
  }
  if (i < html.size() && (html[i] == '!' || html[i] == '?')) {
    const std::size_t close = html.find('>', i);
    tag.end = close == std::string_view::npos ? html.size() : close + 1;
    return tag;
  }
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= html.size() || !IsAlpha(html[i])) {
    return tag;  // "a < b": text
  }
  const std::size_t name_start = i;
  while (i < html.size() && (IsAlnum(html[i]) || html[i] == ':' || html[i] == '-')) {
    ++i;
  }
  const std::size_t end = TagEnd(html, start);
  if (end == std::string_view::npos) {
    tag.end = html.size();  // a tag cut off at the end of the mail: drop the rest
    return tag;
  }
  tag.name = ToLowerAscii(html.substr(name_start, i - name_start));
  tag.end = end;
  if (tag.name == "a" && !tag.closing) {
    tag.href = Attribute(html.substr(i, end - 1 - i), "href");
  }
  return tag;
}

// Where the hidden element's content ends: just after its closing tag, or the end.
std::size_t SkipHidden(std::string_view html, std::size_t from, std::string_view name) {
  std::size_t i = from;
  while (true) {
    const std::size_t open = html.find("</", i);
    if (open == std::string_view::npos) {
      return html.size();
    }
    const std::string candidate = ToLowerAscii(html.substr(open + 2, name.size()));
    const std::size_t after = open + 2 + name.size();
    if (candidate == name && (after >= html.size() || !IsAlnum(html[after]))) {
      const std::size_t close = html.find('>', after);
      return close == std::string_view::npos ? html.size() : close + 1;
    }
    i = open + 2;
  }
}

// Text output with collapsed white space and pending line breaks.
class Writer {
 public:
  void Text(std::string_view text) {
    for (const char c : text) {
      Char(c);
    }
  }
  void Char(char c) {
    if (!in_pre_ && IsSpace(c)) {
      pending_space_ = true;
      return;
    }
    if (in_pre_ && c == '\n') {
      Flush();
      out_ += '\n';
      return;
    }
    Flush();
    out_ += c;
  }
  void CodePoint(char32_t code_point) {
    if (code_point == ' ') {
      Char(' ');
    } else if (code_point != 0) {
      Flush();
      AppendCodePoint(out_, code_point);
    }
  }
  void Break(int newlines) { pending_newlines_ = std::max(pending_newlines_, newlines); }
  void HardBreak() {
    pending_space_ = false;
    Flush();
    if (!out_.empty()) {
      out_ += '\n';
    }
  }
  void SetPre(bool in_pre) { in_pre_ = in_pre; }
  [[nodiscard]] std::size_t size() const { return out_.size(); }
  [[nodiscard]] std::string_view Since(std::size_t offset) const {
    const std::string_view written = out_;
    return written.substr(offset);
  }
  std::string Take() { return std::move(out_); }

 private:
  void Flush() {
    if (pending_newlines_ > 0) {
      if (!out_.empty()) {
        while (!out_.empty() && out_.back() == ' ') {
          out_.pop_back();
        }
        out_.append(static_cast<std::size_t>(pending_newlines_), '\n');
      }
      pending_newlines_ = 0;
      pending_space_ = false;
    } else if (pending_space_) {
      if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') {
        out_ += ' ';
      }
      pending_space_ = false;
    }
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
  bool in_pre_ = false;
};

// The value of `c` as a digit of that base, or -1.
int DigitValue(char c, bool hex) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (hex && c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (hex && c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// "&#233;" or "&#xE9;" at html[start]; an invalid code point becomes U+FFFD.
std::pair<char32_t, std::size_t> ReadNumericEntity(std::string_view html, std::size_t start) {
  std::size_t i = start + 2;
  const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
  i += hex ? 1 : 0;
  const std::size_t digits_start = i;
  char32_t value = 0;
  // Eight digits reach past U+10FFFF in either base, and cannot overflow.
  for (int digit = 0;
       i < html.size() && i - digits_start < 8 && (digit = DigitValue(html[i], hex)) >= 0; ++i) {
    value = value * (hex ? 16U : 10U) + static_cast<char32_t>(digit);
  }
  if (i == digits_start) {
    return {'&', start + 1};
  }
  if (i < html.size() && html[i] == ';') {
    ++i;
  }
  return {value == 0 || value > 0x10FFFF ? char32_t{0xFFFD} : value, i};
}

// "&amp;" and the other names of kEntities at html[start] (the ';' may be missing).
std::pair<char32_t, std::size_t> ReadNamedEntity(std::string_view html, std::size_t start) {
  const std::size_t name_start = start + 1;
  std::size_t i = name_start;
  while (i < html.size() && IsAlnum(html[i]) && i - name_start < 10) {
    ++i;
  }
  const std::string_view name = html.substr(name_start, i - name_start);
  for (const auto& [entity, code_point] : kEntities) {
    if (name == entity) {
      return {code_point, i < html.size() && html[i] == ';' ? i + 1 : i};
    }
  }
  return {'&', start + 1};
}

// Decodes the entity at html[start] == '&': the code point (0: nothing to show) and the index
// after it, or {'&', start + 1} when it is not an entity.
std::pair<char32_t, std::size_t> ReadEntity(std::string_view html, std::size_t start) {
  if (start + 1 < html.size() && html[start + 1] == '#') {
    return ReadNumericEntity(html, start);
  }
  return ReadNamedEntity(html, start);
}

// Whether the link's address adds anything to its text: "click here" needs it, a shown URL
// or a mailto already in the text does not.
bool ShowHref(std::string_view href, std::string_view text) {
  if (!href.starts_with("http://") && !href.starts_with("https://")) {
    return false;
  }
  std::string_view bare = href;
  bare.remove_prefix(bare.find("//") + 2);
  return text.find(bare) == std::string_view::npos && !text.empty();
}

// Walks the HTML once, writing text and reacting to the tags that change the reading.
class Converter {
 public:
  explicit Converter(std::string_view html) : html_(html) {}

  std::string Run() {
    std::size_t i = 0;
    while (i < html_.size()) {
      const char c = html_[i];
      if (c == '&') {
        const auto [code_point, next] = ReadEntity(html_, i);
        writer_.CodePoint(code_point);
        i = next;
      } else if (c == '<') {
        i = OnTag(i);
      } else {
        writer_.Char(c);
        ++i;
      }
    }
    return CleanText(writer_.Take());
  }

 private:
  // Handles the tag at html_[i] == '<'; returns where reading goes on.
  std::size_t OnTag(std::size_t i) {
    Tag tag = ReadTag(html_, i);
    if (tag.end == 0) {
      writer_.Char('<');
      return i + 1;
    }
    const std::string& name = tag.name;
    if (name.empty()) {
      return tag.end;
    }
    if (!tag.closing && IsHidden(name)) {
      return SkipHidden(html_, tag.end, name);
    }
    if (name == "br") {
      writer_.HardBreak();  // unlike blocks, each <br> of a row adds a line
    } else if (IsParagraph(name)) {
      writer_.Break(2);
      if (name == "pre") {
        writer_.SetPre(!tag.closing);
      }
    } else if (IsLine(name)) {
      OnLine(name, tag.closing);
    } else if ((name == "td" || name == "th") && !tag.closing) {
      writer_.Text(in_row_ ? " | " : "");
      in_row_ = true;
    } else if (name == "a") {
      OnLink(tag);
    }
    return tag.end;
  }

  void OnLine(const std::string& name, bool closing) {
    writer_.Break(1);
    if (name == "li" && !closing) {
      writer_.Text("- ");
    }
    if (name == "tr") {
      in_row_ = false;
    }
  }

  void OnLink(Tag& tag) {
    if (!tag.closing) {
      href_ = std::move(tag.href);
      link_start_ = writer_.size();
      return;
    }
    if (!href_.empty() && ShowHref(href_, writer_.Since(link_start_))) {
      writer_.Text(" <" + href_ + ">");
    }
    href_.clear();
  }

  std::string_view html_;
  Writer writer_;
  std::string href_;  // of the open <a>
  std::size_t link_start_ = 0;
  bool in_row_ = false;
};

}  // namespace

std::string HtmlToText(std::string_view html) {
  return Converter(html).Run();
}

}  // namespace frontdoor::mail
