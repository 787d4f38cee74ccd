#include "open311_render.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pugixml.hpp>

namespace frontdoor::api::open311 {
namespace {

// 2026-07-14T16:00:00Z: British Summer Time, so London shows +01:00.
constexpr Instant kSummer{std::chrono::microseconds(1'784'044'800'000'000)};
// 2026-01-05T09:30:00Z: Greenwich Mean Time.
constexpr Instant kWinter{std::chrono::microseconds(1'767'605'400'000'000)};

const date::time_zone* London() {
  return date::locate_zone("Europe/London");
}

pugi::xml_document ParseXml(const std::string& text) {
  EXPECT_TRUE(text.starts_with(kXmlDeclaration)) << text;
  pugi::xml_document doc;
  const auto parsed = doc.load_string(text.c_str());
  EXPECT_TRUE(parsed) << parsed.description() << "\n" << text;
  return doc;
}

store::ServiceRecord Pothole() {
  store::ServiceRecord s;
  s.code = "POT";
  s.name = "Pothole";
  s.description = "A hole in the road & worse";
  s.keywords = "road,hole";
  s.group = "Streets";
  Attribute depth;
  depth.code = "depth";
  depth.datatype = AttributeDatatype::kNumber;
  depth.required = true;
  depth.description = "How deep is it?";
  depth.datatype_description = "centimetres";
  depth.order = 2;
  Attribute shape;
  shape.code = "shape";
  shape.datatype = AttributeDatatype::kSingleValueList;
  shape.description = "Shape";
  shape.order = 1;
  shape.values = {{"circle", "Round"}, {"square", "Square"}};
  s.form = {depth, shape};
  return s;
}

store::CaseRecord Case() {
  store::CaseRecord r;
  r.reference = "BCC-26-000123";
  r.status = CaseStatus::kInProgress;
  r.service_code = "POT";
  r.service_name = "Pothole";
  r.description = "Deep <hole>\r\nby the school";
  r.department_name = "City and Neighbourhood Services";
  r.created_at = kWinter;
  r.updated_at = kSummer;
  r.due_at = kSummer;
  r.address = "10 Donegall Square";
  r.postcode = "BT1 5GS";
  r.location = GeoPoint{54.597, -5.930103};
  return r;
}

TEST(RenderTest, ServicesListEveryServiceAsRealtime) {
  const auto json = boost::json::parse(RenderServices(Format::kJson, {Pothole()}));
  ASSERT_TRUE(json.is_array());
  const auto& service = json.as_array().at(0).as_object();
  EXPECT_EQ(service.at("service_code"), "POT");
  EXPECT_EQ(service.at("metadata"), true);
  EXPECT_EQ(service.at("type"), "realtime");
  EXPECT_EQ(service.at("keywords"), "road,hole");
  EXPECT_EQ(service.at("group"), "Streets");

  auto doc = ParseXml(RenderServices(Format::kXml, {Pothole()}));
  EXPECT_STREQ(doc.select_node("/services/service/description").node().child_value(),
               "A hole in the road & worse");
  EXPECT_STREQ(doc.select_node("/services/service/metadata").node().child_value(), "true");
}

TEST(RenderTest, ServiceDefinitionIsAnObjectInDisplayOrderWithValuesOnlyForLists) {
  const auto json = boost::json::parse(RenderServiceDefinition(Format::kJson, Pothole()));
  ASSERT_TRUE(json.is_object());
  const auto& attributes = json.at("attributes").as_array();
  ASSERT_EQ(attributes.size(), 2U);
  EXPECT_EQ(attributes[0].at("code"), "shape");
  EXPECT_EQ(attributes[0].at("order"), 1);
  EXPECT_EQ(attributes[0].at("values").as_array().at(1).at("name"), "Square");
  EXPECT_EQ(attributes[1].at("code"), "depth");
  EXPECT_EQ(attributes[1].at("required"), true);
  EXPECT_EQ(attributes[1].at("datatype"), "number");
  EXPECT_FALSE(attributes[1].as_object().contains("values"));

  auto doc = ParseXml(RenderServiceDefinition(Format::kXml, Pothole()));
  EXPECT_EQ(doc.select_nodes("/service_definition/attributes/attribute").size(), 2U);
  EXPECT_STREQ(
      doc.select_node("//attribute[code='shape']/values/value[1]/key").node().child_value(),
      "circle");
}

TEST(RenderTest, RequestCarriesW3cDatesWithLondonOffsetsAndNulls) {
  const auto json = boost::json::parse(RenderRequest(Format::kJson, Case(), "", London()));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.as_array().size(), 1U);
  const auto& r = json.as_array()[0].as_object();
  EXPECT_EQ(r.at("service_request_id"), "BCC-26-000123");
  EXPECT_EQ(r.at("status"), "open");
  EXPECT_EQ(r.at("requested_datetime"), "2026-01-05T09:30:00+00:00");
  EXPECT_EQ(r.at("updated_datetime"), "2026-07-14T17:00:00+01:00");
  EXPECT_EQ(r.at("expected_datetime"), "2026-07-14T17:00:00+01:00");
  EXPECT_EQ(r.at("agency_responsible"), "City and Neighbourhood Services");
  EXPECT_TRUE(r.at("service_notice").is_null());
  EXPECT_TRUE(r.at("address_id").is_null());
  EXPECT_EQ(r.at("zipcode"), "BT1 5GS");
  EXPECT_DOUBLE_EQ(r.at("lat").as_double(), 54.597);
  EXPECT_DOUBLE_EQ(r.at("long").as_double(), -5.930103);
  EXPECT_EQ(r.at("description"), "Deep <hole>\r\nby the school");
}

TEST(RenderTest, XmlRequestKeepsTheDescriptionExactly) {
  auto record = Case();
  record.status = CaseStatus::kResolved;
  record.location.reset();
  auto doc = ParseXml(RenderRequest(Format::kXml, record, "We aim to fix it", London()));
  const auto request = doc.select_node("/service_requests/request").node();
  EXPECT_STREQ(request.child("description").child_value(), "Deep <hole>\r\nby the school");
  EXPECT_STREQ(request.child("status").child_value(), "closed");
  EXPECT_STREQ(request.child("service_notice").child_value(), "We aim to fix it");
  EXPECT_TRUE(request.child("lat"));
  EXPECT_STREQ(request.child("lat").child_value(), "");
}

TEST(RenderTest, ARequestListIsAnArrayEvenWhenEmpty) {
  const NoticeLookup none = [](std::string_view) { return std::string_view(); };
  EXPECT_EQ(RenderRequests(Format::kJson, {}, none, London()), "[]");
  auto doc = ParseXml(RenderRequests(Format::kXml, {Case(), Case()}, none, London()));
  EXPECT_EQ(doc.select_nodes("/service_requests/request").size(), 2U);
}

TEST(RenderTest, CreatedRequestIsAListOfOne) {
  const auto json =
      boost::json::parse(RenderCreatedRequest(Format::kJson, "BCC-26-000001", "Within 5 days"));
  ASSERT_EQ(json.as_array().size(), 1U);
  EXPECT_EQ(json.as_array()[0].at("service_request_id"), "BCC-26-000001");
  EXPECT_EQ(json.as_array()[0].at("service_notice"), "Within 5 days");
}

TEST(RenderTest, ExtendedStatusesAreLowerCaseAndUnchangedForTextOnly) {
  EXPECT_EQ(ExtendedStatus(std::nullopt), "unchanged");
  EXPECT_EQ(ExtendedStatus("new"), "open");
  EXPECT_EQ(ExtendedStatus("in_progress"), "in_progress");
  EXPECT_EQ(ExtendedStatus("resolved"), "fixed");
  EXPECT_EQ(ExtendedStatus("closed"), "closed");
  EXPECT_EQ(ExtendedStatus("reopened"), "open");
  EXPECT_EQ(ExtendedStatus("garbage"), "unchanged");
}

TEST(RenderTest, UpdatesUseTheEventIdAndTheirStatus) {
  store::CaseEventRecord text_only;
  text_only.id = 77;
  text_only.case_reference = "BCC-26-000123";
  text_only.at = kSummer;
  text_only.body = "Repair booked for Friday";
  store::CaseEventRecord fixed = text_only;
  fixed.id = 78;
  fixed.status = "resolved";
  const auto json = boost::json::parse(RenderUpdates(Format::kJson, {text_only, fixed}, London()));
  const auto& list = json.as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].at("update_id"), "77");
  EXPECT_EQ(list[0].at("status"), "unchanged");
  EXPECT_EQ(list[0].at("updated_datetime"), "2026-07-14T17:00:00+01:00");
  EXPECT_EQ(list[0].at("description"), "Repair booked for Friday");
  EXPECT_EQ(list[1].at("status"), "fixed");
  EXPECT_EQ(list[1].at("external_status_code"), "resolved");

  auto doc = ParseXml(RenderUpdates(Format::kXml, {fixed}, London()));
  EXPECT_STREQ(
      doc.select_node("/service_request_updates/request_update/update_id").node().child_value(),
      "78");
}

TEST(RenderTest, FieldErrorsBecomeOneErrorEach) {
  const auto list = ToErrorList(Error::Invalid({{"attribute[depth]", "is required"},
                                                {"lat", "lat must be a decimal number"},
                                                {"email", "Enter a valid email address"}}));
  EXPECT_EQ(list.status, 400U);
  ASSERT_EQ(list.errors.size(), 3U);
  EXPECT_EQ(list.errors[0].description, "attribute[depth] is required");
  EXPECT_EQ(list.errors[1].description, "lat must be a decimal number");
  EXPECT_EQ(list.errors[2].description, "email: Enter a valid email address");

  auto doc = ParseXml(RenderErrors(Format::kXml, list));
  EXPECT_EQ(doc.select_nodes("/errors/error").size(), 3U);
  EXPECT_STREQ(doc.select_node("/errors/error[1]/code").node().child_value(), "400");
  const auto json = boost::json::parse(RenderErrors(Format::kJson, list));
  EXPECT_EQ(json.as_array()[0].at("code"), 400);
}

TEST(RenderTest, ErrorCodesMapToTheSpecsClasses) {
  EXPECT_EQ(ToErrorList(Error(ErrorCode::kUnauthenticated, "no key")).status, 403U);
  EXPECT_EQ(ToErrorList(Error::NotFound("no such case")).status, 404U);
  EXPECT_EQ(ToErrorList(Error(ErrorCode::kMalformed, "bad form")).status, 400U);
  EXPECT_EQ(ToErrorList(Error(ErrorCode::kConflict, "cannot")).status, 400U);
  const auto outage = ToErrorList(Error(ErrorCode::kUnavailable, "db down at 10.0.0.5:5432"));
  EXPECT_EQ(outage.status, 400U);
  EXPECT_EQ(outage.errors.at(0).description.find("10.0.0.5"), std::string::npos);
  const auto internal = ToErrorList(Error::Internal("secret detail"));
  EXPECT_EQ(internal.status, 500U);
  EXPECT_EQ(internal.errors.at(0).description.find("secret"), std::string::npos);
}

TEST(RenderTest, DiscoveryListsBothFormats) {
  DiscoveryInfo info{"2026-05-01T08:00:00+01:00", "Digital team", "Email us",
                     "https://council.example/open311/v2", true};
  const auto json = boost::json::parse(RenderDiscovery(Format::kJson, info));
  ASSERT_TRUE(json.is_object());
  const auto& endpoint = json.at("endpoints").as_array().at(0);
  EXPECT_EQ(endpoint.at("specification"), "http://wiki.open311.org/GeoReport_v2");
  EXPECT_EQ(endpoint.at("type"), "production");
  EXPECT_EQ(endpoint.at("formats").as_array().size(), 2U);
  auto doc = ParseXml(RenderDiscovery(Format::kXml, info));
  EXPECT_EQ(doc.select_nodes("/discovery/endpoints/endpoint/formats/format").size(), 2U);
}

}  // namespace
}  // namespace frontdoor::api::open311
