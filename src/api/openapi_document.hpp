// The OpenAPI 3.0.3 document of the staff API, embedded from openapi/staff_v1.json at build
// time (cmake/EmbedText.cmake). Kept as a JSON file rather than built in code: it is mostly
// prose and schemas, reads and diffs better as JSON, and other tools can check it as it is.
#pragma once

#include <string_view>

namespace frontdoor::api {

[[nodiscard]] std::string_view StaffOpenApiJson();

}  // namespace frontdoor::api
