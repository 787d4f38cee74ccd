// libFuzzer target for knowledge-base Markdown (usecase::RenderMarkdown, MarkdownText): an
// article's body is written by staff but shown to the public, so a hostile or careless body
// must never put script into our pages. Promises: both outputs are valid UTF-8; the HTML
// has no raw <script>, <iframe>, <object> or <style> element and no link or image whose
// URL runs script.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "frontdoor/usecase/knowledge.hpp"

#include "fuzz_check.hpp"

namespace {

using frontdoor::fuzz::Check;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  const auto html = frontdoor::usecase::RenderMarkdown(markdown);
  Check(frontdoor::IsValidUtf8(html), "the HTML is valid UTF-8");
  const auto lower = Lower(html);
  for (const std::string_view element : {"<script", "<iframe", "<object", "<embed", "<style"}) {
    Check(lower.find(element) == std::string::npos, "no element that runs or restyles the page");
  }
  for (const std::string_view url :
       {"href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "href=\"data:"}) {
    Check(lower.find(url) == std::string::npos, "no link or image that runs script");
  }
  const auto text = frontdoor::usecase::MarkdownText(markdown);
  Check(frontdoor::IsValidUtf8(text), "the plain text is valid UTF-8");
  return 0;
}
