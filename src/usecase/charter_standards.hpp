// Between stored standards and the engine's. Private to the use cases.
#pragma once

#include "frontdoor/store/charter.hpp"
#include "frontdoor/usecase/charter.hpp"

namespace frontdoor::usecase {

// kInternal when the row names a measure or unit this build does not know.
Result<StandardEntry> FromRecord(const store::StandardRecord& record);

}  // namespace frontdoor::usecase
