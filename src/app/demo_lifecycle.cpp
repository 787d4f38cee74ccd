// A demo case's life. The shape follows what the case use cases write (usecase/cases.cpp):
// "created" then "routed" by the system, public "status" events carrying the new status,
// "assigned" with the assignee, internal "note"s, "public_update"s, and a customer's
// "customer_comment" that reopens a resolved case. Durations are drawn relative to the
// charter target so that most cases meet it and a long tail does not.
#include "demo_lifecycle.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::app::demo {
namespace {

using std::chrono::microseconds;

constexpr std::array<std::string_view, 8> kInternalNotes{
    "Called the customer, no answer; voicemail left",
    "Crew reported access blocked by parked cars",
    "Spoke to the customer to confirm the location",
    "Passed to the area supervisor",
    "Photos checked, priority confirmed",
    "Duplicate contact from a neighbour noted",
    "Customer rang for an update",
    "Awaiting vehicle availability at the depot"};

constexpr std::array<std::string_view, 4> kStillNotFixed{
    "This has not been fixed, it is still there", "Still waiting, nothing has changed",
    "The problem is back again", "Marked as done but nobody came"};

struct Step {
  Instant at;
  store::CaseEventRecord event;
};

class Timeline {
 public:
  Timeline(Rng& rng, const LifecycleContext& ctx) : rng_(rng), ctx_(ctx) {}

  // `hours` of opening time after `from` (a reply "within 2 working days" counts on it).
  Instant AfterWorkingHours(Instant from, double hours) const {
    auto at = ctx_.calendar.AddWorkingHours(
        from, microseconds(static_cast<std::int64_t>(hours * 3600e6)));
    return at ? *at : from + microseconds(static_cast<std::int64_t>(hours * 3600e6));
  }
  static Instant Between(Instant a, Instant b, double fraction) {
    return a +
           microseconds(static_cast<std::int64_t>(static_cast<double>((b - a).count()) * fraction));
  }

  void Add(Instant at, std::string kind, std::string actor, bool is_public,
           std::optional<std::string> status = std::nullopt,
           std::optional<std::string> body = std::nullopt,
           std::optional<std::string> data = std::nullopt) {
    store::CaseEventRecord e;
    e.at = at;
    e.kind = std::move(kind);
    e.actor = std::move(actor);
    e.is_public = is_public;
    e.status = std::move(status);
    e.body = std::move(body);
    e.data = std::move(data);
    steps_.push_back({at, std::move(e)});
  }

  std::string Officer() { return StaffActor(rng_, ctx_.officer_ids); }
  std::string Agent() { return StaffActor(rng_, ctx_.agent_ids); }
  Rng& rng() { return rng_; }

  // Keeps what happened by `now`, in time order, and brings the record up to date.
  void Apply(store::BulkCase& c) {
    std::stable_sort(steps_.begin(), steps_.end(),
                     [](const Step& a, const Step& b) { return a.at < b.at; });
    Instant last = c.record.created_at;
    for (Step& step : steps_) {
      // Events at one instant keep their order; none before the one it follows.
      step.at = std::max(step.at, last);
      if (step.at > ctx_.now) {
        break;
      }
      last = step.at;
      step.event.at = step.at;
      const auto& e = step.event;
      if (e.status) {
        if (auto status = ParseCaseStatus(*e.status)) {
          c.record.status = *status;
        }
        c.record.closed_at = IsOpen(c.record.status) ? std::nullopt : std::optional(step.at);
      }
      if (e.is_public && e.body) {
        c.record.status_notes = e.body;
      }
      if (e.kind == "assigned") {
        c.record.assignee_id = pending_assignee_;
      }
      c.record.updated_at = step.at;
      c.events.push_back(std::move(step.event));
    }
  }

  std::optional<std::int64_t> pending_assignee_;

 private:
  Rng& rng_;
  const LifecycleContext& ctx_;
  std::vector<Step> steps_;
};

// Working hours to resolve: 80% within the target, 15% up to 2.5 times it, 5% far beyond.
double HoursToResolve(Rng& rng, double target_days) {
  const double u = rng.Uniform();
  double factor = 0;
  if (u < 0.80) {
    factor = rng.Uniform(0.05, 1.0);
  } else if (u < 0.95) {
    factor = rng.Uniform(1.0, 2.5);
  } else {
    factor = rng.Uniform(2.5, 14.0);
  }
  return factor * target_days * 8.0;
}

std::string CreatedData(const store::CaseRecord& r, const std::string& service_code,
                        const date::time_zone* zone) {
  std::string data = R"({"service_code":")" + service_code + R"(","channel":")" + r.channel + '"';
  if (r.due_at) {
    data += R"(,"due_at":")" + charter::FormatIso8601(*r.due_at, zone) + '"';
  }
  return data + '}';
}

}  // namespace

std::string StaffActor(Rng& rng, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) {
    return "system";
  }
  return "staff:" + std::to_string(rng.Pick(ids));
}

void LiveCase(Rng& rng, const LifecycleContext& ctx, const CaseFacts& facts, store::BulkCase& c) {
  store::CaseRecord& r = c.record;
  Timeline t(rng, ctx);
  const Instant created = r.created_at;
  t.Add(created, "created", r.source, false, "new", std::nullopt,
        CreatedData(r, facts.service_code, nullptr));
  if (r.team_id) {
    t.Add(created + std::chrono::seconds(rng.Between(1, 40)), "routed", "system", false,
          std::nullopt, std::nullopt, R"({"team_id":)" + std::to_string(*r.team_id) + '}');
  }
  // Calls and visits are logged by the agent as they happen; written contacts wait in a queue.
  const bool in_person = r.channel == "phone" || r.channel == "face_to_face";
  const Instant acknowledged = in_person ? created + std::chrono::seconds(rng.Between(60, 600))
                                         : t.AfterWorkingHours(created, rng.Uniform(0.1, 9.0));
  const std::string agent = t.Agent();
  t.Add(acknowledged, "status", agent, true, "acknowledged");

  const double target_days = facts.target && facts.target->unit == charter::TargetUnit::kWorkingDays
                                 ? facts.target->amount
                                 : 5.0;
  Instant resolved = facts.is_compliment
                         ? t.AfterWorkingHours(acknowledged, rng.Uniform(0.5, 8))
                         : t.AfterWorkingHours(created, HoursToResolve(rng, target_days));
  resolved = std::max(resolved, acknowledged + std::chrono::minutes(rng.Between(5, 90)));
  const std::string officer = t.Officer();

  if (!facts.is_compliment) {
    if (!ctx.officer_ids.empty() && rng.Chance(facts.is_request ? 0.45 : 0.2)) {
      const Instant at = t.AfterWorkingHours(acknowledged, rng.Uniform(0.2, 3.0));
      if (at < resolved) {
        const std::int64_t assignee = rng.Pick(ctx.officer_ids);
        t.pending_assignee_ = assignee;
        t.Add(at, "assigned", agent, false, std::nullopt, std::nullopt,
              R"({"assignee_id":)" + std::to_string(assignee) + '}');
      }
    }
    const Instant in_progress = Timeline::Between(acknowledged, resolved, rng.Uniform(0.1, 0.4));
    t.Add(in_progress, "status", officer, true, "in_progress");
    // Some cases wait days for the customer (access to a yard, a photo, a diary sheet); the
    // charter clock stops meanwhile, and the work finishes that much later.
    if (rng.Chance(0.15)) {
      const Instant waiting = Timeline::Between(in_progress, resolved, rng.Uniform(0.1, 0.4));
      const Instant answered = t.AfterWorkingHours(waiting, rng.Uniform(3, 15) * 8);
      resolved += answered - waiting;
      t.Add(waiting, "status", officer, true, "awaiting_customer",
            "We need a little more information from you: we have been in touch.");
      t.Add(answered, "status", officer, true, "in_progress");
    }
    if (rng.Chance(0.35)) {
      t.Add(Timeline::Between(in_progress, resolved, rng.Uniform(0.05, 0.95)), "note", officer,
            false, std::nullopt, std::string(rng.Pick(kInternalNotes)));
    }
    if (!facts.demand->progress_notes.empty() && rng.Chance(0.25)) {
      t.Add(Timeline::Between(in_progress, resolved, rng.Uniform(0.3, 0.8)), "public_update",
            officer, true, std::nullopt, rng.Pick(facts.demand->progress_notes));
    }
  }
  t.Add(resolved, "status", officer, true, "resolved", facts.demand->resolution);

  Instant settled = resolved;
  if (facts.is_request && rng.Chance(0.08)) {
    // The customer says it is not fixed: the comment reopens the case, the crew goes back,
    // though a reopened case can sit for weeks before anyone does.
    const Instant comment = resolved + std::chrono::hours(rng.Between(6, 24 * 8));
    // Through the portal, or by phone to an agent, who keys the comment in.
    const std::string customer = r.channel == "web" ? std::string("portal") : t.Agent();
    t.Add(comment, "customer_comment", customer, false, "reopened",
          std::string(rng.Pick(kStillNotFixed)));
    t.Add(comment, "status", customer, true, "reopened", "Reopened at the customer's request");
    const double days = rng.Chance(0.3) ? rng.Uniform(20, 80) : rng.Uniform(0.5, 8);
    settled = t.AfterWorkingHours(comment, days * 8);
    t.Add(settled, "status", officer, true, "resolved", "Revisited: " + facts.demand->resolution);
  }
  // Resolved cases close by themselves after a fortnight without complaint (most of them).
  if (rng.Chance(0.85)) {
    t.Add(settled + std::chrono::hours(rng.Between(24 * 10, 24 * 21)), "status", "system", true,
          "closed");
  }
  t.Apply(c);
}

}  // namespace frontdoor::app::demo
