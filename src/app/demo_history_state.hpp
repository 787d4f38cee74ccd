// Private to the app module: the state of a DemoHistoryGenerator, shared by the file that
// plans the days (demo_history.cpp) and the one that fills in each case (demo_case.cpp).
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/app/demo_history.hpp"

#include "demo_random.hpp"

namespace frontdoor::app {

namespace demo {

struct ServiceInfo {
  const store::ServiceRecord* record = nullptr;
  const DemoDemand* demand = nullptr;
  std::optional<charter::Target> target;  // of the service's resolve_standard
  bool located = false;                   // reported at a place (requests)
  bool cleansing = false;                 // routed to an area team by ward
  std::set<std::string, std::less<>> channels;
};

}  // namespace demo

struct DemoHistoryGenerator::State {
  State(DemoHistoryOptions options_in, DemoHistoryCatalogue catalogue_in,
        charter::WorkingCalendar calendar_in, std::vector<charter::Standard> standards_in)
      : options(std::move(options_in)),
        catalogue(std::move(catalogue_in)),
        calendar(std::move(calendar_in)),
        standards(std::move(standards_in)),
        rng(options.seed) {}

  DemoHistoryOptions options;
  DemoHistoryCatalogue catalogue;
  charter::WorkingCalendar calendar;
  std::vector<charter::Standard> standards;
  std::vector<DemoService> demo_services;  // owns the demand the services point to
  std::vector<demo::ServiceInfo> services;
  demo::Rng rng;

  std::vector<charter::Date> days;  // the window, oldest first
  std::vector<std::int64_t> cases_per_day;
  std::size_t next_day = 0;
  std::vector<store::BulkCase> pending;  // made but not yet handed out
  std::size_t pending_from = 0;
  std::int64_t customers = 0;  // customers made so far
  std::set<charter::Date> holidays;
  demo::WeightedChoice open_channels;    // working days
  demo::WeightedChoice closed_channels;  // weekends and holidays
  demo::WeightedChoice wards;
  std::array<demo::WeightedChoice, 4> hour_tables;  // office, post, web, email

  // Planning (demo_history.cpp).
  [[nodiscard]] std::vector<double> ServiceWeights(charter::Date day) const;
  [[nodiscard]] double DayWeight(charter::Date day) const;
  void MakeDay(std::size_t day_index, DemoBatch& batch);
  [[nodiscard]] Instant CreatedAt(charter::Date day, std::string_view channel);

  // One case (demo_case.cpp): everything but the reference and lifecycle.
  void FillCase(std::string_view channel, const demo::ServiceInfo& service, Instant created,
                DemoBatch& batch, store::BulkCase& c);
  // A customer index for a contact by `channel`, new or repeat; nullopt for an anonymous one.
  std::optional<std::int64_t> Customer(std::string_view channel,
                                       const store::CaseRecord& first_case, DemoBatch& batch);
  void Place(const demo::ServiceInfo& service, store::CaseRecord& r);
  frontdoor::Answers FormAnswers(const store::ServiceRecord& service, Instant created);
  // After the lifecycle: the case's SLA clocks as the live path would have left them.
  void AddClocks(const store::ServiceRecord& service, store::BulkCase& c);
};

}  // namespace frontdoor::app
