// Private to the app module: building blocks of the demo service catalogue, shared by the
// files that list the services (demo_services.cpp, demo_services_more.cpp).
#pragma once

#include <string>
#include <vector>

#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/core/service_form.hpp"

namespace frontdoor::app::demo {

using Values = std::vector<AttributeValue>;

// A single or multiple choice question.
Attribute List(std::string code, std::string question, bool required, int order, Values values,
               bool multiple = false);
// A free answer of `datatype`.
Attribute Answer(std::string code, AttributeDatatype datatype, std::string question, bool required,
                 int order);

inline const Values kYesNo{{"yes", "Yes"}, {"no", "No"}};
inline const Values kYesNoUnsure{{"yes", "Yes"}, {"no", "No"}, {"not_sure", "Not sure"}};

// The catalogue fields of a council service; nullptr team or standard: none.
struct Spec {
  const char* code;
  const char* name;
  const char* group;
  const char* department;
  const char* team;
  const char* case_type;
  const char* standard;
  const char* keywords;
  const char* description;
};

DemoService Make(const Spec& spec, std::vector<Attribute> form, DemoDemand demand,
                 const char* notice = nullptr);

// Cleansing, dogs, environmental health, parks, bereavement, building control, licensing,
// registration, car parks and corporate contacts (demo_services_more.cpp).
std::vector<DemoService> MoreServices();

}  // namespace frontdoor::app::demo
