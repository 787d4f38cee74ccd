// Private to the app module: the life of one demo case, from creation to closure, as the
// events the use cases would have written, cut at `now`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/store/bulk.hpp"

#include "demo_random.hpp"

namespace frontdoor::app::demo {

struct LifecycleContext {
  const charter::WorkingCalendar& calendar;
  Instant now;
  const std::vector<std::int64_t>& agent_ids;
  const std::vector<std::int64_t>& officer_ids;
};

struct CaseFacts {
  const DemoDemand* demand = nullptr;
  std::optional<charter::Target> target;  // the service's resolution standard
  std::string service_code;
  bool is_request = true;  // requests are worked on the ground; enquiries answered
  bool is_compliment = false;
};

// "staff:<id>" of one of `ids`, or "system" when there are none.
std::string StaffActor(Rng& rng, const std::vector<std::int64_t>& ids);

// Fills the events of c (whose record has created_at, channel, source, team_id,
// customer_id and due_at set) and the record's status, status_notes, assignee_id,
// updated_at and closed_at as they stand at ctx.now. Events are in time order, none after now.
void LiveCase(Rng& rng, const LifecycleContext& ctx, const CaseFacts& facts, store::BulkCase& c);

}  // namespace frontdoor::app::demo
