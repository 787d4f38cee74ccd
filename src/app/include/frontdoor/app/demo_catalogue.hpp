// The demo council: Belfast City Council's departments, teams, service catalogue (with
// Open311 forms, charter standards and signposts for other bodies' services), routing of
// street cleansing by ward, and the 60 wards themselves with rough centroids, postcode
// districts and streets for demo case history. The demand figures (relative volume,
// seasonality, wording) drive `seed --demo --cases N`. Plain data and thread-safe functions.
#pragma once

#include <array>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/core/location.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/catalogue.hpp"

namespace frontdoor::app {

// A ward of Belfast (DOMAIN.md section (h)). Centroids are approximate, good enough to
// scatter demo cases around; they are not boundaries.
struct DemoWard {
  std::string_view name;
  std::string_view dea;             // District Electoral Area
  std::string_view cleansing_area;  // "north", "south", "east" or "west"
  double lat;
  double lon;
  std::string_view postcode_district;  // e.g. "BT9"
  std::array<std::string_view, 3> streets;
};

// The 60 wards, grouped by DEA.
[[nodiscard]] std::span<const DemoWard> BelfastWards();

// The ward nearest to the point, by centroid. Demo boundaries are the cells of these
// centroids (each ward holds the points nearer its centroid than any other), so this is the
// ward whose demo boundary holds the point.
[[nodiscard]] const DemoWard& NearestWard(double lat, double lon);

// The demo boundary of BelfastWards()[index]: one ring of lat/long points, the ward's cell
// within a box around the city.
[[nodiscard]] std::vector<GeoPoint> DemoWardBoundary(std::size_t index);

// When in the year a service is asked for most.
enum class Season {
  kFlat,          // no pattern
  kSpringSummer,  // fly-tipping, bulky waste, parks, noise: more from April to August
  kAutumn,        // leaves and pests: more from September to November
  kCollections,   // bin collections: peaks after bank holidays and around Christmas
  kWinter,        // more from November to February
};

// How the public uses a demo service: relative yearly volume and the words they use.
struct DemoDemand {
  double weight = 0;  // relative number of cases per year; 0 for signposts
  Season season = Season::kFlat;
  std::vector<std::string> descriptions;    // what customers write
  std::vector<std::string> progress_notes;  // public updates while the case is worked
  std::string resolution;                   // the public note when resolved
};

struct DemoService {
  usecase::ServiceInput input;
  DemoDemand demand;
};

// Every demo service: about 35 council services and the signposts for DfI Roads, NI Water
// and the Housing Executive.
[[nodiscard]] std::vector<DemoService> DemoServices();

// Services routed to a street cleansing area team by ward.
[[nodiscard]] std::span<const std::string_view> CleansingServiceCodes();

struct DemoCatalogueTotals {
  int departments = 0;  // created now (existing ones are kept as they are)
  int teams = 0;
  int services = 0;
  int wards = 0;
  int routing_rules = 0;  // set now (rules already in place are not written again)
};

// Creates the departments, teams, services, wards and routing rules through the catalogue
// use cases. Idempotent: anything whose code exists is left alone. Errors are the use cases'.
Result<DemoCatalogueTotals> SeedDemoCatalogue(store::Store& store, const Clock& clock);

}  // namespace frontdoor::app
