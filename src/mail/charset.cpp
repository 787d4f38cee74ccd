#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <gmime/gmime.h>

#include "frontdoor/core/text.hpp"

#include "gmime_init.hpp"
#include "mail_text.hpp"

namespace frontdoor::mail {
namespace {

// Windows-1252's bytes 0x80-0x9F (the rest is Latin-1). Zero marks the five undefined ones.
constexpr std::array<char32_t, 32> kWindows1252High{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr char32_t kReplacement = 0xFFFD;

bool IsLatin1Label(std::string_view label) {
  // The WHATWG Encoding Standard maps all of these to windows-1252: mail clients label
  // Windows text "iso-8859-1" as browsers' pages do, curly quotes in 0x91-0x94 included.
  constexpr std::array<std::string_view, 12> kLabels{
      "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
      "l1",       "cp819", "ibm819",     "cp1252",    "x-cp1252",   "windows-1252"};
  return std::ranges::any_of(kLabels, [&](std::string_view known) { return label == known; });
}

struct GFree {
  void operator()(gchar* p) const { g_free(p); }
};

}  // namespace

void AppendCodePoint(std::string& out, char32_t code_point) {
  if ((code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
    code_point = kReplacement;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::string DecodeWindows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else if (byte < 0xA0) {
      const char32_t mapped = kWindows1252High[byte - 0x80U];
      AppendCodePoint(out, mapped == 0 ? kReplacement : mapped);
    } else {
      AppendCodePoint(out, byte);
    }
  }
  return out;
}

std::string ToUtf8(std::string_view bytes, std::string_view label) {
  const std::string name = ToLowerAscii(Trim(label));
  if (name.empty() || IsLatin1Label(name)) {
    // 8-bit text without a label is most often UTF-8 today; when it is not valid UTF-8 it
    // is almost always Windows text.
    if (name.empty() && IsValidUtf8(bytes)) {
      return std::string(bytes);
    }
    return DecodeWindows1252(bytes);
  }
  if (name == "utf-8" || name == "utf8") {
    return IsValidUtf8(bytes) ? std::string(bytes) : DecodeWindows1252(bytes);
  }
  // GMime knows the aliases mail really carries (ks_c_5601-1987, x-sjis...) and the name
  // the system's iconv wants for each.
  InitialiseGMime();
  const char* iconv_name = g_mime_charset_iconv_name(name.c_str());
  gsize written = 0;
  std::unique_ptr<gchar, GFree> converted(
      g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                iconv_name != nullptr ? iconv_name : name.c_str(), nullptr, &written, nullptr));
  if (converted) {
    std::string out(converted.get(), written);
    if (IsValidUtf8(out)) {
      return out;
    }
  }
  return IsValidUtf8(bytes) ? std::string(bytes) : DecodeWindows1252(bytes);
}

namespace {

// Builds cleaned text line by line: trailing blanks cut, blank lines before any text dropped,
// at most one blank line in a row.
class LineWriter {
 public:
  explicit LineWriter(std::size_t capacity) { out_.reserve(capacity); }

  void Add(char c) {
    // Tab stays; other C0 controls and DEL go (PostgreSQL refuses NUL in text).
    if (c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F)) {
      out_ += c;
    }
  }

  void EndLine() {
    while (out_.size() > line_start_ && (out_.back() == ' ' || out_.back() == '\t')) {
      out_.pop_back();
    }
    const bool blank = out_.size() == line_start_;
    blank_lines_ = blank ? blank_lines_ + 1 : 0;
    if (blank && (blank_lines_ > 1 || out_.empty())) {
      return;
    }
    out_ += '\n';
    line_start_ = out_.size();
  }

  std::string Take() {
    EndLine();
    while (!out_.empty() && out_.back() == '\n') {
      out_.pop_back();
    }
    return std::move(out_);
  }

 private:
  std::string out_;
  std::size_t line_start_ = 0;
  int blank_lines_ = 0;
};

}  // namespace

std::string CleanText(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  LineWriter writer(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      writer.EndLine();
    } else {
      writer.Add(c);
    }
  }
  return writer.Take();
}

std::string Unflow(std::string_view text, bool delete_space) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    // Space-stuffing (section 4.4): a leading space was added by the sender; drop it.
    if (line.starts_with(' ')) {
      line.remove_prefix(1);
    }
    const bool soft = !last && line.ends_with(' ') && line != "-- ";
    if (soft && delete_space) {
      line.remove_suffix(1);
    }
    out += line;
    if (!soft && !last) {
      out += '\n';
    }
    if (last) {
      break;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace frontdoor::mail
