// The charter a server counts deadlines with, replaced while it serves rather than read once
// at start: an immutable snapshot (the default working calendar with its closed days, and the
// active standards) behind an atomic shared pointer. Readers take the current snapshot with
// one atomic load and keep it for as long as they use it, so they never see half of a change
// and never wait for one. A new snapshot is built after each change made through the charter
// use cases on this node, and after a change seen in the charter's version row (migration
// 0030), which the triggers move in the change's own transaction, so a change made by another
// node or by the CLI is picked up by the next periodic check. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::usecase {

struct CharterSnapshot {
  charter::WorkingCalendar calendar;         // the default calendar, closed days included
  std::vector<charter::Standard> standards;  // active ones, by code
  bool from_database = false;                // false: a built-in charter (nothing stored yet)
  std::int64_t version = 0;                  // the charter version it was read at
};

// Builds a snapshot from the store (its version is set by the caller). The server's loader
// falls back to a built-in charter while the database has none.
using CharterLoader = std::function<Result<CharterSnapshot>(store::Store&)>;

// The stored default calendar and active standards. kNotFound when no calendar is stored.
Result<CharterSnapshot> LoadCharterSnapshot(store::Store& store);

class LiveCharter {
 public:
  // Reads the version, then the charter through `load`. Errors are the store's or the
  // loader's. `store` outlives the result.
  static Result<std::unique_ptr<LiveCharter>> Open(store::Store& store, CharterLoader load);
  LiveCharter(store::Store& store, CharterLoader load, CharterSnapshot first);
  LiveCharter(const LiveCharter&) = delete;
  LiveCharter& operator=(const LiveCharter&) = delete;

  // The snapshot in force. Never null. One atomic load: cheap enough for every create.
  [[nodiscard]] std::shared_ptr<const CharterSnapshot> Current() const;

  // Reads the version row and, when it differs from the current snapshot's, builds and
  // installs a new snapshot. True when it replaced the snapshot. On an error the current
  // snapshot stays in force and its version unchanged, so the next call tries again.
  Result<bool> Refresh();

  // Installs `next` as it is (tests, and Refresh).
  void Replace(CharterSnapshot next);

 private:
  store::Store& store_;
  CharterLoader load_;
  // Only refreshes take it, so that two of them never install an older snapshot over a newer
  // one; readers never do.
  std::mutex refreshing_;
  std::atomic<std::shared_ptr<const CharterSnapshot>> current_;
};

// What a case use case counts with: the live charter's snapshot when its context has one
// (held until this object goes), or else the context's own calendar and standards. Take one
// per use case so that a due date and the clocks of one case agree.
class CharterInUse {
 public:
  explicit CharterInUse(const CaseContext& ctx);
  [[nodiscard]] const charter::WorkingCalendar& calendar() const { return *calendar_; }
  [[nodiscard]] const std::vector<charter::Standard>& standards() const { return *standards_; }

 private:
  std::shared_ptr<const CharterSnapshot> held_;
  const charter::WorkingCalendar* calendar_;
  const std::vector<charter::Standard>* standards_;
};

// Refreshes `live` after a change a charter use case committed (null: nothing to do). A
// failed refresh is not the change's failure: the change is stored, and the periodic check
// sees its version.
template <class T>
Result<T> RefreshAfter(LiveCharter* live, Result<T> changed) {
  if (changed && live != nullptr) {
    static_cast<void>(live->Refresh());
  }
  return changed;
}

}  // namespace frontdoor::usecase
