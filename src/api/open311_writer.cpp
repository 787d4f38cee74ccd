#include "open311_writer.hpp"

#include <cassert>
#include <charconv>
#include <cmath>

namespace frontdoor::api::open311 {

void AppendXmlEscaped(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view replacement;
    switch (c) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '\r': replacement = "&#13;"; break;
      case '\t':
      case '\n': continue;
      default:
        if (c >= 0x20) {
          continue;
        }
        replacement = "";  // XML 1.0 has no way to carry C0 controls, not even escaped
    }
    out.append(text.substr(run, i - run));
    out.append(replacement);
    run = i + 1;
  }
  out.append(text.substr(run));
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(text.substr(run, i - run));
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[static_cast<std::size_t>(c >> 4U)]);
        out.push_back(kHex[static_cast<std::size_t>(c & 0xFU)]);
    }
    run = i + 1;
  }
  out.append(text.substr(run));
}

DocumentWriter::DocumentWriter(Format format, std::size_t reserve_bytes) : format_(format) {
  out_.reserve(reserve_bytes);
}

void DocumentWriter::BeginRootList(std::string_view root) {
  if (format_ == Format::kXml) {
    out_.append(kXmlDeclaration);
    out_.push_back('\n');
  }
  Open(root, true, false);
}

void DocumentWriter::BeginRootRecord(std::string_view root) {
  if (format_ == Format::kXml) {
    out_.append(kXmlDeclaration);
    out_.push_back('\n');
  }
  Open(root, false, false);
}

void DocumentWriter::BeginItem(std::string_view item) {
  Open(item, false, false);
}
void DocumentWriter::EndItem() {
  Close();
}
void DocumentWriter::BeginList(std::string_view name) {
  Open(name, true, true);
}
void DocumentWriter::EndList() {
  Close();
}

void DocumentWriter::Open(std::string_view name, bool is_list, bool json_keyed) {
  assert(depth_ < kMaxDepth);
  if (format_ == Format::kXml) {
    out_.push_back('<');
    out_.append(name);
    out_.push_back('>');
  } else {
    if (depth_ > 0) {
      auto& parent = stack_[depth_ - 1];
      if (parent.has_members) {
        out_.push_back(',');
      }
      parent.has_members = true;
    }
    if (json_keyed) {
      out_.push_back('"');
      out_.append(name);
      out_.append("\":");
    }
    out_.push_back(is_list ? '[' : '{');
  }
  stack_[depth_++] = Frame{name, is_list, false};
}

void DocumentWriter::Close() {
  assert(depth_ > 0);
  const Frame& frame = stack_[--depth_];
  if (format_ == Format::kXml) {
    out_.append("</");
    out_.append(frame.name);
    out_.push_back('>');
  } else {
    out_.push_back(frame.is_list ? ']' : '}');
  }
}

void DocumentWriter::LeafStart(std::string_view name) {
  if (format_ == Format::kXml) {
    out_.push_back('<');
    out_.append(name);
    out_.push_back('>');
    return;
  }
  assert(depth_ > 0);
  auto& parent = stack_[depth_ - 1];
  if (parent.has_members) {
    out_.push_back(',');
  }
  parent.has_members = true;
  if (!parent.is_list) {
    out_.push_back('"');
    out_.append(name);
    out_.append("\":");
  }
}

void DocumentWriter::LeafEnd(std::string_view name) {
  if (format_ == Format::kXml) {
    out_.append("</");
    out_.append(name);
    out_.push_back('>');
  }
}

void DocumentWriter::RawLeaf(std::string_view name, std::string_view text) {
  LeafStart(name);
  out_.append(text);
  LeafEnd(name);
}

void DocumentWriter::String(std::string_view name, std::string_view value) {
  LeafStart(name);
  if (format_ == Format::kXml) {
    AppendXmlEscaped(out_, value);
  } else {
    out_.push_back('"');
    AppendJsonEscaped(out_, value);
    out_.push_back('"');
  }
  LeafEnd(name);
}

void DocumentWriter::OptionalString(std::string_view name,
                                    const std::optional<std::string>& value) {
  if (value) {
    String(name, *value);
  } else {
    Null(name);
  }
}

void DocumentWriter::Integer(std::string_view name, std::int64_t value) {
  std::array<char, 24> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  RawLeaf(name, std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())));
}

void DocumentWriter::Number(std::string_view name, double value) {
  if (!std::isfinite(value)) {
    Null(name);
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  RawLeaf(name, std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())));
}

void DocumentWriter::Bool(std::string_view name, bool value) {
  RawLeaf(name, value ? "true" : "false");
}

void DocumentWriter::Null(std::string_view name) {
  RawLeaf(name, format_ == Format::kXml ? "" : "null");
}

void DocumentWriter::StringItem(std::string_view item, std::string_view value) {
  String(item, value);
}

std::string DocumentWriter::Finish() {
  while (depth_ > 0) {
    Close();
  }
  return std::move(out_);
}

}  // namespace frontdoor::api::open311
