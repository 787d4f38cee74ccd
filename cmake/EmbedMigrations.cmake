# fd_embed_migrations(target DIR dir NAMESPACE ns): compiles every NNNN_name.sql in DIR
# into the target as `std::span<const frontdoor::store::Migration> ns::Migrations()`.
function(fd_embed_migrations target)
  cmake_parse_arguments(ARG "" "DIR;NAMESPACE" "" ${ARGN})
  file(GLOB sql_files CONFIGURE_DEPENDS "${ARG_DIR}/*.sql")
  list(SORT sql_files)
  set(entries "")
  set(bodies "")
  set(index 0)
  foreach(file ${sql_files})
    get_filename_component(base ${file} NAME_WE)
    string(REGEX MATCH "^([0-9]+)_(.*)$" _ ${base})
    math(EXPR version "${CMAKE_MATCH_1}")
    file(READ ${file} sql)
    string(APPEND bodies "constexpr char kSql${index}[] = R\"fdsql(${sql})fdsql\";\n")
    string(APPEND entries "    {${version}, \"${CMAKE_MATCH_2}\", kSql${index}},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp")
  file(CONFIGURE OUTPUT ${out} CONTENT
"// Generated from ${ARG_DIR} by cmake/EmbedMigrations.cmake. Do not edit.
#include <array>
#include <span>
#include \"frontdoor/store/migrations.hpp\"
namespace ${ARG_NAMESPACE} {
namespace {
${bodies}
constexpr std::array<frontdoor::store::Migration, ${index}> kMigrations{{
${entries}}};
}  // namespace
std::span<const frontdoor::store::Migration> Migrations() { return kMigrations; }
}  // namespace ${ARG_NAMESPACE}
")
  target_sources(${target} PRIVATE ${out})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sql_files})
endfunction()
