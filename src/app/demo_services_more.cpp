// The rest of the demo catalogue: street cleansing (Belfast's five working day standard),
// dogs, environmental health, parks, bereavement, building control, licensing, registration,
// car parks and the corporate contacts. Phone numbers in notices are DOMAIN.md's.
#include "demo_services.hpp"

namespace frontdoor::app::demo {
namespace {

using D = AttributeDatatype;

std::vector<DemoService> Cleansing() {
  std::vector<DemoService> out;
  out.push_back(Make(
      {"fly-tipping", "Fly-tipping", "Street cleansing", "CNS", "cleansing-north", "request",
       "SVC-CLEANSE", "fly-tipping,dumping,rubbish,dumped,waste",
       "Report rubbish dumped on streets, alleyways or council land."},
      {List("waste_types", "What has been dumped?", true, 1,
            {{"bags", "Household bags"},
             {"furniture", "Furniture"},
             {"rubble", "Building rubble"},
             {"tyres", "Tyres"},
             {"garden", "Garden waste"},
             {"white_goods", "Fridges, cookers or washing machines"},
             {"asbestos", "Suspected asbestos"},
             {"other", "Something else"}},
            true),
       List("quantity", "How much is there?", true, 2,
            {{"single", "A single item"},
             {"car_boot", "A car boot load"},
             {"van", "A small van load"},
             {"lorry", "A lorry load or more"}}),
       List("private_land", "Is it on private land?", false, 3, kYesNoUnsure)},
      {8,
       Season::kSpringSummer,
       {"Mattress and black bags dumped in the entry behind the houses",
        "Pile of tyres left at the lay-by", "Builders' rubble dumped overnight at the corner",
        "Sofa dumped beside the recycling point"},
       {"Crew scheduled to clear the site", "Enforcement officer checked the waste for evidence"},
       "The dumped waste has been cleared."},
      "We aim to clear fly-tipping within five working days. Fly-tippers can be fined up to "
      "£2,500."));
  out.push_back(
      Make({"graffiti", "Graffiti", "Street cleansing", "CNS", "cleansing-north", "request",
            "SVC-CLEANSE", "graffiti,tagging,paint,vandalism",
            "Report graffiti on council property, streets and street furniture."},
           {List("surface", "Where is the graffiti?", true, 1,
                 {{"wall", "Wall"},
                  {"street_furniture", "Bench, bin or sign"},
                  {"bus_shelter", "Bus shelter"},
                  {"shop_front", "Shop front"},
                  {"other", "Somewhere else"}}),
            List("offensive", "Is it offensive?", true, 2, kYesNo)},
           {2.5,
            Season::kFlat,
            {"Tags sprayed along the gable wall", "Offensive slogan painted on the bus shelter",
             "Graffiti on the park sign"},
            {"Removal team booked"},
            "The graffiti has been removed."},
           "Graffiti on Housing Executive or private property is the owner's to remove."));
  out.push_back(
      Make({"fly-posting", "Fly-posting", "Street cleansing", "CNS", "cleansing-north", "request",
            "SVC-CLEANSE", "posters,fly-posting,flyers,stickers",
            "Report posters stuck up without permission."},
           {},
           {0.8,
            Season::kFlat,
            {"Gig posters all over the junction box", "Posters on every lamp post on the road"},
            {},
            "The posters have been removed."}));
  out.push_back(
      Make({"litter-bin", "Overflowing litter bin", "Street cleansing", "CNS", "cleansing-north",
            "request", "SVC-CLEANSE", "litter bin,overflowing,full bin,street bin",
            "Report a street litter bin that is full or overflowing."},
           {},
           {2.5,
            Season::kSpringSummer,
            {"Bin at the bus stop overflowing onto the footpath",
             "Litter bin full and bags torn open by gulls"},
            {},
            "The litter bin has been emptied."}));
  out.push_back(Make(
      {"street-cleaning", "Street or pavement needs cleaning", "Street cleansing", "CNS",
       "cleansing-north", "request", "SVC-CLEANSE", "street cleaning,litter,glass,leaves,weeds",
       "Report litter, broken glass, leaves or spillages on a street."},
      {List("issue", "What needs cleaning?", true, 1,
            {{"litter", "Litter"},
             {"glass", "Broken glass"},
             {"leaves", "Leaves"},
             {"spillage", "Spillage"},
             {"weeds", "Weeds"}})},
      {4,
       Season::kAutumn,
       {"Broken glass all over the footpath outside the shops", "Leaves blocking the pavement",
        "Litter along the entire street after the weekend"},
       {"Sweeper scheduled for the area"},
       "The street has been cleaned."}));
  out.push_back(
      Make({"drug-litter", "Needles or drug-related litter", "Street cleansing", "CNS",
            "cleansing-north", "request", "SVC-CLEANSE", "needles,syringes,drug litter",
            "Report needles or other drug-related litter. Do not touch it."},
           {},
           {0.6,
            Season::kFlat,
            {"Needles lying in the children's play area", "Syringes in the entry behind the shops"},
            {},
            "The needles have been safely removed."},
           "Do not touch needles. The Community Safety Unit can be reached on 028 9027 0469."));
  out.push_back(Make(
      {"dog-fouling", "Dog fouling", "Street cleansing", "CNS", "cleansing-north", "request",
       "SVC-CLEANSE", "dog fouling,dog dirt,dog poo",
       "Report dog fouling on streets and in parks."},
      {List("when_seen", "When does it happen?", false, 1,
            {{"morning", "Mornings"},
             {"afternoon", "Afternoons"},
             {"evening", "Evenings"},
             {"repeated", "All the time"}})},
      {3,
       Season::kWinter,
       {"Dog dirt all along the footpath to the school", "Same dog walker lets the dog foul daily"},
       {"Area added to patrols by the enforcement officers"},
       "The area has been cleaned and added to enforcement patrols."}));
  return out;
}

std::vector<DemoService> Dogs() {
  std::vector<DemoService> out;
  out.push_back(
      Make({"stray-dog", "Stray dog", "Dogs", "CNS", "dog-wardens", "request", "SVC-CLEANSE",
            "stray dog,lost dog,dog loose", "Report a stray or lost dog."},
           {Answer("dog_description", D::kString, "What does the dog look like?", false, 1),
            List("contained", "Is the dog shut in somewhere?", true, 2, kYesNo)},
           {1.5,
            Season::kFlat,
            {"Black Labrador wandering on the main road, no collar",
             "Small terrier loose in the estate"},
            {"Dog warden on the way"},
            "The dog warden collected the dog."},
           "Dog wardens: 028 9027 0431."));
  out.push_back(
      Make({"barking-dog", "Barking dog", "Dogs", "CNS", "dog-wardens", "request", "EMAIL-RESP",
            "barking,dog noise", "Report a dog that barks persistently."},
           {List("time_of_day", "When does it bark?", true, 1,
                 {{"day", "During the day"}, {"evening", "Evening"}, {"night", "At night"}})},
           {2,
            Season::kFlat,
            {"Dog left alone all day barking non-stop", "Barking every night from 11pm"},
            {"Diary sheets sent to the customer", "Letter sent to the dog owner"},
            "The owner has been warned and the barking has stopped."}));
  out.push_back(Make(
      {"dog-licence", "Dog licence enquiry", "Dogs", "CNS", "dog-wardens", "enquiry", "EMAIL-RESP",
       "dog licence,licence,microchip",
       "Every dog in Northern Ireland needs a licence and a microchip."},
      {},
      {2,
       Season::kWinter,
       {"How much is a dog licence for a pensioner?", "Licence renewal reminder never arrived"},
       {},
       "Licence information sent."},
      "A dog licence costs £12.50 (£5 concession; first dog free for over-65s)."));
  return out;
}

std::vector<DemoService> EnvironmentalHealth() {
  std::vector<DemoService> out;
  out.push_back(Make(
      {"noise", "Noise complaint", "Environmental health", "CNS", "eh-noise", "request",
       "EMAIL-RESP", "noise,music,party,alarm,neighbour",
       "Report noise from homes, businesses or alarms."},
      {List("source", "What is making the noise?", true, 1,
            {{"music", "Music"},
             {"party", "Party"},
             {"alarm", "Alarm"},
             {"construction", "Building work"},
             {"commercial", "Pub, club or business"},
             {"other", "Something else"}}),
       List("time_of_day", "When does it happen?", true, 2,
            {{"day", "Daytime"}, {"evening", "Evening"}, {"night", "Night (after 11pm)"}}),
       List("frequency", "How often?", false, 3,
            {{"once", "Once"}, {"weekly", "Weekly"}, {"daily", "Most days"}})},
      {5,
       Season::kSpringSummer,
       {"Loud music from next door until 3am", "House alarm ringing for hours",
        "Building work starting at 6am", "Bar playing music with doors open"},
       {"Noise diary sent", "Officer visited the premises"},
       "An officer investigated and the noise has been dealt with."},
      "For noise happening now after 8pm, call the night-time noise service on 028 9037 3006."));
  out.push_back(Make(
      {"pests", "Pest control", "Environmental health", "CNS", "eh-pest", "request", "EMAIL-RESP",
       "rats,mice,pests,cockroaches,bedbugs,fleas",
       "Book pest control for rats, mice, cockroaches, bedbugs or fleas."},
      {List("pest", "What is the pest?", true, 1,
            {{"rats", "Rats"},
             {"mice", "Mice"},
             {"cockroaches", "Cockroaches"},
             {"bedbugs", "Bedbugs"},
             {"fleas", "Fleas"}}),
       List("where", "Where are they?", true, 2,
            {{"inside", "Inside the home"},
             {"garden", "Garden or yard"},
             {"business", "Business premises"}})},
      {4,
       Season::kAutumn,
       {"Rats seen in the back yard every evening", "Mice in the kitchen", "Bedbugs in two rooms"},
       {"Treatment visit booked"},
       "Treatment completed."}));
  out.push_back(
      Make({"food-hygiene", "Food hygiene concern", "Environmental health", "CNS", "eh-food",
            "request", "EMAIL-RESP", "food,hygiene,takeaway,restaurant,food poisoning",
            "Report a concern about food or hygiene at a food business."},
           {Answer("business_name", D::kString, "Name of the food business", true, 1),
            List("concern", "What is the concern?", true, 2,
                 {{"dirty", "Dirty premises"},
                  {"illness", "Illness after eating"},
                  {"foreign_body", "Something in the food"},
                  {"other", "Something else"}})},
           {1,
            Season::kSpringSummer,
            {"Found a hair in a takeaway", "Family ill after eating at the restaurant",
             "Kitchen visibly dirty from the counter"},
            {"Inspection scheduled"},
            "The business has been inspected."}));
  out.push_back(
      Make({"abandoned-vehicle", "Abandoned vehicle", "Environmental health", "CNS", "enforcement",
            "request", "EMAIL-RESP", "abandoned car,vehicle,untaxed,burnt out",
            "Report a vehicle that looks abandoned."},
           {Answer("registration", D::kString, "Registration number, if any", false, 1),
            List("condition", "What state is it in?", true, 2,
                 {{"untaxed", "Untaxed"},
                  {"flat_tyres", "Flat tyres"},
                  {"damaged", "Damaged"},
                  {"burnt_out", "Burnt out"}},
                 true)},
           {2,
            Season::kFlat,
            {"Car with flat tyres has not moved in weeks", "Burnt-out van in the lay-by"},
            {"Vehicle inspected and notice attached"},
            "The vehicle has been removed."}));
  return out;
}

std::vector<DemoService> Places() {
  std::vector<DemoService> out;
  out.push_back(Make(
      {"park-maintenance", "Park maintenance", "Parks and cemeteries", "CNS", "parks", "request",
       "SVC-CLEANSE", "park,grass,bench,path,overgrown", "Report a problem in a park."},
      {Answer("park_name", D::kString, "Which park?", true, 1),
       List("issue", "What is the problem?", true, 2,
            {{"grass", "Grass needs cutting"},
             {"overgrown", "Overgrown"},
             {"bench", "Broken bench"},
             {"path", "Damaged path"},
             {"litter", "Litter"}})},
      {1.5,
       Season::kSpringSummer,
       {"Grass not cut for weeks at the park", "Bench broken beside the pond"},
       {"Work added to the maintenance schedule"},
       "The park maintenance work is complete."}));
  out.push_back(Make({"playground", "Playground damage", "Parks and cemeteries", "CNS", "parks",
                      "request", "SVC-CLEANSE", "playground,swing,slide,play park",
                      "Report broken or unsafe play equipment."},
                     {Answer("park_name", D::kString, "Which playground?", true, 1)},
                     {0.6,
                      Season::kSpringSummer,
                      {"Swing chain snapped", "Broken glass under the slide"},
                      {"Equipment taped off for safety"},
                      "The play equipment has been repaired."}));
  out.push_back(
      Make({"park-tree", "Tree on council land", "Parks and cemeteries", "CNS", "parks", "request",
            "EMAIL-RESP", "tree,branch,fallen tree",
            "Report a dangerous or fallen tree on council land."},
           {},
           {0.8,
            Season::kWinter,
            {"Large branch hanging over the footpath", "Tree down across the path after the storm"},
            {"Tree surgeon visit booked"},
            "The tree has been made safe."}));
  out.push_back(
      Make({"grave-search", "Grave search", "Parks and cemeteries", "CNS", "cemeteries", "enquiry",
            "EMAIL-RESP", "grave,burial record,cemetery,genealogy",
            "Find where someone is buried in a council cemetery."},
           {Answer("deceased_name", D::kString, "Full name of the person", true, 1),
            Answer("year_of_death", D::kNumber, "Year of death, if known", false, 2),
            List("cemetery", "Which cemetery?", false, 3,
                 {{"city", "City Cemetery"},
                  {"roselawn", "Roselawn Cemetery"},
                  {"dundonald", "Dundonald Cemetery"},
                  {"carnmoney", "Carnmoney Cemetery"},
                  {"unknown", "Not sure"}})},
           {0.7,
            Season::kFlat,
            {"Looking for my great-grandfather's grave", "Family history research, died 1921"},
            {},
            "Burial record details sent."}));
  out.push_back(
      Make({"burial-enquiry", "Burial or cremation enquiry", "Parks and cemeteries", "CNS",
            "cemeteries", "enquiry", "EMAIL-RESP", "burial,cremation,roselawn,crematorium",
            "Arrange or ask about a burial or cremation."},
           {},
           {0.5,
            Season::kWinter,
            {"Enquiring about cremation availability next week", "Cost of a new grave"},
            {},
            "Information sent."}));
  return out;
}

std::vector<DemoService> CouncilBusiness() {
  std::vector<DemoService> out;
  out.push_back(Make(
      {"building-control", "Building control enquiry", "Building control and licensing", "PE",
       "building-control", "enquiry", "EMAIL-RESP", "building regulations,building control",
       "Ask about building regulations approval and inspections."},
      {}, {1, Season::kFlat, {"Do I need approval for a loft conversion?"}, {}, "Advice sent."}));
  out.push_back(
      Make({"dangerous-structure", "Dangerous structure", "Building control and licensing", "PE",
            "building-control", "request", "EMAIL-RESP", "dangerous building,wall,collapse",
            "Report a building or wall that may collapse."},
           {},
           {0.3,
            Season::kWinter,
            {"Gable wall of a derelict house is leaning"},
            {"Inspector attended and the area was made safe"},
            "The structure has been made safe."}));
  out.push_back(
      Make({"licensing", "Licensing enquiry", "Building control and licensing", "PE", "licensing",
            "enquiry", "EMAIL-RESP", "licence,entertainment,HMO,street trading",
            "Ask about entertainment, HMO, street trading and other licences."},
           {List("licence_type", "Which licence?", true, 1,
                 {{"entertainment", "Entertainment"},
                  {"hmo", "House in multiple occupation"},
                  {"street_trading", "Street trading"},
                  {"other", "Another licence"}})},
           {1,
            Season::kFlat,
            {"How do I renew an HMO licence?", "Street trading pitch for a food van"},
            {},
            "Licensing advice sent."}));
  out.push_back(Make({"register-birth", "Register a birth", "Registration", "LCS", "registration",
                      "request", "EMAIL-RESP", "birth,register,registration,baby",
                      "Book an appointment to register a birth."},
                     {},
                     {1.5,
                      Season::kFlat,
                      {"Need an appointment to register our daughter's birth"},
                      {},
                      "Birth registered."}));
  out.push_back(Make(
      {"register-death", "Register a death", "Registration", "LCS", "registration", "request",
       "EMAIL-RESP", "death,register,bereavement", "Book an appointment to register a death."},
      {}, {1.2, Season::kWinter, {"Need to register my father's death"}, {}, "Death registered."}));
  out.push_back(Make(
      {"car-park", "Council car park issue", "Car parks", "PE", "car-parks", "request",
       "EMAIL-RESP", "car park,parking,pay machine",
       "Report a problem in a council off-street car park."},
      {List("issue", "What is the problem?", true, 1,
            {{"machine", "Pay machine not working"},
             {"lighting", "Lighting"},
             {"litter", "Litter"},
             {"blue_badge", "Misuse of disabled bays"}})},
      {0.6, Season::kFlat, {"Pay machine not taking cards"}, {}, "The problem has been fixed."}));
  out.push_back(
      Make({"community-centre", "Community centre booking enquiry", "Parks and cemeteries", "CNS",
            "parks", "enquiry", "EMAIL-RESP", "community centre,hall,booking",
            "Ask about booking a room in a community centre."},
           {},
           {0.7,
            Season::kFlat,
            {"Can we book the hall for a children's party?"},
            {},
            "Booking details sent."}));
  out.push_back(Make(
      {"general-enquiry", "General enquiry", "Contact the council", "FR", "customer-hub", "enquiry",
       "EMAIL-RESP", "enquiry,question,information,council", "Any other question for the council."},
      {},
      {6,
       Season::kFlat,
       {"Who do I speak to about a community grant?", "How do I contact my councillor?",
        "Question about an event at City Hall"},
       {},
       "Answered."}));
  out.push_back(Make(
      {"complaint", "Complaint", "Contact the council", "FR", "complaints", "complaint",
       "COMPLAINT-S1", "complaint,unhappy,service",
       "Tell us when we got something wrong, under our complaints procedure."},
      {Answer("about_service", D::kString, "Which service is it about?", false, 1),
       Answer("previous_reference", D::kString, "Earlier reference, if you have one", false, 2)},
      {2,
       Season::kFlat,
       {"Reported the missed bin three times and still nothing", "Rude reply from the depot",
        "Waited six weeks for a replacement bin"},
       {"Complaint passed to the service manager"},
       "Complaint answered at stage 1."}));
  out.push_back(
      Make({"compliment", "Compliment", "Contact the council", "FR", "complaints", "compliment",
            nullptr, "compliment,thanks,praise", "Tell us when we got something right."},
           {},
           {0.6,
            Season::kFlat,
            {"The bin crew were brilliant", "Thanks to the dog warden"},
            {},
            "Passed to the team with thanks."}));
  return out;
}

}  // namespace

std::vector<DemoService> MoreServices() {
  std::vector<DemoService> out;
  for (auto* part : {&Cleansing, &Dogs, &EnvironmentalHealth, &Places, &CouncilBusiness}) {
    for (DemoService& s : part()) {
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace frontdoor::app::demo
