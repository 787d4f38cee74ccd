// Markdown through cmark-gfm, the reference GitHub-flavoured implementation. Safety comes
// from CMARK_OPT_DEFAULT without CMARK_OPT_UNSAFE: raw HTML becomes a comment and links or
// images with javascript:, vbscript:, file: or data: (other than images) URLs lose them;
// the tagfilter extension also disarms <script>, <iframe> and the like in any HTML left.
#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::usecase {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct CharDeleter {
  void operator()(char* text) const { std::free(text); }  // NOLINT: cmark allocates with malloc
};

constexpr std::array kExtensions = {"table", "strikethrough", "autolink", "tagfilter"};

enum class Output { kHtml, kText };

std::string Render(std::string_view markdown, Output output) {
  // Registration fills a global list: once, before any parser runs.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  // cmark copies invalid UTF-8 through unless asked to replace it with U+FFFD (found by
  // tests/fuzz/markdown_fuzz.cpp); our pages and the index take only valid UTF-8.
  std::unique_ptr<cmark_parser, ParserDeleter> parser(
      cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  std::unique_ptr<char, CharDeleter> rendered(
      output == Output::kHtml ? cmark_render_html(document.get(), CMARK_OPT_DEFAULT,
                                                  cmark_parser_get_syntax_extensions(parser.get()))
                              : cmark_render_plaintext(document.get(), CMARK_OPT_DEFAULT, 0));
  std::string out = rendered ? std::string(rendered.get()) : std::string();
  // The plain-text renderer encodes U+FFFE and U+FFFF as the single bytes 0xFE and 0xFF (a
  // quirk of the utf8proc code cmark carries), which are never UTF-8: found by
  // tests/fuzz/markdown_fuzz.cpp. No other path writes those bytes.
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) >= 0xFE) {
      out.replace(i, 1, "\xEF\xBF\xBD");
      i += 2;
    }
  }
  return out;
}

}  // namespace

std::string RenderMarkdown(std::string_view markdown) {
  return Render(markdown, Output::kHtml);
}

std::string MarkdownText(std::string_view markdown) {
  return Render(markdown, Output::kText);
}

}  // namespace frontdoor::usecase
