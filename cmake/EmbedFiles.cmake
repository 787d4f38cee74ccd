# fd_embed_files(target DIR dir GLOB pattern... HEADER header NAMESPACE ns FUNCTION name):
# compiles every text file matching the patterns (relative to DIR, searched recursively) into
# the target as `std::span<const EmbeddedFile> ns::name()`, declared in HEADER, which must
# define `struct EmbeddedFile { std::string_view name; std::string_view text; };`. Names are
# paths relative to DIR ("partials/govuk_button.mustache"), in sorted order. The files stay
# ordinary files in the source tree and the binary needs none of them at run time.
function(fd_embed_files target)
  cmake_parse_arguments(ARG "" "DIR;HEADER;NAMESPACE;FUNCTION" "GLOB" ${ARGN})
  set(patterns "")
  foreach(pattern ${ARG_GLOB})
    list(APPEND patterns "${ARG_DIR}/${pattern}")
  endforeach()
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${patterns})
  list(SORT files)
  set(bodies "")
  set(entries "")
  set(index 0)
  foreach(file ${files})
    file(READ ${file} text)
    string(FIND "${text}" ")fdtext\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${file} contains the raw-string delimiter )fdtext\"")
    endif()
    file(RELATIVE_PATH name ${ARG_DIR} ${file})
    string(APPEND bodies "constexpr char kText${index}[] = R\"fdtext(${text})fdtext\";\n")
    string(APPEND entries "    {\"${name}\", {kText${index}, sizeof(kText${index}) - 1}},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_${ARG_FUNCTION}_files.cpp")
  # Written through a copy that only touches the output when it changed, so an unrelated
  # re-configure does not rebuild it. Not file(CONFIGURE): it would expand @x@ in the text.
  file(WRITE ${out}.tmp
"// Generated from ${ARG_DIR} by cmake/EmbedFiles.cmake. Do not edit.
#include <array>
#include <span>
#include \"${ARG_HEADER}\"
namespace ${ARG_NAMESPACE} {
namespace {
${bodies}
constexpr std::array<EmbeddedFile, ${index}> kFiles{{
${entries}}};
}  // namespace
std::span<const EmbeddedFile> ${ARG_FUNCTION}() { return kFiles; }
}  // namespace ${ARG_NAMESPACE}
")
  configure_file(${out}.tmp ${out} COPYONLY)
  target_sources(${target} PRIVATE ${out})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
endfunction()
