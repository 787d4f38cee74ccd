// One Open311 document written as XML or as JSON from the same calls, so that the two
// formats cannot drift apart: the "Spark convention" of the Open311 wiki by construction.
// The XML root disappears in JSON; a list container becomes a JSON array (even with 0 or 1
// items); a record becomes an object; leaves become scalars. Not thread-safe: one writer
// per response.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace frontdoor::api::open311 {

enum class Format { kXml, kJson };

// The first bytes of every XML response; strict parsers reject anything before them.
inline constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0" encoding="utf-8"?>)";

// Element names are kept by reference until Finish: pass string literals.
class DocumentWriter {
 public:
  explicit DocumentWriter(Format format, std::size_t reserve_bytes = 1024);

  // The document root: a list of items (JSON array) or a single record (JSON object).
  void BeginRootList(std::string_view root);
  void BeginRootRecord(std::string_view root);
  // A record inside the current list: <item>...</item> or {...}.
  void BeginItem(std::string_view item);
  void EndItem();
  // A list inside the current record: <name>...</name> or "name":[...].
  void BeginList(std::string_view name);
  void EndList();

  // Leaves of the current record. An absent value is an empty element or JSON null.
  void String(std::string_view name, std::string_view value);
  void OptionalString(std::string_view name, const std::optional<std::string>& value);
  void Integer(std::string_view name, std::int64_t value);
  // Shortest text that reads back as the same double; null when not finite.
  void Number(std::string_view name, double value);
  void Bool(std::string_view name, bool value);
  void Null(std::string_view name);
  // A plain string item of the current list: <item>value</item> or "value".
  void StringItem(std::string_view item, std::string_view value);

  // Closes what is open and returns the document.
  [[nodiscard]] std::string Finish();

 private:
  struct Frame {
    std::string_view name;
    bool is_list = false;
    bool has_members = false;
  };
  static constexpr std::size_t kMaxDepth = 8;

  void Open(std::string_view name, bool is_list, bool json_keyed);
  void Close();
  // Writes the separator and key (JSON) or the opening tag (XML) of a leaf.
  void LeafStart(std::string_view name);
  void LeafEnd(std::string_view name);
  void RawLeaf(std::string_view name, std::string_view text);

  Format format_;
  std::string out_;
  std::array<Frame, kMaxDepth> stack_{};
  std::size_t depth_ = 0;
};

// Appends `text` escaped for XML character data. Characters XML 1.0 cannot hold (controls
// other than tab, line feed and carriage return) are dropped; CR becomes "&#13;" so that a
// parser's line-end normalisation does not lose it.
void AppendXmlEscaped(std::string& out, std::string_view text);
// Appends `text` escaped for the inside of a JSON string (RFC 8259 section 7).
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace frontdoor::api::open311
