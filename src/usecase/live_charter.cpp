#include "frontdoor/usecase/live_charter.hpp"

#include <utility>

#include "frontdoor/store/charter.hpp"
#include "frontdoor/usecase/charter.hpp"

namespace frontdoor::usecase {
namespace {

Result<std::int64_t> ReadVersion(store::Store& store) {
  return store::ReadValue<std::int64_t>(
      store, [](store::ReadTx& tx) { return store::Calendars(tx).CharterVersion(); });
}

}  // namespace

Result<CharterSnapshot> LoadCharterSnapshot(store::Store& store) {
  auto data = LoadCharter(store);
  if (!data) {
    return data.error();
  }
  if (data->default_calendar.empty()) {
    return Error::NotFound("No calendar is stored");
  }
  auto calendar = data->BuildCalendar(std::nullopt);
  if (!calendar) {
    return calendar.error();
  }
  return CharterSnapshot{std::move(*calendar), std::move(data->standards), true, 0};
}

Result<std::unique_ptr<LiveCharter>> LiveCharter::Open(store::Store& store, CharterLoader load) {
  // The version first: a change committed between the two reads is then in the data but not
  // in the version, so the next Refresh reads it again rather than missing it.
  auto version = ReadVersion(store);
  if (!version) {
    return version.error();
  }
  auto first = load(store);
  if (!first) {
    return first.error();
  }
  first->version = *version;
  return std::make_unique<LiveCharter>(store, std::move(load), std::move(*first));
}

LiveCharter::LiveCharter(store::Store& store, CharterLoader load, CharterSnapshot first)
    : store_(store),
      load_(std::move(load)),
      current_(std::make_shared<const CharterSnapshot>(std::move(first))) {}

std::shared_ptr<const CharterSnapshot> LiveCharter::Current() const {
  return current_.load(std::memory_order_acquire);
}

Result<bool> LiveCharter::Refresh() {
  const std::lock_guard lock(refreshing_);
  auto version = ReadVersion(store_);
  if (!version) {
    return version.error();
  }
  if (*version == Current()->version) {
    return false;
  }
  auto next = load_(store_);
  if (!next) {
    return next.error();
  }
  next->version = *version;
  Replace(std::move(*next));
  return true;
}

void LiveCharter::Replace(CharterSnapshot next) {
  // Built whole before the store, so a reader gets the old snapshot or the new one.
  current_.store(std::make_shared<const CharterSnapshot>(std::move(next)),
                 std::memory_order_release);
}

CharterInUse::CharterInUse(const CaseContext& ctx)
    : held_(ctx.live_charter != nullptr ? ctx.live_charter->Current() : nullptr),
      calendar_(held_ ? &held_->calendar : &ctx.calendar),
      standards_(held_ ? &held_->standards : &ctx.standards) {}

}  // namespace frontdoor::usecase
