// The demo history generator. Cases are made day by day, oldest first: each day gets its
// share of N from the day's weight (season by service, weekday, holidays), then each case
// draws a channel (office channels only on working days, so that the overall mix still meets
// the targets), a service, a time of day typical of the channel, a place, a customer and its
// form answers, and finally its lifecycle (demo_lifecycle.cpp). References are numbered in
// time order within each year.
#include "frontdoor/app/demo_history.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/core/reference.hpp"

#include "demo_history_state.hpp"
#include "demo_lifecycle.hpp"

namespace frontdoor::app {
namespace {

using demo::Rng;
using demo::WeightedChoice;

constexpr int kDays = 730;  // two years, today included

struct ChannelShare {
  std::string_view name;
  double share;
  bool office_only;  // needs the Customer Hub open: phone lines, the front desk, the post room
};

// DOMAIN.md (h): the Hub handles about 70% of calls; the web form is the largest channel.
constexpr std::array<ChannelShare, 7> kChannels{{
    {"web", 0.45, false},
    {"phone", 0.35, true},
    {"email", 0.12, false},
    {"face_to_face", 0.05, true},
    {"webchat", 0.015, false},
    {"social", 0.01, false},
    {"letter", 0.005, true},
}};

// Local hour weights, 00:00 to 23:00.
using HourWeights = std::array<double, 24>;
constexpr HourWeights kOfficeHours{0,   0,   0,   0,   0,   0, 0, 0, 0.4, 1.4, 1.5, 1.3,
                                   1.0, 1.0, 1.2, 1.1, 0.8, 0, 0, 0, 0,   0,   0,   0};
constexpr HourWeights kPostHours{0,   0, 0, 0, 0, 0, 0, 0, 0, 1.5, 1.5, 1.0,
                                 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0,   0,   0};
// People report on the web after work: the evening peak is the busiest time.
constexpr HourWeights kWebHours{0.3, 0.15, 0.1, 0.08, 0.08, 0.1, 0.3, 0.7, 1.0, 1.1, 1.1, 1.1,
                                1.2, 1.2,  1.0, 1.0,  1.0,  1.1, 1.3, 1.5, 1.6, 1.5, 1.1, 0.6};
constexpr HourWeights kEmailHours{0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.4,
                                  0.9,  1.3,  1.3,  1.2,  1.0,  1.0,  1.1, 1.0,
                                  0.9,  0.7,  0.5,  0.5,  0.5,  0.4,  0.3, 0.15};

const HourWeights& HoursFor(std::string_view channel) {
  if (channel == "phone" || channel == "face_to_face") {
    return kOfficeHours;
  }
  if (channel == "letter") {
    return kPostHours;
  }
  if (channel == "email") {
    return kEmailHours;
  }
  return kWebHours;
}

// Monday first: demand piles up over the weekend and is reported on Monday.
constexpr std::array<double, 7> kWeekday{1.3, 1.15, 1.05, 1.0, 0.9, 0.45, 0.4};

double SeasonFactor(Season season, unsigned month) {
  static constexpr std::array<double, 12> kSpringSummer{0.7,  0.7,  0.9, 1.15, 1.3,  1.35,
                                                        1.35, 1.25, 1.0, 0.85, 0.75, 0.7};
  static constexpr std::array<double, 12> kAutumn{0.8, 0.7, 0.7, 0.75, 0.8, 0.85,
                                                  0.9, 1.0, 1.3, 1.6,  1.5, 1.1};
  static constexpr std::array<double, 12> kCollections{1.15, 0.95, 0.95, 1.0,  1.0,  0.95,
                                                       1.05, 1.0,  0.95, 0.95, 0.95, 1.1};
  static constexpr std::array<double, 12> kWinter{1.35, 1.25, 1.05, 0.9,  0.8, 0.75,
                                                  0.75, 0.8,  0.9,  1.05, 1.2, 1.3};
  const std::size_t m = month - 1;
  switch (season) {
    case Season::kFlat: return 1.0;
    case Season::kSpringSummer: return kSpringSummer.at(m);
    case Season::kAutumn: return kAutumn.at(m);
    case Season::kCollections: return kCollections.at(m);
    case Season::kWinter: return kWinter.at(m);
  }
  return 1.0;
}

}  // namespace

namespace {

date::year_month_day Ymd(charter::Date day) {
  return date::year_month_day{day};
}

bool IsCollectionsPeak(charter::Date day, const std::set<charter::Date>& holidays) {
  // Collections slip by a day after each bank holiday, and Christmas upsets every round.
  const auto ymd = Ymd(day);
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  if ((m == 12 && d >= 24) || (m == 1 && d <= 9)) {
    return true;
  }
  for (int back = 1; back <= 3; ++back) {
    if (holidays.contains(day - date::days(back))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<double> DemoHistoryGenerator::State::ServiceWeights(charter::Date day) const {
  const auto ymd = Ymd(day);
  const unsigned month = static_cast<unsigned>(ymd.month());
  const bool peak = IsCollectionsPeak(day, holidays);
  // The Eleventh Night bonfires leave streets to clean on 12 and 13 July.
  const bool bonfires = month == 7 && (ymd.day() == date::day(12) || ymd.day() == date::day(13));
  std::vector<double> weights;
  weights.reserve(services.size());
  for (const demo::ServiceInfo& s : services) {
    double w = s.demand->weight * SeasonFactor(s.demand->season, month);
    if (peak && s.demand->season == Season::kCollections) {
      w *= 2.2;
    }
    if (bonfires && s.cleansing) {
      w *= 3.0;
    }
    weights.push_back(w);
  }
  return weights;
}

double DemoHistoryGenerator::State::DayWeight(charter::Date day) const {
  const date::weekday wd{day};
  double factor = kWeekday.at((wd.c_encoding() + 6) % 7);
  if (holidays.contains(day)) {
    factor = 0.45;
  }
  double sum = 0;
  for (const double w : ServiceWeights(day)) {
    sum += w;
  }
  return sum * factor;
}

}  // namespace frontdoor::app

namespace frontdoor::app {
namespace {

// Days are counted in UTC, as references count years (usecase/cases.cpp).
charter::Date Today(Instant now) {
  return date::floor<date::days>(now);
}

std::size_t HourTableFor(std::string_view channel) {
  const HourWeights& hours = HoursFor(channel);
  if (&hours == &kOfficeHours) {
    return 0;
  }
  if (&hours == &kPostHours) {
    return 1;
  }
  if (&hours == &kWebHours) {
    return 2;
  }
  return 3;
}

}  // namespace

Instant DemoHistoryGenerator::State::CreatedAt(charter::Date day, std::string_view channel) {
  using std::chrono::hours;
  using std::chrono::microseconds;
  using std::chrono::seconds;
  const auto hour = static_cast<int>(hour_tables.at(HourTableFor(channel)).Pick(rng));
  // Local wall time to UTC with the day's offset at noon: exact except in the small hours
  // of the two Sundays when the clocks change, which is close enough for demo data.
  const auto noon = date::sys_seconds(day) + hours(12);
  const auto offset = calendar.zone()->get_info(noon).offset;
  const auto local = date::sys_seconds(day) + hours(hour) + seconds(rng.Between(0, 3599));
  return Instant(std::chrono::duration_cast<microseconds>((local - offset).time_since_epoch())) +
         microseconds(rng.Between(0, 999'999));
}

void DemoHistoryGenerator::State::MakeDay(std::size_t day_index, DemoBatch& batch) {
  const charter::Date day = days[day_index];
  const std::int64_t count = cases_per_day[day_index];
  const auto weights = ServiceWeights(day);
  const WeightedChoice choose_service(weights);
  const WeightedChoice& channels =
      calendar.IsWorkingDay(day) && !holidays.contains(day) ? open_channels : closed_channels;
  const demo::LifecycleContext context{calendar, options.now, catalogue.agent_ids,
                                       catalogue.officer_ids};
  std::vector<store::BulkCase> made(static_cast<std::size_t>(count));
  for (store::BulkCase& c : made) {
    const std::string_view channel = kChannels.at(channels.Pick(rng)).name;
    const demo::ServiceInfo* service = &services[choose_service.Pick(rng)];
    for (int tries = 0; tries < 8 && !service->channels.contains(channel); ++tries) {
      service = &services[choose_service.Pick(rng)];
    }
    Instant created = CreatedAt(day, channel);
    for (int tries = 0; tries < 20 && created >= options.now; ++tries) {
      created = CreatedAt(day, channel);  // today: only what has happened yet
    }
    if (created >= options.now) {
      created = options.now - std::chrono::seconds(rng.Between(1, 600));
    }
    FillCase(channel, *service, created, batch, c);
    const demo::CaseFacts facts{service->demand, service->target, service->record->code,
                                service->record->case_type == "request",
                                service->record->case_type == "compliment"};
    demo::LiveCase(rng, context, facts, c);
    AddClocks(*service->record, c);
  }
  std::stable_sort(made.begin(), made.end(),
                   [](const store::BulkCase& a, const store::BulkCase& b) {
                     return a.record.created_at < b.record.created_at;
                   });
  for (store::BulkCase& c : made) {
    const int year = static_cast<int>(Ymd(Today(c.record.created_at)).year());
    const std::int64_t sequence = ++catalogue.sequences[year];
    c.record.reference = FormatReference(options.reference_prefix, year, sequence);
    pending.push_back(std::move(c));
  }
}

DemoHistoryGenerator::DemoHistoryGenerator(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
DemoHistoryGenerator::DemoHistoryGenerator(DemoHistoryGenerator&&) noexcept = default;
DemoHistoryGenerator& DemoHistoryGenerator::operator=(DemoHistoryGenerator&&) noexcept = default;
DemoHistoryGenerator::~DemoHistoryGenerator() = default;

const std::map<int, std::int64_t>& DemoHistoryGenerator::sequences() const {
  return state_->catalogue.sequences;
}

bool DemoHistoryGenerator::Next(DemoBatch& batch) {
  State& s = *state_;
  batch.new_customers.clear();
  batch.cases.clear();
  batch.first_customer_index = s.customers;
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(1, s.options.batch_cases));
  while (batch.cases.size() < limit) {
    if (s.pending_from < s.pending.size()) {
      batch.cases.push_back(std::move(s.pending[s.pending_from++]));
      continue;
    }
    s.pending.clear();
    s.pending_from = 0;
    if (s.next_day >= s.days.size()) {
      break;
    }
    s.MakeDay(s.next_day++, batch);
  }
  return !batch.cases.empty();
}

namespace {

// Services as the generator uses them: the council's own, each with its demand profile.
Result<void> PrepareServices(DemoHistoryGenerator::State& s) {
  s.demo_services = DemoServices();
  // A service an administrator added has no demand profile: give it a small, plain one.
  for (const store::ServiceRecord& record : s.catalogue.services) {
    const bool known =
        std::any_of(s.demo_services.begin(), s.demo_services.end(),
                    [&](const DemoService& d) { return d.input.code == record.code; });
    if (!known) {
      DemoService plain;
      plain.input.code = record.code;
      plain.demand = {0.5, Season::kFlat, {"Reported to the council"}, {}, "Dealt with."};
      s.demo_services.push_back(std::move(plain));
    }
  }
  const auto cleansing = CleansingServiceCodes();
  for (const store::ServiceRecord& record : s.catalogue.services) {
    if (record.signpost || !record.active) {
      continue;
    }
    demo::ServiceInfo info;
    info.record = &record;
    for (const DemoService& d : s.demo_services) {
      if (d.input.code == record.code) {
        info.demand = &d.demand;
      }
    }
    if (info.demand->weight <= 0 || info.demand->descriptions.empty()) {
      continue;
    }
    for (const charter::Standard& standard : s.standards) {
      if (record.resolve_standard && standard.code == *record.resolve_standard) {
        info.target = standard.target;
      }
    }
    info.located = record.case_type == "request";
    info.cleansing = std::find(cleansing.begin(), cleansing.end(), record.code) != cleansing.end();
    info.channels.insert(record.channels.begin(), record.channels.end());
    s.services.push_back(std::move(info));
  }
  if (s.services.empty()) {
    return Error::Invalid("services",
                          "No council service to raise cases for: seed the demo catalogue first");
  }
  return {};
}

// Shares of N per day, rounded so that they add up to N exactly.
void PlanDays(DemoHistoryGenerator::State& s) {
  const charter::Date today = Today(s.options.now);
  for (int back = kDays - 1; back >= 0; --back) {
    s.days.push_back(today - date::days(back));
  }
  const int first_year = static_cast<int>(Ymd(s.days.front()).year());
  const int last_year = static_cast<int>(Ymd(today).year());
  for (const auto& holiday : charter::NorthernIrelandHolidays(first_year, last_year)) {
    s.holidays.insert(holiday.date);
  }
  std::vector<double> weights;
  double closed = 0;
  for (const charter::Date day : s.days) {
    weights.push_back(s.DayWeight(day));
    if (!s.calendar.IsWorkingDay(day) || s.holidays.contains(day)) {
      closed += weights.back();
    }
  }
  // Today only as far as it has gone.
  const auto elapsed = s.options.now - date::sys_days(today);
  weights.back() *= static_cast<double>(elapsed.count()) / 86400e6;
  double total = 0;
  for (const double w : weights) {
    total += w;
  }
  double cumulative = 0;
  std::int64_t given = 0;
  for (const double w : weights) {
    cumulative += w;
    const auto upto = static_cast<std::int64_t>(
        std::llround(static_cast<double>(s.options.cases) * cumulative / total));
    s.cases_per_day.push_back(upto - given);
    given = upto;
  }
  s.cases_per_day.back() += s.options.cases - given;

  // Office channels only run on working days, so they take a larger share of those days
  // for the whole history to keep the target mix.
  const double closed_share = total > 0 ? closed / total : 0;
  double anytime = 0;
  for (const ChannelShare& c : kChannels) {
    anytime += c.office_only ? 0 : c.share;
  }
  std::vector<double> open;
  std::vector<double> shut;
  for (const ChannelShare& c : kChannels) {
    if (c.office_only) {
      open.push_back(c.share / (1 - closed_share));
      shut.push_back(0);
    } else {
      open.push_back(c.share * (1 - closed_share / anytime) / (1 - closed_share));
      shut.push_back(c.share / anytime);
    }
  }
  s.open_channels.Reset(open);
  s.closed_channels.Reset(shut);
  s.hour_tables[0].Reset(kOfficeHours);
  s.hour_tables[1].Reset(kPostHours);
  s.hour_tables[2].Reset(kWebHours);
  s.hour_tables[3].Reset(kEmailHours);
  // Some wards report far more than others.
  std::vector<double> ward_weights;
  for (std::size_t i = 0; i < BelfastWards().size(); ++i) {
    ward_weights.push_back(s.rng.Uniform(0.5, 1.8));
  }
  s.wards.Reset(ward_weights);
}

}  // namespace

Result<DemoHistoryGenerator> DemoHistoryGenerator::Create(
    DemoHistoryOptions options, DemoHistoryCatalogue catalogue,
    const charter::WorkingCalendar& calendar, std::vector<charter::Standard> standards) {
  if (options.cases < 0) {
    return Error::Invalid("cases", "The number of cases must be 0 or more");
  }
  auto state = std::make_unique<State>(std::move(options), std::move(catalogue), calendar,
                                       std::move(standards));
  if (auto ready = PrepareServices(*state); !ready) {
    return ready.error();
  }
  PlanDays(*state);
  return DemoHistoryGenerator(std::move(state));
}

}  // namespace frontdoor::app
