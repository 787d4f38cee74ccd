// Open311 GeoReport v2 conformance (shared/OPEN311.md): every resource of /open311/v2/ in XML
// and JSON against an in-process server over real sockets, on SQLite and on PostgreSQL.
// Shapes, types, W3C dates with offsets, filters, the spec's errors and codes, and hostile
// input that must never reach a 500.
#include <regex>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "frontdoor/api/open311.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::hours;

// 2026-03-02T10:00:00Z, a Monday in GMT; cases made later in the tests move into BST.
constexpr std::string_view kDeclaration = R"(<?xml version="1.0" encoding="utf-8"?>)";
const std::regex& W3c() {
  static const std::regex pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))");
  return pattern;
}
const std::regex& ReferencePattern() {
  static const std::regex pattern(R"(BCC-\d\d-\d{6})");
  return pattern;
}

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
};

Reply Parse(const std::string& raw) {
  Reply reply{StatusOf(raw), "", BodyOf(raw)};
  std::smatch match;
  if (std::regex_search(raw, match, std::regex("Content-Type: ([^\r\n]*)", std::regex::icase))) {
    reply.content_type = match[1];
  }
  return reply;
}

pugi::xml_document Xml(const Reply& reply) {
  EXPECT_TRUE(reply.body.starts_with(kDeclaration)) << reply.body.substr(0, 80);
  pugi::xml_document doc;
  const auto parsed = doc.load_string(reply.body.c_str());
  EXPECT_TRUE(parsed) << parsed.description() << ": " << reply.body.substr(0, 200);
  return doc;
}

boost::json::value Json(const Reply& reply) {
  boost::system::error_code ec;
  auto value = boost::json::parse(reply.body, ec);
  EXPECT_FALSE(ec) << reply.body.substr(0, 200);
  return value;
}

std::string Text(const pugi::xml_node& node, const char* child) {
  return node.child(child).child_value();
}

class Open311ConformanceTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    standards_ = {StreetCleansingStandard()};
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    MakeCatalogue();
    key_ = NewApiKey(*store_, clock_, "fixmystreet", "open311");
    ASSERT_FALSE(key_.empty());

    api::Open311Settings settings{"http://127.0.0.1:8080/",      "belfastcity.gov.uk",
                                  "open311@belfastcity.example", "Email us for a key",
                                  "2026-01-01T00:00:00+00:00",   false};
    // As `frontdoor serve` runs it: creates check keys and the catalogue against memory.
    ctx_->catalogue_cache = &catalogue_cache_;
    api::AddOpen311Routes(router_, *ctx_, settings, Reads());
    server_ = TestServer::Start(router_, 2, 4);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  void MakeCatalogue() {
    ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE", "Cleansing", "CNS", {}}));
    usecase::ServiceInput fly;
    fly.code = "FLY";
    fly.name = "Fly-tipping";
    fly.description = "Rubbish dumped on a street or entry";
    fly.keywords = "rubbish,dumping";
    fly.group = "Street cleansing";
    fly.department_code = "CNS";
    fly.default_team_code = "CLEANSE";
    fly.resolve_standard = "SVC-CLEANSE";
    fly.form = {
        {"waste",
         AttributeDatatype::kMultiValueList,
         true,
         false,
         "What kind?",
         "",
         2,
         {{"household", "Household"}, {"garden", "Garden"}, {"tyres", "Tyres"}}},
        {"quantity",
         AttributeDatatype::kSingleValueList,
         true,
         true,
         "How much?",
         "",
         1,
         {{"bag", "A bag or two"}, {"van", "A van load"}}},
        {"bags", AttributeDatatype::kNumber, true, false, "How many bags?", "a count", 3, {}},
        {"safety", AttributeDatatype::kText, false, false, "Do not touch needles", "", 4, {}},
    };
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, fly));
    usecase::ServiceInput graffiti;
    graffiti.code = "GRAF";
    graffiti.name = "Graffiti";
    graffiti.group = "Street cleansing";
    graffiti.department_code = "CNS";
    graffiti.service_notice = "We remove offensive graffiti within one working day";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, graffiti));
    usecase::ServiceInput lights;
    lights.code = "LIGHT";
    lights.name = "Street light not working";
    lights.signpost = "Street lights are looked after by DfI Roads";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, lights));
    usecase::ServiceInput complaint;
    complaint.code = "COMP";
    complaint.name = "Complaint about our service";
    complaint.case_type = "complaint";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, complaint));
  }

  Reply Get(const std::string& path) const { return Parse(testing::Get(port_, path)); }

  Reply Post(const std::string& path, const std::string& body,
             const std::string& content_type = "application/x-www-form-urlencoded") const {
    std::string head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    if (!content_type.empty()) {
      head += "Content-Type: " + content_type + "\r\n";
    }
    return Parse(HttpRequest(
        port_, head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  }

  std::string KeyArg() const { return "api_key=" + key_; }

  // POSTs a fly-tipping report and returns its service_request_id.
  std::string Report(const std::string& extra = "", const std::string& code = "FLY") {
    const auto reply = Post("/open311/v2/requests.json",
                            KeyArg() + "&service_code=" + code +
                                "&lat=54.597&long=-5.930&description=Mattress%0D%0Adumped"
                                "&attribute%5Bquantity%5D=van&email=ann%40example.org" +
                                extra);
    EXPECT_EQ(reply.status, 200) << reply.body;
    const auto json = Json(reply);
    if (!json.is_array() || json.as_array().size() != 1) {
      ADD_FAILURE() << reply.body;
      return {};
    }
    return std::string(json.as_array()[0].at("service_request_id").as_string());
  }

  // The error descriptions of an error reply, checked for the spec's shape in its format.
  static std::vector<std::string> ErrorsOf(const Reply& reply, bool xml) {
    std::vector<std::string> descriptions;
    if (xml) {
      auto doc = Xml(reply);
      for (const auto& error : doc.select_nodes("/errors/error")) {
        EXPECT_EQ(std::stoi(Text(error.node(), "code")), reply.status);
        descriptions.push_back(Text(error.node(), "description"));
      }
    } else {
      const auto json = Json(reply);
      EXPECT_TRUE(json.is_array()) << reply.body;
      if (json.is_array()) {
        for (const auto& error : json.as_array()) {
          EXPECT_EQ(error.at("code").as_int64(), reply.status);
          descriptions.emplace_back(error.at("description").as_string());
        }
      }
    }
    EXPECT_FALSE(descriptions.empty()) << reply.body;
    return descriptions;
  }

  static bool Mentions(const std::vector<std::string>& descriptions, const std::string& what) {
    return std::any_of(descriptions.begin(), descriptions.end(),
                       [&](const auto& d) { return d.find(what) != std::string::npos; });
  }

  // Revokes every key of that name, as an administrator would in the database.
  void RevokeKey(const std::string& name) {
    ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) -> Result<void> {
      auto done = tx.session().Exec("UPDATE api_key SET revoked_at = ? WHERE name = ?",
                                    {ToUnixMicros(clock_.Now()), std::string_view{name}});
      if (!done) {
        return done.error();
      }
      return {};
    }));
  }

  std::string key_;
  usecase::CatalogueCache catalogue_cache_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(Open311ConformanceTest, DiscoveryIsAnObjectListingOurEndpointInBothFormats) {
  const auto xml = Get("/open311/v2/discovery.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_NE(xml.content_type.find("xml"), std::string::npos);
  auto doc = Xml(xml);
  const auto endpoint = doc.select_node("/discovery/endpoints/endpoint").node();
  EXPECT_EQ(Text(endpoint, "specification"), "http://wiki.open311.org/GeoReport_v2");
  EXPECT_EQ(Text(endpoint, "url"), "http://127.0.0.1:8080/open311/v2");
  EXPECT_EQ(Text(endpoint, "type"), "test");
  EXPECT_EQ(doc.select_nodes("/discovery/endpoints/endpoint/formats/format").size(), 2U);
  EXPECT_TRUE(std::regex_match(Text(doc.child("discovery"), "changeset"), W3c()));
  EXPECT_FALSE(Text(doc.child("discovery"), "key_service").empty());

  const auto json = Get("/open311/v2/discovery.json");
  ASSERT_EQ(json.status, 200);
  EXPECT_NE(json.content_type.find("application/json"), std::string::npos);
  const auto value = Json(json);
  ASSERT_TRUE(value.is_object());
  EXPECT_EQ(value.at("contact"), "open311@belfastcity.example");
  EXPECT_EQ(value.at("endpoints").as_array().at(0).at("formats").as_array().size(), 2U);
}

TEST_P(Open311ConformanceTest, ServicesListOnlyWhatClientsMayReport) {
  const auto json = Json(Get("/open311/v2/services.json?jurisdiction_id=belfastcity.gov.uk"));
  ASSERT_TRUE(json.is_array());
  std::vector<std::string> codes;
  for (const auto& service : json.as_array()) {
    codes.emplace_back(service.at("service_code").as_string());
    EXPECT_EQ(service.at("type"), "realtime");
    EXPECT_TRUE(service.at("metadata").is_bool());
    EXPECT_TRUE(service.at("service_name").is_string());
    EXPECT_TRUE(service.as_object().contains("keywords"));
    EXPECT_TRUE(service.as_object().contains("group"));
  }
  std::sort(codes.begin(), codes.end());
  // Not the signposted street lights, nor the complaints service.
  EXPECT_EQ(codes, (std::vector<std::string>{"FLY", "GRAF"}));

  auto doc = Xml(Get("/open311/v2/services.xml"));
  const auto fly = doc.select_node("/services/service[service_code='FLY']").node();
  EXPECT_EQ(Text(fly, "metadata"), "true");
  EXPECT_EQ(Text(fly, "group"), "Street cleansing");
  EXPECT_EQ(Text(doc.select_node("/services/service[service_code='GRAF']").node(), "metadata"),
            "false");
}

TEST_P(Open311ConformanceTest, ServiceDefinitionListsAttributesInOrder) {
  const auto json = Json(Get("/open311/v2/services/FLY.json"));
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(json.at("service_code"), "FLY");
  const auto& attributes = json.at("attributes").as_array();
  ASSERT_EQ(attributes.size(), 4U);
  EXPECT_EQ(attributes[0].at("code"), "quantity");
  EXPECT_EQ(attributes[0].at("required"), true);
  EXPECT_EQ(attributes[0].at("order"), 1);
  EXPECT_EQ(attributes[0].at("datatype"), "singlevaluelist");
  EXPECT_EQ(attributes[0].at("values").as_array().size(), 2U);
  EXPECT_EQ(attributes[3].at("variable"), false);

  auto doc = Xml(Get("/open311/v2/services/FLY.xml"));
  EXPECT_EQ(doc.select_nodes("/service_definition/attributes/attribute").size(), 4U);
  EXPECT_EQ(Text(doc.select_node("//attribute[code='waste']/values/value[3]").node(), "key"),
            "tyres");
  // A service without a form still has a definition, with no attributes.
  EXPECT_TRUE(Json(Get("/open311/v2/services/GRAF.json")).at("attributes").as_array().empty());
}

TEST_P(Open311ConformanceTest, UnknownOrSignpostedServiceDefinitionIs404) {
  for (const char* code : {"NOPE", "LIGHT", "COMP"}) {
    for (const bool xml : {true, false}) {
      const auto reply =
          Get(std::string("/open311/v2/services/") + code + (xml ? ".xml" : ".json"));
      EXPECT_EQ(reply.status, 404) << code;
      EXPECT_TRUE(Mentions(ErrorsOf(reply, xml), code));
    }
  }
}

TEST_P(Open311ConformanceTest, PostedRequestIsReadBackWithEveryField) {
  const auto id = Report(
      "&attribute[waste][]=tyres&attribute[waste][]=garden&attribute[fixmystreet_id]=123"
      "&first_name=Ann&last_name=-&address_string=1+Donegall+Sq");
  ASSERT_TRUE(std::regex_match(id, ReferencePattern())) << id;

  const auto json = Json(Get("/open311/v2/requests/" + id + ".json"));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.as_array().size(), 1U);
  const auto& r = json.as_array()[0].as_object();
  EXPECT_EQ(r.at("service_request_id").as_string(), id);
  EXPECT_EQ(r.at("status"), "open");
  EXPECT_EQ(r.at("service_code"), "FLY");
  EXPECT_EQ(r.at("service_name"), "Fly-tipping");
  EXPECT_EQ(r.at("agency_responsible"), "City and Neighbourhood Services");
  EXPECT_EQ(r.at("address"), "1 Donegall Sq");
  EXPECT_NEAR(r.at("lat").as_double(), 54.597, 1e-9);
  EXPECT_NEAR(r.at("long").as_double(), -5.930, 1e-9);
  EXPECT_EQ(r.at("requested_datetime"), "2026-03-02T10:00:00+00:00");
  for (const char* field : {"requested_datetime", "updated_datetime", "expected_datetime"}) {
    ASSERT_TRUE(r.at(field).is_string()) << field;
    EXPECT_TRUE(std::regex_match(std::string(r.at(field).as_string()), W3c())) << field;
  }
  EXPECT_NE(r.at("expected_datetime"), r.at("requested_datetime"));  // the charter's due date
  EXPECT_TRUE(r.at("description").as_string().starts_with("Mattress"));

  auto doc = Xml(Get("/open311/v2/requests/" + id + ".xml"));
  const auto request = doc.select_node("/service_requests/request").node();
  EXPECT_EQ(Text(request, "service_request_id"), id);
  EXPECT_EQ(Text(request, "status"), "open");
  EXPECT_TRUE(std::regex_match(Text(request, "updated_datetime"), W3c()));
}

TEST_P(Open311ConformanceTest, PostAnswersInTheAskedFormatWithTheServiceNotice) {
  const auto reply =
      Post("/open311/v2/requests.xml", KeyArg() + "&service_code=GRAF&address_id=UPRN185000001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto doc = Xml(reply);
  EXPECT_EQ(doc.select_nodes("/service_requests/request").size(), 1U);
  const auto request = doc.select_node("/service_requests/request").node();
  EXPECT_TRUE(std::regex_match(Text(request, "service_request_id"), ReferencePattern()));
  EXPECT_FALSE(Text(request, "service_notice").empty());
  EXPECT_FALSE(request.child("token"));
}

TEST_P(Open311ConformanceTest, PostWithoutAValidKeyIs403) {
  for (const bool xml : {true, false}) {
    const std::string path = std::string("/open311/v2/requests.") + (xml ? "xml" : "json");
    const auto missing = Post(path, "service_code=FLY&lat=54.6&long=-5.9");
    EXPECT_EQ(missing.status, 403);
    EXPECT_TRUE(Mentions(ErrorsOf(missing, xml), "api_key"));
    const auto empty = Post(path, "api_key=&service_code=FLY&lat=54.6&long=-5.9");
    EXPECT_EQ(empty.status, 403);
    const auto wrong = Post(path, "api_key=not-a-key&service_code=FLY&lat=54.6&long=-5.9");
    EXPECT_EQ(wrong.status, 403);
    ErrorsOf(wrong, xml);
    const auto update =
        Post(std::string("/open311/v2/servicerequestupdates.") + (xml ? "xml" : "json"),
             "service_request_id=BCC-26-000001&update_id=1&status=OPEN");
    EXPECT_EQ(update.status, 403);
  }
}

// Creates check the key against the catalogue kept in memory; a key revoked since must be
// refused by the very next create, on this node or another (the database's version moves).
TEST_P(Open311ConformanceTest, ARevokedKeyIsRefusedFromTheNextCreate) {
  ASSERT_FALSE(Report().empty());  // the key is now in memory
  RevokeKey("fixmystreet");
  for (const bool xml : {true, false}) {
    const auto refused = Post(std::string("/open311/v2/requests.") + (xml ? "xml" : "json"),
                              KeyArg() +
                                  "&service_code=FLY&lat=54.597&long=-5.930&description=Mattress"
                                  "&attribute%5Bquantity%5D=van");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_TRUE(Mentions(ErrorsOf(refused, xml), "api_key"));
  }
  const auto list = Get("/open311/v2/requests.json?service_code=FLY");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Json(list).as_array().size(), 1U) << "only the report made before the revocation";
}

TEST_P(Open311ConformanceTest, AKeyMadeAfterTheCacheLoadedWorksAtOnce) {
  ASSERT_FALSE(Report().empty());
  const std::string other = NewApiKey(*store_, clock_, "another-client", "open311");
  const auto reply = Post("/open311/v2/requests.json",
                          "api_key=" + other +
                              "&service_code=FLY&lat=54.597&long=-5.930&description=Mattress"
                              "&attribute%5Bquantity%5D=van");
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_P(Open311ConformanceTest, PostErrorsNameTheArgument) {
  struct Case {
    std::string body;
    int status;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"&lat=54.6&long=-5.9", 400, "service_code"},
      {"&service_code=NOPE&lat=54.6&long=-5.9", 404, "NOPE"},
      {"&service_code=LIGHT&lat=54.6&long=-5.9", 404, "LIGHT"},
      {"&service_code=FLY&lat=north&long=-5.9&attribute[quantity]=van", 400, "lat"},
      {"&service_code=FLY&lat=54.6&long=1e999&attribute[quantity]=van", 400, "long"},
      {"&service_code=FLY&lat=95&long=-5.9&attribute[quantity]=van", 400, "lat"},
      {"&service_code=FLY&lat=54.6&attribute[quantity]=van", 400, "long"},
      {"&service_code=FLY&attribute[quantity]=van", 400, "address_string"},
      {"&service_code=FLY&lat=54.6&long=-5.9", 400, "attribute[quantity]"},
      {"&service_code=FLY&lat=54.6&long=-5.9&attribute[quantity]=lorry", 400,
       "attribute[quantity]"},
      {"&service_code=FLY&lat=54.6&long=-5.9&attribute[quantity]=van&attribute[bags]=many", 400,
       "attribute[bags]"},
      {"&service_code=FLY&lat=54.6&long=-5.9&attribute[quantity]=van&email=not-an-email", 400,
       "email"},
      {"&jurisdiction_id=sfgov.org&service_code=FLY&lat=54.6&long=-5.9", 404, "sfgov.org"},
  };
  for (const auto& c : cases) {
    for (const bool xml : {true, false}) {
      const auto reply =
          Post(std::string("/open311/v2/requests.") + (xml ? "xml" : "json"), KeyArg() + c.body);
      EXPECT_EQ(reply.status, c.status) << c.body << " -> " << reply.body;
      EXPECT_TRUE(Mentions(ErrorsOf(reply, xml), c.mentions)) << c.body << " -> " << reply.body;
    }
  }
}

TEST_P(Open311ConformanceTest, OurJurisdictionOrNoneIsAccepted) {
  Report("&jurisdiction_id=belfastcity.gov.uk");
  Report("&jurisdiction_id=");
  EXPECT_EQ(Get("/open311/v2/services.json?jurisdiction_id=other.example").status, 404);
  EXPECT_EQ(Get("/open311/v2/services.json?jurisdiction_id=").status, 200);
}

TEST_P(Open311ConformanceTest, GetRequestsFiltersByCodeStatusAndDate) {
  const auto first = Report();  // 2026-03-02T10:00Z
  clock_.Advance(hours(24 * 30));
  const auto second = Report("", "GRAF");  // 2026-04-01T10:00Z (BST)
  clock_.Advance(hours(24 * 30));
  const auto third = Report();  // 2026-05-01T10:00Z
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, third, CaseStatus::kResolved, "Cleared", "staff:1"));
  usecase::NewCase complaint;
  complaint.service_code = "COMP";
  complaint.description = "Rude staff";
  complaint.address = "City Hall";
  complaint.actor = "staff:1";
  ASSERT_TRUE(usecase::CreateCase(*ctx_, complaint));

  const auto ids = [&](const std::string& query) {
    const auto reply = Get("/open311/v2/requests.json" + query);
    EXPECT_EQ(reply.status, 200) << query << " -> " << reply.body;
    std::vector<std::string> found;
    const auto json = Json(reply);
    if (json.is_array()) {
      for (const auto& r : json.as_array()) {
        found.emplace_back(r.at("service_request_id").as_string());
      }
    }
    return found;
  };
  using V = std::vector<std::string>;
  // Default window: the last 90 days, newest first; the complaint is never shown.
  EXPECT_EQ(ids(""), (V{third, second, first}));
  EXPECT_EQ(ids("?service_code=FLY"), (V{third, first}));
  EXPECT_EQ(ids("?service_code=FLY,GRAF"), (V{third, second, first}));
  EXPECT_EQ(ids("?service_code=GRAF&service_code=FLY"), (V{third, second, first}));
  EXPECT_EQ(ids("?service_code=COMP"), V{});
  EXPECT_EQ(ids("?status=closed"), V{third});
  EXPECT_EQ(ids("?status=open"), (V{second, first}));
  EXPECT_EQ(ids("?status=open,closed"), (V{third, second, first}));
  EXPECT_EQ(ids("?status=&service_code=&start_date=&end_date=&api_key="),
            (V{third, second, first}));
  EXPECT_EQ(ids("?start_date=2026-03-15T00:00:00Z&end_date=2026-04-15T00:00:00%2B01:00"),
            V{second});
  EXPECT_EQ(ids("?start_date=2026-04-01T11:00:00%2B01:00"), (V{third, second}));
  EXPECT_EQ(ids("?end_date=2026-04-01T10:59:59%2B01:00"), (V{first}));
  // The ids override every other argument.
  EXPECT_EQ(ids("?service_request_id=" + first + "," + third +
                "&status=open&service_code=GRAF&start_date=2030-01-01T00:00:00Z"),
            (V{third, first}));
  EXPECT_EQ(ids("?service_request_id=" + second + "&service_request_id=BCC-26-999999"), V{second});

  auto doc = Xml(Get("/open311/v2/requests.xml?status=closed"));
  const auto closed = doc.select_node("/service_requests/request").node();
  EXPECT_EQ(Text(closed, "status"), "closed");
  EXPECT_EQ(Text(closed, "status_notes"), "Cleared");
  EXPECT_TRUE(
      Xml(Get("/open311/v2/requests.xml?service_code=NONE")).select_node("/service_requests"));
}

TEST_P(Open311ConformanceTest, BadFilterArgumentsAre400) {
  struct Case {
    std::string query;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"status=fixed", "status"},
      {"start_date=yesterday", "start_date"},
      {"end_date=2026-03-02", "end_date"},
      {"start_date=2026-03-02T10:00:00+01:00", "%2B"},
      {"start_date=2026-03-02T10:00:00%2B0100", "start_date"},
      {"start_date=2026-03-02%2010:00:00Z", "start_date"},
      {"start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "90 days"},
      {"start_date=2026-03-02T00:00:00Z&end_date=2026-03-01T00:00:00Z", "end_date"},
  };
  for (const auto& c : cases) {
    for (const bool xml : {true, false}) {
      const auto reply =
          Get(std::string("/open311/v2/requests.") + (xml ? "xml" : "json") + "?" + c.query);
      EXPECT_EQ(reply.status, 400) << c.query;
      EXPECT_TRUE(Mentions(ErrorsOf(reply, xml), c.mentions)) << c.query << " -> " << reply.body;
    }
  }
}

TEST_P(Open311ConformanceTest, UnknownIdsTokensAndFormatsAre404) {
  for (const bool xml : {true, false}) {
    const std::string ext = xml ? ".xml" : ".json";
    const auto request = Get("/open311/v2/requests/BCC-26-999999" + ext);
    EXPECT_EQ(request.status, 404);
    EXPECT_TRUE(Mentions(ErrorsOf(request, xml), "BCC-26-999999"));
    EXPECT_EQ(Get("/open311/v2/requests/not%20a%20ref" + ext).status, 404);
    const auto token = Get("/open311/v2/tokens/abc123" + ext);
    EXPECT_EQ(token.status, 404);
    EXPECT_TRUE(Mentions(ErrorsOf(token, xml), "realtime"));
    EXPECT_EQ(Get("/open311/v2/nothing" + ext).status, 404);
  }
  // Complaints are personal: not offered over Open311.
  const auto complaint =
      Post("/open311/v2/requests.json", KeyArg() + "&service_code=COMP&address_string=City+Hall");
  EXPECT_EQ(complaint.status, 404);
  EXPECT_TRUE(Mentions(ErrorsOf(complaint, false), "COMP"));
  for (const char* path : {"/open311/v2/services.yaml", "/open311/v2/requests.XML",
                           "/open311/v2/requests/BCC-26-000001.html",
                           "/open311/v2/services/FLY.csv", "/open311/v2/tokens/1.txt"}) {
    const auto reply = Get(path);
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_NE(reply.body.find("xml or .json"), std::string::npos) << path;
  }
  EXPECT_EQ(Post("/open311/v2/services.xml", KeyArg()).status, 405);
}

TEST_P(Open311ConformanceTest, UpdatesFeedShowsPublicUpdatesWithStableIds) {
  const auto id = Report();
  clock_.Advance(hours(2));
  ASSERT_TRUE(
      usecase::AddPublicUpdate(*ctx_, id, "Crew booked for Friday", std::nullopt, "staff:1"));
  clock_.Advance(hours(2));
  ASSERT_TRUE(usecase::AddPublicUpdate(*ctx_, id, "Cleared this morning", CaseStatus::kResolved,
                                       "staff:1"));
  ASSERT_TRUE(usecase::AddNote(*ctx_, id, "internal: van 3", "staff:1"));
  const std::string window =
      "?start_date=2026-03-02T09:00:00Z&end_date=2026-03-02T23:00:00Z&api_key=";

  const auto json = Json(Get("/open311/v2/servicerequestupdates.json" + window));
  ASSERT_TRUE(json.is_array());
  std::vector<const boost::json::object*> updates;
  for (const auto& u : json.as_array()) {
    if (u.at("service_request_id").as_string() == id) {
      updates.push_back(&u.as_object());
    }
  }
  ASSERT_EQ(updates.size(), 2U) << json;
  EXPECT_EQ(updates[0]->at("status"), "unchanged");
  EXPECT_EQ(updates[0]->at("description"), "Crew booked for Friday");
  EXPECT_EQ(updates[0]->at("updated_datetime"), "2026-03-02T12:00:00+00:00");
  EXPECT_EQ(updates[1]->at("status"), "fixed");
  EXPECT_TRUE(updates[1]->at("update_id").is_string());
  EXPECT_NE(updates[0]->at("update_id"), updates[1]->at("update_id"));

  // Polled again, in XML: the same ids.
  auto doc = Xml(Get("/open311/v2/servicerequestupdates.xml" + window));
  const auto nodes = doc.select_nodes("/service_request_updates/request_update");
  ASSERT_EQ(nodes.size(), 2U);
  EXPECT_EQ(Text(nodes[0].node(), "update_id"), updates[0]->at("update_id").as_string());
  EXPECT_EQ(Text(nodes[1].node(), "update_id"), updates[1]->at("update_id").as_string());
  EXPECT_EQ(Text(nodes[1].node(), "status"), "fixed");
  EXPECT_TRUE(std::regex_match(Text(nodes[1].node(), "updated_datetime"), W3c()));

  // Outside the window: nothing.
  EXPECT_TRUE(Json(Get("/open311/v2/servicerequestupdates.json?start_date=2026-03-03T00:00:00Z"))
                  .as_array()
                  .empty());
  EXPECT_EQ(Get("/open311/v2/servicerequestupdates.json?end_date=soon").status, 400);
}

TEST_P(Open311ConformanceTest, PostedUpdateIsIdempotentAndCanReopen) {
  const auto id = Report();
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, id, CaseStatus::kResolved, "Cleared", "staff:1"));
  const std::string body = KeyArg() + "&service_request_id=" + id +
                           "&update_id=fms-991&status=OPEN&updated_datetime=2026-03-02T"
                           "11:00:00%2B00:00&description=Still+there&first_name=Ann&last_name=-"
                           "&email=ann%40example.org";
  const auto first = Post("/open311/v2/servicerequestupdates.xml", body);
  ASSERT_EQ(first.status, 200) << first.body;
  auto doc = Xml(first);
  const auto update_id =
      Text(doc.select_node("/service_request_updates/request_update").node(), "update_id");
  EXPECT_FALSE(update_id.empty());
  const auto again = Json(Post("/open311/v2/servicerequestupdates.json", body));
  ASSERT_TRUE(again.is_array());
  EXPECT_EQ(again.as_array().at(0).at("update_id").as_string(), update_id);
  // The customer said it is not fixed: the case is open again.
  const auto read = Json(Get("/open311/v2/requests/" + id + ".json"));
  EXPECT_EQ(read.as_array().at(0).at("status"), "open");
  // The customer's own words are not echoed back as a council update.
  const auto feed =
      Json(Get("/open311/v2/servicerequestupdates.json?start_date=2026-03-02T00:00:00Z"
               "&end_date=2026-03-03T00:00:00Z"));
  for (const auto& u : feed.as_array()) {
    EXPECT_NE(u.at("update_id").as_string(), update_id);
  }
}

TEST_P(Open311ConformanceTest, PostedUpdateErrorsNameTheArgument) {
  const auto id = Report();
  struct Case {
    std::string body;
    int status;
    std::string mentions;
  };
  const std::string ok_date = "&updated_datetime=2026-03-02T11:00:00Z";
  const std::vector<Case> cases = {
      {"&update_id=1&status=OPEN&description=x" + ok_date, 400, "service_request_id"},
      {"&service_request_id=" + id + "&status=OPEN&description=x" + ok_date, 400, "update_id"},
      {"&service_request_id=" + id + "&update_id=1&status=SHINY&description=x" + ok_date, 400,
       "status"},
      {"&service_request_id=" + id +
           "&update_id=1&status=OPEN&description=x"
           "&updated_datetime=2026-03-02T11:00:00+00:00",
       400, "%2B"},
      {"&service_request_id=BCC-26-999999&update_id=1&status=OPEN&description=x" + ok_date, 404,
       "BCC-26-999999"},
  };
  for (const auto& c : cases) {
    for (const bool xml : {true, false}) {
      const auto reply =
          Post(std::string("/open311/v2/servicerequestupdates.") + (xml ? "xml" : "json"),
               KeyArg() + c.body);
      EXPECT_EQ(reply.status, c.status) << c.body << " -> " << reply.body;
      ErrorsOf(reply, xml);
      if (c.status == 400) {
        EXPECT_TRUE(Mentions(ErrorsOf(reply, xml), c.mentions)) << c.body << " -> " << reply.body;
      }
    }
  }
}

TEST_P(Open311ConformanceTest, HostileInputNeverReachesA500) {
  const std::string base = "/open311/v2/requests.xml";
  const std::string good =
      KeyArg() + "&service_code=FLY&lat=54.6&long=-5.9&attribute[quantity]=van";
  std::string many;
  for (int i = 0; i < 5000; ++i) {
    many += "a=1&";
  }
  struct Case {
    std::string body;
    std::string content_type;
    std::vector<int> allowed;
  };
  const std::vector<Case> cases = {
      {good + "&description=%ZZ", "application/x-www-form-urlencoded", {400}},
      {good + "&description=%", "application/x-www-form-urlencoded", {400}},
      {good + "&description=%C3%28", "application/x-www-form-urlencoded", {400}},
      {good + "&%FF%FE=1", "application/x-www-form-urlencoded", {400}},
      {good + "&" + many, "application/x-www-form-urlencoded", {400}},
      {good + "&first_name=" + std::string(100000, 'a'),
       "application/x-www-form-urlencoded",
       {200, 400}},
      {good + "&address_string=" + std::string(100000, 'b'),
       "application/x-www-form-urlencoded",
       {200, 400}},
      {good + "&phone=" + std::string(5000, '7'), "application/x-www-form-urlencoded", {400}},
      {good + "&attribute[bags]=" + std::string(5000, '9'),
       "application/x-www-form-urlencoded",
       {400}},
      {good + "&attribute[" + std::string(5000, 'x') + "]=1",
       "application/x-www-form-urlencoded",
       {200}},
      {good + "&attribute[quantity]=bag", "application/x-www-form-urlencoded", {400}},
      {good + "&media_url=" + std::string(50000, 'u'),
       "application/x-www-form-urlencoded",
       {200, 400}},
      {R"({"service_code":"FLY"})", "application/json", {400}},
      {std::string("\x00\x01\x02\xff garbage", 12),
       "application/x-www-form-urlencoded",
       {400, 403}},
      {"", "", {403}},
      {"--x\r\nbroken", "multipart/form-data; boundary=x", {400}},
      {good, "multipart/form-data", {400}},
  };
  for (const auto& c : cases) {
    const auto reply = Post(base, c.body, c.content_type);
    EXPECT_NE(std::find(c.allowed.begin(), c.allowed.end(), reply.status), c.allowed.end())
        << c.body.substr(0, 120) << " -> " << reply.status << " " << reply.body.substr(0, 300);
    if (reply.status != 200) {
      ErrorsOf(reply, true);
    }
  }
  // A huge description is kept (truncated), never refused: FixMyStreet would resend forever.
  const auto huge = Post(base, good + "&description=" + std::string(60000, 'd'));
  EXPECT_EQ(huge.status, 200) << huge.body.substr(0, 300);
  for (const char* query :
       {"?status=%ZZ", "?service_code=%FF", "?start_date=%C0%80", "?service_request_id=%00",
        "?start_date=99999-01-01T00:00:00Z", "?start_date=-2026-01-01T00:00:00Z",
        "?start_date=2026-13-45T25:61:61Z"}) {
    const auto reply = Get("/open311/v2/requests.json" + std::string(query));
    EXPECT_TRUE(reply.status == 400 || reply.status == 200) << query << " -> " << reply.status;
    if (reply.status == 400) {
      ErrorsOf(reply, false);
    }
  }
  EXPECT_EQ(Get("/open311/v2/requests/%FF%FE.json").status, 404);
  EXPECT_EQ(Get("/open311/v2/requests/" + std::string(3000, 'A') + ".xml").status, 404);
  EXPECT_EQ(Get("/open311/v2/services/%00.json").status, 404);
}

// FixMyStreet posts photos as files (section 5.6); they are attached to the case for staff.
TEST_P(Open311ConformanceTest, MultipartReportKeepsItsPhotos) {
  // The smallest valid PNG: one transparent pixel.
  static constexpr char kPng[] =  // NOLINT(*-avoid-c-arrays): bytes with NULs, sized by sizeof
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\r"
      "IDATx\x9c"
      "c\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xae\x42\x60\x82";
  const std::string png(kPng, sizeof(kPng) - 1);
  std::string body;
  const auto field = [&](const std::string& name, const std::string& value) {
    body +=
        "--b0und\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  field("api_key", key_);
  field("service_code", "FLY");
  field("lat", "54.6");
  field("long", "-5.9");
  field("attribute[quantity]", "bag");
  field("description", "Bags by the bins");
  body +=
      "--b0und\r\nContent-Disposition: form-data; name=\"photo1\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      png + "\r\n--b0und--\r\n";
  const auto reply = Post("/open311/v2/requests.json", body, "multipart/form-data; boundary=b0und");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto id = std::string(Json(reply).as_array().at(0).at("service_request_id").as_string());
  const auto attachments = usecase::ListAttachments(*ctx_, id);
  ASSERT_TRUE(attachments);
  EXPECT_EQ(attachments->size(), 1U);
  // Private, so not the request's media_url until staff publish a photo.
  const auto media_url = [&](const std::string& path) {
    const auto got = Get(path);
    EXPECT_EQ(got.status, 200) << got.body;
    const auto json = Json(got);
    const auto& item = json.as_array().at(0).as_object();
    return item.at("media_url").is_null() ? std::string("null")
                                          : std::string(item.at("media_url").as_string());
  };
  EXPECT_EQ(media_url("/open311/v2/requests/" + id + ".json"), "null");
  ASSERT_TRUE(usecase::AddAttachment(*ctx_, id, "after.png", png, true, "staff:1"));
  const std::string expected = "http://127.0.0.1:8080/media/" + usecase::Sha256Hex(png) + ".png";
  EXPECT_EQ(media_url("/open311/v2/requests/" + id + ".json"), expected);
  EXPECT_EQ(media_url("/open311/v2/requests.json?service_request_id=" + id), expected);
  EXPECT_NE(Get("/open311/v2/requests/" + id + ".xml").body.find("<media_url>" + expected),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Open311ConformanceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
