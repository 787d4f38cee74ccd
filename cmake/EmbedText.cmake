# fd_embed_text(target FILE path HEADER header NAMESPACE ns FUNCTION name): compiles the text
# of FILE into the target as `std::string_view ns::name()`, declared in HEADER (included by
# the generated file so the two cannot drift). The text stays a normal file in the source
# tree (reviewable, checkable by other tools) and the binary needs no file at run time.
function(fd_embed_text target)
  cmake_parse_arguments(ARG "" "FILE;HEADER;NAMESPACE;FUNCTION" "" ${ARGN})
  file(READ ${ARG_FILE} text)
  string(FIND "${text}" ")fdtext\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${ARG_FILE} contains the raw-string delimiter )fdtext\"")
  endif()
  get_filename_component(base ${ARG_FILE} NAME_WE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_${base}_text.cpp")
  # file(WRITE) then a copy that only touches the output when it changed, so an unrelated
  # re-configure does not rebuild it. Not file(CONFIGURE): it would expand @x@ in the text.
  file(WRITE ${out}.tmp
"// Generated from ${ARG_FILE} by cmake/EmbedText.cmake. Do not edit.
#include \"${ARG_HEADER}\"
namespace ${ARG_NAMESPACE} {
namespace {
constexpr char kText[] = R\"fdtext(${text})fdtext\";
}  // namespace
std::string_view ${ARG_FUNCTION}() { return {kText, sizeof(kText) - 1}; }
}  // namespace ${ARG_NAMESPACE}
")
  configure_file(${out}.tmp ${out} COPYONLY)
  target_sources(${target} PRIVATE ${out})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_FILE})
endfunction()
