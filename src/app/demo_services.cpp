// The demo service catalogue: what Belfast residents ask the council for (DOMAIN.md (h)),
// with the Open311 forms, charter standards and the words people use. Signposts cover the
// issues that are another body's in Northern Ireland, so that nobody is told "not us"
// without being told who.
#include "demo_services.hpp"

#include <utility>

namespace frontdoor::app {
namespace demo {

Attribute List(std::string code, std::string question, bool required, int order, Values values,
               bool multiple) {
  Attribute a;
  a.code = std::move(code);
  a.datatype = multiple ? AttributeDatatype::kMultiValueList : AttributeDatatype::kSingleValueList;
  a.required = required;
  a.description = std::move(question);
  a.datatype_description = multiple ? "Choose all that apply" : "Choose one";
  a.order = order;
  a.values = std::move(values);
  return a;
}

Attribute Answer(std::string code, AttributeDatatype datatype, std::string question, bool required,
                 int order) {
  Attribute a;
  a.code = std::move(code);
  a.datatype = datatype;
  a.required = required;
  a.description = std::move(question);
  switch (datatype) {
    case AttributeDatatype::kDatetime: a.datatype_description = "Date and time"; break;
    case AttributeDatatype::kNumber: a.datatype_description = "A number"; break;
    case AttributeDatatype::kString:
    case AttributeDatatype::kText:
    case AttributeDatatype::kSingleValueList:
    case AttributeDatatype::kMultiValueList: break;
  }
  a.order = order;
  return a;
}

DemoService Make(const Spec& spec, std::vector<Attribute> form, DemoDemand demand,
                 const char* notice) {
  DemoService s;
  s.input.code = spec.code;
  s.input.name = spec.name;
  s.input.group = spec.group;
  s.input.department_code = spec.department;
  if (spec.team != nullptr) {
    s.input.default_team_code = spec.team;
  }
  s.input.case_type = spec.case_type;
  if (spec.standard != nullptr) {
    s.input.resolve_standard = spec.standard;
  }
  s.input.keywords = spec.keywords;
  s.input.description = spec.description;
  s.input.form = std::move(form);
  if (notice != nullptr) {
    s.input.service_notice = notice;
  }
  s.demand = std::move(demand);
  return s;
}

}  // namespace demo

namespace {

using demo::Answer;
using demo::kYesNo;
using demo::List;
using demo::Make;
using demo::Values;

const Values kBinTypes{{"black", "Black bin (general waste)"},
                       {"blue", "Blue bin (dry recycling)"},
                       {"brown", "Brown bin (garden and food waste)"},
                       {"glass", "Purple glass box"}};

// Another body's service: shown so people find it, never worked by the council.
DemoService Signpost(const char* code, const char* name, const char* keywords, const char* text) {
  DemoService s;
  s.input.code = code;
  s.input.name = name;
  s.input.group = "Roads, lighting, water and housing";
  s.input.case_type = "enquiry";
  s.input.keywords = keywords;
  s.input.description = std::string(name) + ": not a council service in Northern Ireland.";
  s.input.signpost = text;
  return s;
}

constexpr const char* kDfi =
    "Roads, pavements, street lighting and traffic signals in Northern Ireland are looked "
    "after by the Department for Infrastructure (DfI Roads). Report it online at nidirect "
    "(www.nidirect.gov.uk) or call 0300 200 7899.";

std::vector<DemoService> Bins() {
  std::vector<DemoService> out;
  out.push_back(Make(
      {"missed-bin", "Missed bin collection", "Bins and recycling", "RF", "waste-collections",
       "request", "SVC-CLEANSE", "bin,missed,collection,not emptied,black bin,blue bin,brown bin",
       "Tell us if your bin was not emptied on your collection day."},
      {List("bin_type", "Which bin was missed?", true, 1, kBinTypes),
       Answer("date_missed", AttributeDatatype::kDatetime, "When was it due to be collected?",
              false, 2),
       List("out_by_7am", "Was the bin out by 7am on the collection day?", true, 3, kYesNo)},
      {18,
       Season::kCollections,
       {"Bin not emptied, rest of the street was done", "Whole street missed this week",
        "Bin was out from 6.30am and the lorry went past it", "Missed again for the second week"},
       {"Crew asked to return for the bin", "Collection rescheduled for tomorrow"},
       "The crew has returned and emptied the bin."},
      "Missed bins are usually collected within two working days."));
  out.push_back(
      Make({"replacement-bin", "Replacement or extra bin", "Bins and recycling", "RF",
            "waste-collections", "request", "EMAIL-RESP", "bin,replacement,new bin,broken,stolen",
            "Ask for a bin that is broken, stolen or missing, or for a new property."},
           {List("bin_type", "Which bin do you need?", true, 1, kBinTypes),
            List("reason", "Why do you need it?", true, 2,
                 {{"damaged", "Damaged"},
                  {"stolen", "Stolen or missing"},
                  {"new_property", "New property"},
                  {"extra", "Extra capacity"}})},
           {8,
            Season::kFlat,
            {"Lid broken off the black bin", "Bin taken by the lorry and never returned",
             "Moved into a new build, no bins", "Brown bin cracked down the side"},
            {"Delivery booked with the depot"},
            "A new bin has been delivered."}));
  out.push_back(
      Make({"assisted-collection", "Assisted bin collection", "Bins and recycling", "RF",
            "waste-collections", "request", "EMAIL-RESP", "assisted,help,bin,disability,elderly",
            "Ask for help if you cannot take your bin to the kerb."},
           {List("reason", "Why do you need help?", true, 1,
                 {{"age", "Age"},
                  {"disability", "Disability or illness"},
                  {"temporary", "Temporary (for example after an operation)"}})},
           {1,
            Season::kFlat,
            {"My mother is 87 and cannot pull the bin out", "Recovering from a hip operation"},
            {"Assessment visit arranged"},
            "Assisted collection set up from the next collection day."}));
  out.push_back(
      Make({"bin-day", "Bin collection day enquiry", "Bins and recycling", "RF", "customer-hub",
            "enquiry", "EMAIL-RESP", "bin day,collection day,calendar,holiday collections",
            "Ask which day your bins are collected, including holiday changes."},
           {},
           {4,
            Season::kCollections,
            {"Which day is the blue bin this week with the bank holiday?",
             "What are the Christmas collection dates for my street?",
             "New to the area, when are bins collected?"},
            {},
            "Collection days sent to the customer."}));
  out.push_back(Make(
      {"recycling-centre", "Recycling centre enquiry", "Bins and recycling", "RF", "customer-hub",
       "enquiry", "EMAIL-RESP", "recycling centre,tip,dump,opening hours,van permit",
       "Opening hours, what you can bring, and van permits."},
      {},
      {2,
       Season::kSpringSummer,
       {"Can I bring a van to the recycling centre?", "Are the recycling centres open on Sunday?",
        "Do you take paint and plasterboard?"},
       {},
       "Information sent to the customer."}));
  out.push_back(Make(
      {"bulky-waste", "Bulky waste collection", "Bulky waste", "RF", "bulky-waste", "request",
       "SVC-CLEANSE", "bulky,sofa,mattress,fridge,furniture,large items",
       "Book a free collection of large household items."},
      {List("items", "What needs collecting?", true, 1,
            {{"sofa", "Sofa or armchair"},
             {"mattress", "Mattress"},
             {"fridge", "Fridge or freezer"},
             {"washing_machine", "Washing machine or cooker"},
             {"bed", "Bed frame"},
             {"carpet", "Carpet"},
             {"table", "Table and chairs"},
             {"other", "Something else"}},
            true),
       Answer("item_count", AttributeDatatype::kNumber, "How many items in total?", true, 2)},
      {10,
       Season::kSpringSummer,
       {"Old three-piece suite and a mattress", "Fridge freezer, left at the front of the house",
        "Clearing out after a bereavement: bed, wardrobe and carpet"},
       {"Collection booked"},
       "The items have been collected."},
      "Collections are free. Leave the items outside by 7am on the day."));
  return out;
}

}  // namespace

std::vector<DemoService> DemoServices() {
  std::vector<DemoService> out = Bins();
  for (DemoService& s : demo::MoreServices()) {
    out.push_back(std::move(s));
  }
  out.push_back(Signpost("pothole", "Pothole or damaged road", "pothole,road,surface", kDfi));
  out.push_back(Signpost("street-light", "Street light not working", "street light,lamp", kDfi));
  out.push_back(Signpost("pavement", "Damaged pavement or kerb", "pavement,footpath,kerb", kDfi));
  out.push_back(Signpost("traffic-lights", "Traffic lights fault", "traffic lights,signals", kDfi));
  out.push_back(Signpost("road-drainage", "Blocked road drain or flooded road",
                         "gully,drain,flooding,road", kDfi));
  out.push_back(Signpost(
      "water-supply", "Water leak, burst main or no water", "water,leak,burst,no water",
      "Water supply and sewers are NI Water's. Call the Waterline on 03457 440088 (24 hours) "
      "or report it at www.niwater.com."));
  out.push_back(Signpost("sewer", "Blocked sewer or sewage overflow", "sewer,sewage,smell,manhole",
                         "Sewers are NI Water's. Call the Waterline on 03457 440088 (24 hours)."));
  out.push_back(Signpost(
      "housing-repair", "Housing Executive home repair or estate issue",
      "housing executive,nihe,repair,estate,graffiti on nihe",
      "Repairs to Housing Executive homes, and graffiti or dumping on Housing Executive land, "
      "are the Northern Ireland Housing Executive's: call 03448 920 900 or use "
      "www.nihe.gov.uk. Housing association tenants should contact their landlord."));
  return out;
}

}  // namespace frontdoor::app
