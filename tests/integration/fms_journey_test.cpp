// FixMyStreet's journey against the real `frontdoor serve`, in XML as FixMyStreet speaks
// it (shared/OPEN311.md section 5): discover, list services, read a definition, send a
// report with attributes, read it back, see an officer's public update in the update feed
// with a stable id, and forward a citizen's comment.
#include <ctime>
#include <regex>

#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <signal.h>

#include "frontdoor/usecase/catalogue.hpp"

#include "process.hpp"
#include "raw_client.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;

// What FixMyStreet sends: W3C date-times in UTC, e.g. 2026-03-02T10:00:00Z.
std::string UtcW3c(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> text{};
  const auto length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return {text.data(), length};
}

struct Reply {
  int status = 0;
  std::string body;
  pugi::xml_document doc;
};

class FmsJourneyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(Backend::kSqlite);
    ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"migrate", "--db", database_->url}).exit_code, 0);
    MakeCatalogue();
    fms_key_ = NewKey("fixmystreet", "open311");
    officer_key_ = NewKey("officer-desk", "staff");
    server_ = Spawn(FRONTDOOR_BINARY, {"serve", "--listen", "127.0.0.1:0", "--db", database_->url});
    ASSERT_GT(server_.pid, 0);
    port_ = ReadPort(server_.stdout_fd);
    ASSERT_NE(port_, 0);
  }

  void TearDown() override {
    if (server_.pid > 0) {
      kill(server_.pid, SIGTERM);
      EXPECT_EQ(WaitExit(server_.pid, milliseconds(20'000)), 0);
      close(server_.stdout_fd);
    }
  }

  // The council's fly-tipping service, as an administrator would set it up. Written through
  // the use cases into the same SQLite file, so the test does not depend on the demo data.
  void MakeCatalogue() {
    const SystemClock clock;
    auto store = OpenTestStore(*database_, clock);
    ASSERT_TRUE(usecase::CreateDepartment(*store, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*store, {"cleansing", "Cleansing", "CNS", {}}));
    usecase::ServiceInput fly;
    fly.code = "fly-tipping";
    fly.name = "Fly-tipping";
    fly.description = "Report rubbish dumped on streets, alleyways or council land.";
    fly.keywords = "fly-tipping,dumping,rubbish";
    fly.group = "Street cleansing";
    fly.department_code = "CNS";
    fly.default_team_code = "cleansing";
    fly.resolve_standard = "SVC-CLEANSE";
    fly.service_notice = "We aim to clear fly-tipping within five working days.";
    fly.form = {
        {"waste_types",
         AttributeDatatype::kMultiValueList,
         true,
         true,
         "What has been dumped?",
         "",
         1,
         {{"bags", "Household bags"}, {"furniture", "Furniture"}, {"tyres", "Tyres"}}},
        {"quantity",
         AttributeDatatype::kSingleValueList,
         true,
         true,
         "How much is there?",
         "",
         2,
         {{"single", "A single item"}, {"van", "A small van load"}}},
        {"private_land",
         AttributeDatatype::kSingleValueList,
         true,
         false,
         "Is it on private land?",
         "",
         3,
         {{"yes", "Yes"}, {"no", "No"}}},
    };
    auto created = usecase::CreateService(*store, clock, fly);
    ASSERT_TRUE(created) << created.error().message();
  }

  std::string NewKey(const std::string& name, const std::string& scope) {
    const auto created = RunToEnd(FRONTDOOR_BINARY, {"apikey", "create", "--name", name, "--scope",
                                                     scope, "--db", database_->url});
    EXPECT_EQ(created.exit_code, 0);
    return created.out.substr(0, created.out.find('\n'));
  }

  // An XML reply, parsed; FixMyStreet's parsers insist on the declaration coming first.
  static Reply Xml(const std::string& raw) {
    Reply reply;
    reply.status = StatusOf(raw);
    reply.body = BodyOf(raw);
    EXPECT_TRUE(reply.body.starts_with(R"(<?xml version="1.0" encoding="utf-8"?>)"))
        << reply.body.substr(0, 120);
    const auto parsed = reply.doc.load_string(reply.body.c_str());
    EXPECT_TRUE(parsed) << parsed.description() << ": " << reply.body.substr(0, 300);
    return reply;
  }

  Reply GetXml(const std::string& path) { return Xml(Get(port_, "/open311/v2/" + path)); }

  std::string Send(const std::string& method, const std::string& path,
                   const std::string& content_type, const std::string& body,
                   const std::string& extra_headers = "") const {
    return HttpRequest(
        port_, method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
                   extra_headers + "Content-Type: " + content_type +
                   "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  Reply PostXml(const std::string& resource, const std::string& form) {
    return Xml(Send("POST", "/open311/v2/" + resource,
                    "application/x-www-form-urlencoded; charset=utf-8", form));
  }

  std::unique_ptr<TestDatabase> database_;
  std::string fms_key_;
  std::string officer_key_;
  Process server_;
  std::uint16_t port_ = 0;
};

TEST_F(FmsJourneyTest, ReportTravelsToTheCouncilAndItsUpdatesComeBack) {
  // 1. Discovery names this endpoint and both formats.
  auto discovery = GetXml("discovery.xml");
  ASSERT_EQ(discovery.status, 200);
  EXPECT_NE(std::string(discovery.doc.select_node("//endpoint/url").node().child_value())
                .find("/open311/v2"),
            std::string::npos);

  // 2. The service list, as FixMyStreet fetches it to build its categories.
  auto services = GetXml("services.xml?jurisdiction_id=belfastcity.gov.uk&api_key=");
  ASSERT_EQ(services.status, 200);
  const auto fly = services.doc.select_node("/services/service[service_code='fly-tipping']").node();
  ASSERT_TRUE(fly) << services.body.substr(0, 500);
  EXPECT_STREQ(fly.child("metadata").child_value(), "true");
  EXPECT_STREQ(fly.child("type").child_value(), "realtime");

  // 3. Its definition: the questions FixMyStreet will ask.
  auto definition = GetXml("services/fly-tipping.xml?jurisdiction_id=belfastcity.gov.uk");
  ASSERT_EQ(definition.status, 200);
  std::vector<std::string> required;
  for (const auto& node :
       definition.doc.select_nodes("/service_definition/attributes/attribute[required='true']")) {
    required.emplace_back(node.node().child_value("code"));
  }
  EXPECT_EQ(required, (std::vector<std::string>{"waste_types", "quantity"}));

  // 4. The report, as FixMyStreet posts it: repeated keys for a multivaluelist, its own
  // extra attributes, CRLF line breaks, "-" for a missing last name.
  const auto posted =
      PostXml("requests.xml",
              "api_key=" + fms_key_ +
                  "&jurisdiction_id=belfastcity.gov.uk&service_code=fly-tipping"
                  "&lat=54.596&long=-5.93&address_string=Entry+behind+Donegall+Pass%2C+Belfast"
                  "&description=Mattress+and+bags%0D%0AIn+the+entry&email=ann%40example.org"
                  "&first_name=Ann&last_name=-&phone=07700900123"
                  "&attribute%5Bwaste_types%5D=bags&attribute%5Bwaste_types%5D=furniture"
                  "&attribute%5Bquantity%5D=van&attribute%5Bfixmystreet_id%5D=4242"
                  "&attribute%5Beasting%5D=333000&attribute%5Bnorthing%5D=373000"
                  "&attribute%5Bclosest_address%5D=Donegall+Pass");
  ASSERT_EQ(posted.status, 200) << posted.body;
  ASSERT_EQ(posted.doc.select_nodes("/service_requests/request").size(), 1U);
  const std::string id =
      posted.doc.select_node("/service_requests/request/service_request_id").node().child_value();
  ASSERT_TRUE(std::regex_match(id, std::regex(R"(BCC-\d\d-\d{6})"))) << id;
  EXPECT_STRNE(posted.doc.select_node("//service_notice").node().child_value(), "");

  // 5. Read back.
  auto read = GetXml("requests/" + id + ".xml?jurisdiction_id=belfastcity.gov.uk");
  ASSERT_EQ(read.status, 200);
  const auto request = read.doc.select_node("/service_requests/request").node();
  EXPECT_STREQ(request.child_value("status"), "open");
  EXPECT_STREQ(request.child_value("service_code"), "fly-tipping");
  const std::regex w3c(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)");
  EXPECT_TRUE(std::regex_match(std::string(request.child_value("updated_datetime")), w3c));
  EXPECT_TRUE(std::regex_match(std::string(request.child_value("expected_datetime")), w3c));

  // 6. An officer posts a public update through the staff API.
  const auto update = Send("POST", "/api/v1/cases/" + id + "/updates", "application/json",
                           R"({"body":"A crew will clear this on Friday","status":"in_progress"})",
                           "Authorization: Bearer " + officer_key_ + "\r\n");
  ASSERT_EQ(StatusOf(update), 201) << BodyOf(update);

  // 7. FixMyStreet's poll: the last two hours, UTC, api_key sent empty.
  const auto now = std::chrono::system_clock::now();
  const std::string window =
      "servicerequestupdates.xml?jurisdiction_id=belfastcity.gov.uk"
      "&api_key=&start_date=" +
      UtcW3c(now - std::chrono::hours(2)) + "&end_date=" + UtcW3c(now + std::chrono::minutes(5));
  auto feed = GetXml(window);
  ASSERT_EQ(feed.status, 200) << feed.body;
  const auto mine = "/service_request_updates/request_update[service_request_id='" + id + "']";
  const auto updates = feed.doc.select_nodes(mine.c_str());
  ASSERT_EQ(updates.size(), 1U) << feed.body;
  const auto first = updates[0].node();
  const std::string update_id = first.child_value("update_id");
  EXPECT_FALSE(update_id.empty());
  EXPECT_STREQ(first.child_value("status"), "in_progress");
  EXPECT_STREQ(first.child_value("description"), "A crew will clear this on Friday");
  EXPECT_TRUE(std::regex_match(std::string(first.child_value("updated_datetime")), w3c));
  // Polled again five minutes later: the same update, the same id.
  auto again = GetXml(window);
  const auto repeat = again.doc.select_nodes(mine.c_str());
  ASSERT_EQ(repeat.size(), 1U);
  EXPECT_EQ(std::string(repeat[0].node().child_value("update_id")), update_id);

  // 8. A citizen's comment on the report, forwarded by FixMyStreet (sent twice, as a retry
  // would): stored once.
  const std::string comment =
      "api_key=" + fms_key_ + "&jurisdiction_id=belfastcity.gov.uk&service_request_id=" + id +
      "&update_id=fms-comment-77&status=OPEN&updated_datetime=" + UtcW3c(now) +
      "&description=Still+there+this+morning&first_name=Ann&last_name=-"
      "&email=ann%40example.org&service_code=fly-tipping";
  auto accepted = PostXml("servicerequestupdates.xml", comment);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const std::string comment_id =
      accepted.doc.select_node("/service_request_updates/request_update/update_id")
          .node()
          .child_value();
  EXPECT_FALSE(comment_id.empty());
  EXPECT_NE(comment_id, update_id);
  auto retried = PostXml("servicerequestupdates.xml", comment);
  ASSERT_EQ(retried.status, 200);
  EXPECT_EQ(std::string(retried.doc.select_node("//update_id").node().child_value()), comment_id);

  // The staff API shows the comment in the case's history.
  const auto staff_view =
      HttpRequest(port_, "GET /api/v1/cases/" + id +
                             " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " +
                             officer_key_ + "\r\n\r\n");
  EXPECT_EQ(StatusOf(staff_view), 200);
  EXPECT_NE(BodyOf(staff_view).find("Still there this morning"), std::string::npos);
}

TEST_F(FmsJourneyTest, SendsWithoutAKeyAreRefusedWith403) {
  const auto refused = PostXml("requests.xml",
                               "jurisdiction_id=belfastcity.gov.uk&service_code=fly-tipping"
                               "&lat=54.596&long=-5.93&attribute%5Bquantity%5D=van");
  EXPECT_EQ(refused.status, 403);
  EXPECT_STREQ(refused.doc.select_node("/errors/error/code").node().child_value(), "403");
}

}  // namespace
}  // namespace frontdoor::testing
