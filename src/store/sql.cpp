#include "frontdoor/store/sql.hpp"

namespace frontdoor::store {

std::optional<std::string> SqlRow::OptionalString(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return String(column);
}

std::optional<std::int64_t> SqlRow::OptionalInt(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

}  // namespace frontdoor::store
