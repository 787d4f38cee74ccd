// Files compiled into the binary by cmake/EmbedFiles.cmake: the templates and the
// translation catalogues. Private to the web module.
#pragma once

#include <span>
#include <string_view>

namespace frontdoor::web {

struct EmbeddedFile {
  std::string_view name;  // relative to its folder, e.g. "partials/govuk_input.mustache"
  std::string_view text;
};

std::span<const EmbeddedFile> TemplateFiles();  // templates/**/*.mustache
std::span<const EmbeddedFile> LocaleFiles();    // locale/*.po

}  // namespace frontdoor::web
