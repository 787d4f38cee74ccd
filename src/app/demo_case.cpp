// One demo case before its lifecycle: who reported it (new or repeat customers, with a
// share of anonymous web reports as FixMyStreet sends them), where (around a ward centroid,
// with an address and a BT postcode), what they wrote, and answers to the service's form
// that its validation accepts.
#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/name_match.hpp"
#include "frontdoor/usecase/sla.hpp"

#include "demo_history_state.hpp"
#include "demo_lifecycle.hpp"

namespace frontdoor::app {
namespace {

constexpr std::array<std::string_view, 40> kFirstNames{
    "Aoife",  "Ciara",   "Niamh",  "Siobhan",  "Orla",  "Emma",    "Sarah",  "Rachel",
    "Claire", "Grainne", "Sinead", "Louise",   "Megan", "Chloe",   "Roisin", "Karen",
    "Lisa",   "Julie",   "Mary",   "Patricia", "Sean",  "Ciaran",  "Conor",  "Padraig",
    "Eoin",   "Mark",    "David",  "John",     "Paul",  "Stephen", "Gareth", "Jonny",
    "Ryan",   "Michael", "Brian",  "Darren",   "Colin", "Kevin",   "Thomas", "James"};

constexpr std::array<std::string_view, 32> kLastNames{
    "Murphy", "Kelly",  "O'Neill",   "Smith",    "Wilson",     "Campbell",  "Doherty",    "Quinn",
    "Moore",  "Brown",  "Thompson",  "Johnston", "McLaughlin", "Robinson",  "Stewart",    "Graham",
    "Walsh",  "McCann", "Gallagher", "Hughes",   "Anderson",   "Patterson", "Martin",     "McKee",
    "Boyd",   "Magee",  "Devlin",    "McGrath",  "Donnelly",   "Hamilton",  "McAllister", "Reid"};

constexpr std::array<std::string_view, 3> kDomains{"example.com", "example.org", "example.net"};

constexpr std::array<std::string_view, 4> kEndings{
    "", " Please can someone come out.", " This has been going on for a while.", " Thanks."};

// Free-text answers people give, by attribute code.
struct TextAnswers {
  std::string_view code;
  std::array<std::string_view, 4> values;
};
constexpr std::array<TextAnswers, 5> kTextAnswers{{
    {"park_name", {"Botanic Gardens", "Ormeau Park", "Falls Park", "Victoria Park"}},
    {"business_name", {"Golden Dragon Takeaway", "Corner Cafe", "City Chippy", "Lagan Deli"}},
    {"dog_description",
     {"Black Labrador, no collar", "Small brown terrier", "Grey lurcher",
      "Collie with a red collar"}},
    {"about_service", {"Bin collections", "Street cleansing", "Customer Hub", "Parks"}},
    {"deceased_name", {"Margaret Campbell", "William Hughes", "Annie McCann", "Robert Boyd"}},
}};

// Inward-code letters: Royal Mail never uses C, I, K, M, O or V there.
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

std::string EmailPart(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// Northern Ireland registrations have an I or a Z: "LIZ 4821".
std::string Registration(demo::Rng& rng) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXY";
  std::string plate;
  plate += kLetters[rng.Below(kLetters.size())];
  plate += rng.Chance(0.5) ? 'I' : 'Z';
  plate += rng.Chance(0.5) ? 'Z' : 'J';
  plate += ' ';
  plate += std::to_string(rng.Between(1000, 9999));
  return plate;
}

// One to three choices, stored in the order of the list, as validation normalises them.
void AddChoices(demo::Rng& rng, const Attribute& a, frontdoor::Answers& answers) {
  std::vector<bool> chosen(a.values.size());
  const auto picks = std::min<std::uint64_t>(a.values.size(), 1 + rng.Below(3));
  for (std::uint64_t i = 0; i < picks; ++i) {
    chosen[rng.Below(a.values.size())] = true;
  }
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (chosen[i]) {
      answers.emplace_back(a.code, a.values[i].key);
    }
  }
}

// What people write in a free-text question; nullopt to leave an optional one blank.
std::optional<std::string> TextAnswer(demo::Rng& rng, const Attribute& a) {
  if (a.code == "registration") {
    return Registration(rng);
  }
  for (const TextAnswers& t : kTextAnswers) {
    if (t.code == a.code) {
      return std::string(rng.Pick(t.values));
    }
  }
  if (a.required) {
    return "Not known";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> DemoHistoryGenerator::State::Customer(
    std::string_view channel, const store::CaseRecord& first_case, DemoBatch& batch) {
  const Instant at = first_case.created_at;
  // Anonymous reports come through the web (FixMyStreet allows them) and social media.
  const double named = channel == "web" ? 0.7 : (channel == "social" ? 0.8 : 1.0);
  if (!rng.Chance(named)) {
    return std::nullopt;
  }
  if (customers > 0 && rng.Chance(0.4)) {
    return static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(customers)));
  }
  const std::int64_t index = customers++;
  store::CustomerRecord person;
  const std::string_view first = rng.Pick(kFirstNames);
  const std::string_view last = rng.Pick(kLastNames);
  person.first_name = std::string(first);
  person.last_name = std::string(last);
  const bool has_email = rng.Chance(0.8);
  if (has_email) {
    person.email = EmailPart(first) + "." + EmailPart(last) + std::to_string(index) + "@" +
                   std::string(rng.Pick(kDomains));
  }
  if (!has_email || rng.Chance(0.3)) {
    // 07700 9xxxxx: a block no network gives out.
    person.phone = "+447700" + std::to_string(900000 + index % 100000);
  }
  person.search_name = NormaliseName(std::string(first) + " " + std::string(last));
  // Where they first reported something is often where they live.
  if (first_case.address && !first_case.address->starts_with("Near ")) {
    person.address = first_case.address;
    person.postcode = first_case.postcode;
  }
  person.created_at = person.updated_at = at;
  batch.new_customers.push_back(std::move(person));
  return index;
}

void DemoHistoryGenerator::State::Place(const demo::ServiceInfo& service, store::CaseRecord& r) {
  if (!service.located) {
    return;
  }
  const DemoWard& around = BelfastWards()[wards.Pick(rng)];
  const double lat = std::clamp(around.lat + rng.Normal() * 0.0035, 54.5505, 54.6495);
  const double lon = std::clamp(around.lon + rng.Normal() * 0.0055, -6.0195, -5.8505);
  // Scattered points may cross into a neighbour; the case is in the ward it lands in.
  const DemoWard& ward = NearestWard(lat, lon);
  r.location = GeoPoint{lat, lon};
  r.ward = std::string(ward.name);
  const std::string street(rng.Pick(ward.streets));
  r.address = rng.Chance(0.2) ? "Near " + street + ", Belfast"
                              : std::to_string(rng.Between(1, 240)) + " " + street + ", Belfast";
  std::string postcode(ward.postcode_district);
  postcode += ' ';
  postcode += static_cast<char>('1' + rng.Below(9));
  postcode += kInwardLetters[rng.Below(kInwardLetters.size())];
  postcode += kInwardLetters[rng.Below(kInwardLetters.size())];
  r.postcode = std::move(postcode);
  if (service.cleansing) {
    const auto team = catalogue.team_ids.find("cleansing-" + std::string(ward.cleansing_area));
    if (team != catalogue.team_ids.end()) {
      r.team_id = team->second;
    }
  }
}

Answers DemoHistoryGenerator::State::FormAnswers(const store::ServiceRecord& service,
                                                 Instant created) {
  std::vector<const Attribute*> form;
  for (const Attribute& a : service.form) {
    form.push_back(&a);
  }
  std::sort(form.begin(), form.end(),
            [](const Attribute* a, const Attribute* b) { return a->order < b->order; });
  frontdoor::Answers answers;
  for (const Attribute* a : form) {
    if (!a->variable || (!a->required && !rng.Chance(0.6))) {
      continue;
    }
    switch (a->datatype) {
      case AttributeDatatype::kSingleValueList:
        answers.emplace_back(a->code, rng.Pick(a->values).key);
        break;
      case AttributeDatatype::kMultiValueList: AddChoices(rng, *a, answers); break;
      case AttributeDatatype::kNumber:
        answers.emplace_back(a->code, a->code == "year_of_death"
                                          ? std::to_string(rng.Between(1890, 2024))
                                          : std::to_string(rng.Between(1, 5)));
        break;
      case AttributeDatatype::kDatetime: {
        // The collection day: this morning or one of the two before, at 7am.
        const auto day = date::floor<date::days>(created) - date::days(rng.Between(0, 2));
        const auto offset =
            calendar.zone()->get_info(date::sys_seconds(day) + std::chrono::hours(12)).offset;
        const Instant at = Instant(date::sys_days(day)) + std::chrono::hours(7) - offset;
        answers.emplace_back(a->code, charter::FormatIso8601(at, calendar.zone()));
        break;
      }
      case AttributeDatatype::kString:
      case AttributeDatatype::kText:
        if (auto value = TextAnswer(rng, *a)) {
          answers.emplace_back(a->code, std::move(*value));
        }
        break;
    }
  }
  return answers;
}

void DemoHistoryGenerator::State::FillCase(std::string_view channel,
                                           const demo::ServiceInfo& service, Instant created,
                                           DemoBatch& batch, store::BulkCase& c) {
  store::CaseRecord& r = c.record;
  const store::ServiceRecord& s = *service.record;
  r.service_id = s.id;
  r.channel = std::string(channel);
  r.status = CaseStatus::kNew;
  r.priority = "normal";
  if (s.code == "drug-litter" || s.code == "dangerous-structure" || rng.Chance(0.03)) {
    r.priority = "high";
  } else if (rng.Chance(0.02)) {
    r.priority = "low";
  }
  r.description = rng.Pick(service.demand->descriptions) + std::string(rng.Pick(kEndings));
  r.team_id = s.default_team_id;
  Place(service, r);
  r.created_at = r.updated_at = created;
  r.customer_id = Customer(channel, r, batch);
  if (channel == "web") {
    r.source = rng.Chance(0.35) ? "open311:FixMyStreet" : "portal";
  } else {
    r.source = demo::StaffActor(rng, catalogue.agent_ids);
  }
  r.created_at = r.updated_at = created;
  if (service.target) {
    if (auto due = charter::DueAt(calendar, created, *service.target)) {
      r.due_at = *due;
    }
  }
  c.attributes = FormAnswers(s, created);
}

// The clocks the case use cases would have started, paused and stopped over the case's
// history, so that charter reports over the seed agree with live cases (issue 4).
void DemoHistoryGenerator::State::AddClocks(const store::ServiceRecord& service,
                                            store::BulkCase& c) {
  store::CaseRecord scope;
  scope.channel = c.record.channel;
  scope.service_code = service.code;
  scope.created_at = c.record.created_at;
  auto clocks = usecase::ReplaySlaClocks(standards, calendar, scope, service.case_type,
                                         service.resolve_standard, c.events, options.now);
  // Fails only for instants outside the calendar's years, which a two-year history is not.
  if (!clocks) {
    return;
  }
  c.clocks.reserve(clocks->size());
  for (usecase::ReplayedSla& clock : *clocks) {
    c.clocks.push_back({std::move(clock.sla), std::move(clock.pauses)});
  }
}

}  // namespace frontdoor::app
