// The staff desktop over real sockets, SQLite and PostgreSQL, as a browser without
// JavaScript uses it: sign-in (errors, lockout, the session cookie's attributes), the
// worklist, the case view and its forms, the CSRF token every form needs, the access policy
// on pages, logging a phone contact that raises a case, and a public update the citizen
// then sees on the portal's track page; the knowledge base's pages and the suggestions
// beside a contact's summary.
#include "frontdoor/web/desktop.hpp"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/case_search.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"
#include "frontdoor/usecase/customers.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/live_charter.hpp"
#include "frontdoor/web/web.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

struct Page {
  int status = 0;
  std::string head;
  std::string body;

  [[nodiscard]] std::string Header(std::string_view name) const {
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = head.find(key);
    if (at == std::string::npos) {
      return {};
    }
    const auto start = at + key.size();
    return head.substr(start, head.find("\r\n", start) - start);
  }
  [[nodiscard]] bool Has(std::string_view text) const {
    return body.find(text) != std::string::npos;
  }
};

// A browser without JavaScript: keeps the cookies it is given, sends forms.
class Browser {
 public:
  explicit Browser(std::uint16_t port) : port_(port) {}

  Page Get(const std::string& target) { return Send("GET", target, ""); }
  Page Post(const std::string& target, const std::map<std::string, std::string>& fields,
            bool with_csrf = true) {
    std::string body;
    for (const auto& [name, value] : fields) {
      body += (body.empty() ? "" : "&") + name + "=" + http::PercentEncode(value);
    }
    if (with_csrf) {
      body += "&csrf_token=" + csrf_;
    }
    return Send("POST", target, body);
  }
  [[nodiscard]] const std::map<std::string, std::string>& cookies() const { return cookies_; }

 private:
  Page Send(std::string_view method, const std::string& target, const std::string& body) {
    std::string request = std::string(method) + " " + target + " HTTP/1.1\r\nHost: test\r\n";
    request += "Accept: text/html\r\n";
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!cookie.empty()) {
      request += "Cookie: " + cookie + "\r\n";
    }
    if (method == "POST") {
      request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n";
    }
    request += "Connection: close\r\n\r\n" + body;
    const std::string raw = HttpRequest(port_, request);
    Page page{StatusOf(raw), raw.substr(0, raw.find("\r\n\r\n")), BodyOf(raw)};
    Remember(page.head);
    static const std::regex kToken(R"re(name="csrf_token" value="([0-9a-f]{64})")re");
    std::smatch match;
    if (std::regex_search(page.body, match, kToken)) {
      csrf_ = match[1];
    }
    return page;
  }

  void Remember(const std::string& head) {
    static const std::regex kSetCookie(R"(\r\nSet-Cookie: ([^=]+)=([^;\r]*)([^\r]*))");
    for (auto it = std::sregex_iterator(head.begin(), head.end(), kSetCookie);
         it != std::sregex_iterator(); ++it) {
      const std::string attributes = (*it)[3];
      if (attributes.find("Max-Age=0") != std::string::npos) {
        cookies_.erase((*it)[1]);
      } else {
        cookies_[(*it)[1]] = (*it)[2];
      }
      set_cookies_.push_back((*it)[0]);
    }
  }

 public:
  std::vector<std::string> set_cookies_;

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

class DesktopTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(AddTwoDepartments(*store_, clock_));
    bin_case_ = Raise("BIN");
    licence_case_ = Raise("LIC");
    for (const char* role : {"agent", "officer"}) {
      ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, role, "CNS"));
    }
    auto site = web::Site::Create({});
    ASSERT_TRUE(site) << site.error().message();
    site_ = std::move(*site);
    const http::Execution reads = Reads();
    web::AddPortalRoutes(router_, *site_, *ctx_, reads);
    knowledge_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{*store_, clock_, knowledge_index_, nullptr});
    for (const auto& [slug, title, audience, publish] :
         std::vector<std::tuple<std::string, std::string, std::string, bool>>{
             {"blue-bin", "What goes in the blue recycling bin", "public", true},
             {"crew-script", "Recycling crew escalation script", "staff", true},
             {"draft-recycling", "Recycling changes next year", "public", false}}) {
      usecase::ArticleInput input;
      input.slug = slug;
      input.title = title;
      input.summary = "About " + title;
      input.body_markdown = "Recycling guidance for **" + audience + "** readers.";
      input.audience = audience;
      auto created = usecase::CreateArticle(*knowledge_, input, "test");
      ASSERT_TRUE(created) << created.error().message();
      if (publish) {
        ASSERT_TRUE(usecase::SetArticlePublished(*knowledge_, created->id, true, "test"));
      }
    }
    ASSERT_TRUE(usecase::LoadCaseIndex(*store_, case_index_));
    web::DesktopSettings desktop;
    desktop.knowledge = knowledge_.get();
    desktop.case_index = &case_index_;
    web::AddDesktopRoutes(router_, *site_, *ctx_, passwords_, desktop);
    server_ = TestServer::Start(router_, 2, 4);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  std::string Raise(const std::string& service) {
    usecase::NewCase input;
    input.service_code = service;
    input.channel = "web";
    input.description = "Reported on the portal";
    input.actor = "portal";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : "";
  }

  Browser SignedIn(const std::string& role) {
    Browser browser(port_);
    EXPECT_EQ(browser.Get("/staff/sign-in").status, 200);
    const Page signed_in = browser.Post(
        "/staff/sign-in",
        {{"email", role + "@council.example"}, {"password", std::string(kStaffPassword)}});
    EXPECT_EQ(signed_in.status, 303) << signed_in.body;
    EXPECT_EQ(signed_in.Header("Location"), "/staff");
    return browser;
  }

  usecase::KnowledgeIndex knowledge_index_;
  std::unique_ptr<usecase::KnowledgeContext> knowledge_;
  std::unique_ptr<web::Site> site_;
  usecase::PasswordChecker passwords_{2};
  std::string bin_case_;
  std::string licence_case_;
  usecase::CaseSearchIndex case_index_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(DesktopTest, PagesNeedASignedInSession) {
  Browser browser(port_);
  const Page worklist = browser.Get("/staff");
  EXPECT_EQ(worklist.status, 303);
  EXPECT_EQ(worklist.Header("Location"), "/staff/sign-in?next=/staff");
  EXPECT_EQ(browser.Get("/staff/").status, 303);
  EXPECT_EQ(browser.Get("/staff/cases/" + bin_case_).status, 303);
}

TEST_P(DesktopTest, SignInSetsAnHttpOnlyLaxSessionCookieAndSignOutEndsIt) {
  Browser browser = SignedIn("officer");
  const auto session =
      std::find_if(browser.set_cookies_.begin(), browser.set_cookies_.end(),
                   [](const std::string& c) { return c.find("fd_staff=") != std::string::npos; });
  ASSERT_NE(session, browser.set_cookies_.end());
  EXPECT_NE(session->find("HttpOnly"), std::string::npos) << *session;
  EXPECT_NE(session->find("SameSite=Lax"), std::string::npos) << *session;
  EXPECT_NE(session->find("Path=/"), std::string::npos) << *session;
  EXPECT_EQ(session->find("Secure"), std::string::npos) << "plain http: " << *session;
  EXPECT_EQ(browser.Get("/staff").status, 200);
  EXPECT_EQ(browser.Get("/staff/").status, 200);
  const Page out = browser.Post("/staff/sign-out", {});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(browser.cookies().count("fd_staff"), 0U);
  EXPECT_EQ(browser.Get("/staff").status, 303);
}

TEST_P(DesktopTest, AWrongPasswordIsShownInTheErrorSummaryAndFiveLockTheAccount) {
  Browser browser(port_);
  browser.Get("/staff/sign-in");
  for (int i = 0; i < 5; ++i) {
    const Page wrong = browser.Post(
        "/staff/sign-in", {{"email", "officer@council.example"}, {"password", "not the password"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_TRUE(wrong.Has("govuk-error-summary")) << wrong.body;
    EXPECT_TRUE(wrong.Has("Enter a correct email address and password"));
    EXPECT_TRUE(wrong.Has("value=\"officer@council.example\""));
  }
  const Page locked = browser.Post("/staff/sign-in", {{"email", "officer@council.example"},
                                                      {"password", std::string(kStaffPassword)}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(locked.Has("locked")) << locked.body;
  const Page empty = browser.Post("/staff/sign-in", {{"email", ""}, {"password", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.Has("href=\"#email\"")) << empty.body;
  EXPECT_TRUE(empty.Has("href=\"#password\""));
}

TEST_P(DesktopTest, AFormPostedWithoutItsCsrfTokenIsRefused) {
  Browser browser = SignedIn("officer");
  browser.Get("/staff/cases/" + bin_case_);
  const Page refused =
      browser.Post("/staff/cases/" + bin_case_ + "/note", {{"body", "Forged"}}, false);
  EXPECT_EQ(refused.status, 403);
  const Page page = browser.Get("/staff/cases/" + bin_case_);
  EXPECT_FALSE(page.Has("Forged"));
  Browser stranger(port_);
  stranger.Get("/staff/sign-in");
  EXPECT_EQ(
      stranger
          .Post("/staff/sign-in",
                {{"email", "officer@council.example"}, {"password", std::string(kStaffPassword)}},
                false)
          .status,
      403);
}

TEST_P(DesktopTest, SearchFindsCasesTheStaffMemberMaySeeWithoutJavaScript) {
  Browser officer = SignedIn("officer");
  const Page bins = officer.Get("/staff/search?q=missed+bins");
  ASSERT_EQ(bins.status, 200) << bins.body;
  EXPECT_TRUE(bins.Has("/staff/cases/" + bin_case_));
  // An officer of CNS may read the licensing department's case (the case page opens it), so
  // search finds it too, by words and by reference.
  EXPECT_TRUE(officer.Get("/staff/search?q=licence").Has(licence_case_));
  EXPECT_TRUE(officer.Get("/staff/search?q=" + licence_case_).Has("/staff/cases/" + licence_case_));
  EXPECT_EQ(officer.Get("/staff/cases/" + licence_case_).status, 200);
  Browser agent = SignedIn("agent");
  EXPECT_TRUE(agent.Get("/staff/search?q=" + licence_case_).Has("/staff/cases/" + licence_case_));
  const Page empty = agent.Get("/staff/search?q=+");
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.Has("govuk-error-summary"));
  EXPECT_EQ(agent.Get("/staff/search").status, 200);
  EXPECT_EQ(Browser(port_).Get("/staff/search?q=bin").status, 303);
}

TEST_P(DesktopTest, TheWorklistIsOrderedByDueDateAndFiltered) {
  clock_.Advance(std::chrono::hours(1));
  const std::string later = Raise("BIN");
  Browser browser = SignedIn("officer");
  const Page all = browser.Get("/staff");
  ASSERT_EQ(all.status, 200);
  const auto first = all.body.find(bin_case_);
  const auto second = all.body.find(later);
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  const Page licensing = browser.Get("/staff?team=licensing");
  EXPECT_TRUE(licensing.Has(licence_case_));
  EXPECT_FALSE(licensing.Has(bin_case_));
  EXPECT_EQ(browser.Get("/staff?status=bogus&page=-4&due=whenever").status, 200);
}

TEST_P(DesktopTest, AnOfficerUpdatesAndClosesACaseAndTheCitizenSeesTheUpdate) {
  Browser browser = SignedIn("officer");
  const Page page = browser.Get("/staff/cases/" + bin_case_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.Has("Reported on the portal"));
  const Page noted = browser.Post("/staff/cases/" + bin_case_ + "/note", {{"body", "Crew told"}});
  EXPECT_EQ(noted.status, 303);
  const Page updated =
      browser.Post("/staff/cases/" + bin_case_ + "/update",
                   {{"body", "Your bin was emptied this morning"}, {"status", "resolved"}});
  EXPECT_EQ(updated.status, 303) << updated.body;
  const Page closed = browser.Post("/staff/cases/" + bin_case_ + "/status", {{"status", "closed"}});
  EXPECT_EQ(closed.status, 303) << closed.body;
  const Page after = browser.Get("/staff/cases/" + bin_case_ + "?done=status");
  EXPECT_TRUE(after.Has("Status changed"));
  EXPECT_TRUE(after.Has("Crew told"));
  Browser citizen(port_);
  const Page track = citizen.Get("/track?reference=" + bin_case_);
  EXPECT_EQ(track.status, 200);
  EXPECT_TRUE(track.Has("Your bin was emptied this morning")) << track.body;
  EXPECT_FALSE(track.Has("Crew told"));
}

TEST_P(DesktopTest, AnInvalidActionShowsTheCasePageWithTheErrorSummary) {
  Browser browser = SignedIn("officer");
  browser.Get("/staff/cases/" + bin_case_);
  const Page empty = browser.Post("/staff/cases/" + bin_case_ + "/note", {{"body", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.Has("govuk-error-summary"));
  EXPECT_TRUE(empty.Has("href=\"#note-body\"")) << empty.body;
  const Page backwards = browser.Post("/staff/cases/" + bin_case_ + "/status", {{"status", "new"}});
  EXPECT_EQ(backwards.status, 422);
  EXPECT_TRUE(backwards.Has("href=\"#status-to\""));
}

TEST_P(DesktopTest, AnOfficerHandsACaseToAColleagueChosenFromThoseWhoCanWorkIt) {
  const auto colleague = usecase::AddStaffUser(
      *store_, clock_,
      {"sam@council.example", "Sam Colleague", "officer", "CNS", std::string(kStaffPassword)});
  const auto elsewhere = usecase::AddStaffUser(
      *store_, clock_,
      {"lee@council.example", "Lee Licensing", "officer", "PE", std::string(kStaffPassword)});
  ASSERT_TRUE(colleague && elsewhere);
  Browser browser = SignedIn("officer");
  const Page page = browser.Get("/staff/cases/" + bin_case_);
  ASSERT_EQ(page.status, 200);
  const std::string sam = "<option value=\"" + std::to_string(colleague->id) + "\"";
  EXPECT_TRUE(page.Has(sam)) << page.body;
  EXPECT_TRUE(page.Has("Pat officer"));
  // Another department's officer could not work it, so is not offered.
  EXPECT_FALSE(page.Has("Lee Licensing"));

  const Page assigned = browser.Post(
      "/staff/cases/" + bin_case_ + "/assign",
      {{"team", "bins"}, {"assignee", std::to_string(colleague->id)}, {"priority", "normal"}});
  EXPECT_EQ(assigned.status, 303) << assigned.body;
  const Page after = browser.Get("/staff/cases/" + bin_case_);
  EXPECT_TRUE(after.Has("Sam Colleague (assigned now)")) << after.body;
  EXPECT_TRUE(after.Has("<dd class=\"govuk-summary-list__value\">"));

  // A crafted form naming someone the list leaves out is refused at the field.
  const Page refused = browser.Post(
      "/staff/cases/" + bin_case_ + "/assign",
      {{"team", "bins"}, {"assignee", std::to_string(elsewhere->id)}, {"priority", "normal"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(refused.Has("href=\"#assign-officer\"")) << refused.body;
  EXPECT_TRUE(refused.Has("Lee Licensing cannot work cases of CNS"));
  const Page garbage = browser.Post("/staff/cases/" + bin_case_ + "/assign",
                                    {{"team", "bins"}, {"assignee", "12abc"}});
  EXPECT_EQ(garbage.status, 422);
  EXPECT_TRUE(garbage.Has("href=\"#assign-officer\""));

  const Page cleared =
      browser.Post("/staff/cases/" + bin_case_ + "/assign",
                   {{"team", "bins"}, {"assignee", "none"}, {"priority", "normal"}});
  EXPECT_EQ(cleared.status, 303);
  EXPECT_FALSE(browser.Get("/staff/cases/" + bin_case_).Has("(assigned now)"));
}

TEST_P(DesktopTest, AnAgentNotesButCannotCloseAnotherDepartmentsCase) {
  Browser browser = SignedIn("agent");
  const Page page = browser.Get("/staff/cases/" + licence_case_);
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.Has("/staff/cases/" + licence_case_ + "/status"));
  EXPECT_TRUE(page.Has("/staff/cases/" + licence_case_ + "/note"));
  EXPECT_EQ(
      browser.Post("/staff/cases/" + licence_case_ + "/status", {{"status", "closed"}}).status,
      403);
  EXPECT_EQ(browser.Post("/staff/cases/" + licence_case_ + "/note", {{"body", "Rang"}}).status,
            303);
  EXPECT_EQ(browser.Post("/staff/cases/" + licence_case_ + "/assign", {{"team", "bins"}}).status,
            403);
}

TEST_P(DesktopTest, AnAgentLogsAPhoneContactThatRaisesACase) {
  Browser browser = SignedIn("agent");
  ASSERT_EQ(browser.Get("/staff/contacts/new").status, 200);
  const Page logged = browser.Post("/staff/contacts", {{"channel", "phone"},
                                                       {"first_name", "Ann"},
                                                       {"last_name", "Resident"},
                                                       {"phone", "028 9032 0202"},
                                                       {"raise_case", "yes"},
                                                       {"service", "BIN"},
                                                       {"description", "Bin missed twice"},
                                                       {"address", "1 High Street"},
                                                       {"outcome", "case_raised"},
                                                       {"summary", "Called about the bin"}});
  ASSERT_EQ(logged.status, 303) << logged.body;
  const std::string location = logged.Header("Location");
  ASSERT_TRUE(location.starts_with("/staff/cases/BCC-26-")) << location;
  const Page raised = browser.Get(location);
  EXPECT_TRUE(raised.Has("Bin missed twice"));
  EXPECT_TRUE(raised.Has("phone"));
  const Page missing = browser.Post("/staff/contacts", {{"channel", "fax"}, {"raise_case", "yes"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(missing.Has("href=\"#channel\""));
  EXPECT_TRUE(missing.Has("href=\"#service\""));
}

TEST_P(DesktopTest, AContactFindsTheCustomerAgainAndTheirTimelineShowsIt) {
  Browser browser = SignedIn("agent");
  browser.Get("/staff/contacts/new");
  const Page logged = browser.Post("/staff/contacts", {{"channel", "face_to_face"},
                                                       {"first_name", "Brid"},
                                                       {"last_name", "Nic Aodha"},
                                                       {"email", "brid@example.org"},
                                                       {"outcome", "information_given"},
                                                       {"summary", "Asked about opening hours"}});
  ASSERT_EQ(logged.status, 303) << logged.body;
  EXPECT_EQ(logged.Header("Location"), "/staff/contacts/new?done=1");
  const Page found = browser.Get("/staff/customers?email=brid%40example.org");
  ASSERT_EQ(found.status, 200);
  static const std::regex kLink(R"re(href="/staff/customers/([0-9]+)")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(found.body, match, kLink)) << found.body;
  const Page customer = browser.Get("/staff/customers/" + std::string(match[1]));
  ASSERT_EQ(customer.status, 200);
  EXPECT_TRUE(customer.Has("Brid Nic Aodha"));
  EXPECT_TRUE(customer.Has("Asked about opening hours")) << customer.body;
  // The same email on the next contact finds the same record rather than a new one.
  browser.Get("/staff/contacts/new");
  ASSERT_EQ(browser
                .Post("/staff/contacts", {{"channel", "phone"},
                                          {"email", "brid@example.org"},
                                          {"outcome", "resolved_first_contact"},
                                          {"summary", "Rang back"}})
                .status,
            303);
  const Page again = browser.Get("/staff/customers/" + std::string(match[1]));
  EXPECT_TRUE(again.Has("Rang back"));
  EXPECT_EQ(browser.Get("/staff/customers/99999").status, 404);
  EXPECT_EQ(browser.Get("/staff/customers/abc").status, 404);
}

TEST_P(DesktopTest, ALongTimelineIsPagedFromTheNewest) {
  usecase::CustomerInput input;
  input.first_name = "Many";
  input.last_name = "Contacts";
  auto customer = usecase::CreateCustomer(*store_, clock_, input);
  ASSERT_TRUE(customer);
  for (int i = 1; i <= 55; ++i) {
    clock_.Advance(std::chrono::minutes(1));
    usecase::InteractionInput contact;
    contact.customer_id = customer->id;
    contact.channel = "phone";
    contact.outcome = "information_given";
    contact.summary = "Call number " + std::to_string(i) + ".";
    ASSERT_TRUE(usecase::LogInteraction(*store_, clock_, contact, {"staff:1", false}));
  }
  Browser browser = SignedIn("agent");
  const std::string path = "/staff/customers/" + std::to_string(customer->id);
  const Page newest = browser.Get(path);
  ASSERT_EQ(newest.status, 200);
  EXPECT_TRUE(newest.Has("Call number 55."));
  EXPECT_TRUE(newest.Has("Call number 6."));
  EXPECT_FALSE(newest.Has("Call number 5."));
  EXPECT_FALSE(newest.Has(">Newest<"));
  static const std::regex kOlder(R"re(href="(/staff/customers/[0-9]+\?after=[^"]+)" rel="next")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(newest.body, match, kOlder)) << newest.body;
  const Page older = browser.Get(match[1]);
  ASSERT_EQ(older.status, 200);
  EXPECT_TRUE(older.Has("Call number 5."));
  EXPECT_TRUE(older.Has("Call number 1."));
  EXPECT_FALSE(older.Has("Call number 6."));
  EXPECT_TRUE(older.Has(">Newest<"));
  EXPECT_FALSE(older.Has("rel=\"next\""));
  // A tampered cursor starts again from the newest rather than failing.
  const Page tampered = browser.Get(path + "?after=t1.x%3Cscript%3E");
  EXPECT_EQ(tampered.status, 303);
  EXPECT_EQ(tampered.Header("Location"), path);
}

TEST_P(DesktopTest, OnlyAnAdminManagesStaffUsers) {
  Browser officer = SignedIn("officer");
  EXPECT_EQ(officer.Get("/staff/admin/users").status, 403);
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser admin = SignedIn("admin");
  const Page users = admin.Get("/staff/admin/users");
  ASSERT_EQ(users.status, 200);
  EXPECT_TRUE(users.Has("officer@council.example"));
  const Page bad = admin.Post("/staff/admin/users", {{"email", "x"}, {"role", "boss"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Has("href=\"#email\""));
  EXPECT_TRUE(bad.Has("href=\"#role\""));
  const Page added = admin.Post("/staff/admin/users", {{"email", "new@council.example"},
                                                       {"name", "New Officer"},
                                                       {"role", "officer"},
                                                       {"department", "PE"},
                                                       {"password", "another long password"}});
  EXPECT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(admin.Get("/staff/admin/users?done=1").Has("new@council.example"));
  // The new officer acts in PE and not in CNS.
  Browser newcomer(port_);
  newcomer.Get("/staff/sign-in");
  ASSERT_EQ(newcomer
                .Post("/staff/sign-in",
                      {{"email", "new@council.example"}, {"password", "another long password"}})
                .status,
            303);
  newcomer.Get("/staff/cases/" + licence_case_);
  EXPECT_EQ(newcomer
                .Post("/staff/cases/" + licence_case_ + "/assign",
                      {{"team", "licensing"}, {"priority", "high"}})
                .status,
            303);
  EXPECT_EQ(
      newcomer
          .Post("/staff/cases/" + bin_case_ + "/assign", {{"team", "bins"}, {"priority", "high"}})
          .status,
      403);
}

TEST_P(DesktopTest, AnAdminAddsATeamAndClosesADay) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser officer = SignedIn("officer");
  EXPECT_EQ(officer.Get("/staff/admin/teams").status, 403);
  EXPECT_EQ(officer.Get("/staff/admin/closures").status, 403);
  Browser admin = SignedIn("admin");
  ASSERT_EQ(admin.Get("/staff/admin/teams").status, 200);
  const Page taken = admin.Post(
      "/staff/admin/teams", {{"code", "bins"}, {"name", "Bins again"}, {"department_code", "CNS"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_TRUE(taken.Has("govuk-error-summary"));
  const Page added = admin.Post(
      "/staff/admin/teams",
      {{"code", "parks"}, {"name", "Parks and Open Spaces"}, {"department_code", "CNS"}});
  EXPECT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(admin.Get("/staff/admin/teams?done=1").Has("Parks and Open Spaces"));

  ASSERT_EQ(admin.Get("/staff/admin/closures").status, 200);
  const Page no_calendar = admin.Post(
      "/staff/admin/closures",
      {{"day-day", "29"}, {"day-month", "12"}, {"day-year", "2026"}, {"name", "Christmas"}});
  EXPECT_EQ(no_calendar.status, 422);
  usecase::CalendarSpec spec;
  spec.code = "belfast";
  spec.name = "Belfast City Council";
  spec.hours = charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17));
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, spec));
  const Page bad =
      admin.Post("/staff/admin/closures",
                 {{"day-day", "31"}, {"day-month", "2"}, {"day-year", "2026"}, {"name", "Never"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Has("href=\"#day\""));
  const Page closed = admin.Post(
      "/staff/admin/closures",
      {{"day-day", "29"}, {"day-month", "12"}, {"day-year", "2026"}, {"name", "Christmas break"}});
  EXPECT_EQ(closed.status, 303) << closed.body;
  const Page listed = admin.Get("/staff/admin/closures?done=1");
  EXPECT_TRUE(listed.Has("2026-12-29"));
  EXPECT_TRUE(listed.Has("Christmas break"));
}

TEST_P(DesktopTest, AnAdminAddsAServiceWithARequiredListQuestionThatThePortalAsks) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser officer = SignedIn("officer");
  EXPECT_EQ(officer.Get("/staff/admin/services").status, 403);
  EXPECT_EQ(officer.Get("/staff/admin/new-service").status, 403);
  EXPECT_EQ(officer.Get("/staff/admin/services/BIN").status, 403);
  EXPECT_EQ(officer.Post("/staff/admin/services", {{"code", "X"}, {"name", "X"}}).status, 403);
  Browser admin = SignedIn("admin");
  const Page list = admin.Get("/staff/admin/services?department=PE");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.Has("Licence enquiry"));
  EXPECT_FALSE(list.Has("Missed bin"));
  EXPECT_TRUE(admin.Get("/staff/admin/services?q=missed").Has("Missed bin"));
  ASSERT_EQ(admin.Get("/staff/admin/new-service").status, 200);
  EXPECT_EQ(
      admin.Post("/staff/admin/services", {{"code", "PARK"}, {"name", "Parks"}}, false).status,
      403);
  const Page bad =
      admin.Post("/staff/admin/services",
                 {{"code", "bad code!"}, {"name", ""}, {"channels", "carrier-pigeon"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Has("govuk-error-summary"));
  EXPECT_TRUE(bad.Has("href=\"#code\""));
  EXPECT_TRUE(bad.Has("href=\"#name\""));
  EXPECT_TRUE(bad.Has("href=\"#channels\""));
  EXPECT_TRUE(bad.Has("id=\"channels\""));  // the summary's link has somewhere to land
  const Page taken = admin.Post("/staff/admin/services", {{"code", "BIN"}, {"name", "Bins"}});
  EXPECT_EQ(taken.status, 422);
  const Page added = admin.Post("/staff/admin/services", {{"code", "GRASS"},
                                                          {"name", "Overgrown grass"},
                                                          {"description", "Grass needs cutting"},
                                                          {"group", "Parks"},
                                                          {"department_code", "CNS"},
                                                          {"default_team_code", "bins"},
                                                          {"case_type", "request"},
                                                          {"channels", "web"},
                                                          {"active", "yes"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.Header("Location"), "/staff/admin/services/GRASS?done=1");
  EXPECT_TRUE(admin.Get("/staff/admin/services/GRASS?done=1").Has("Service saved"));

  const Page no_values = admin.Post("/staff/admin/services/GRASS/attributes",
                                    {{"attribute_code", "where"},
                                     {"attribute_description", "Where is the grass?"},
                                     {"attribute_datatype", "singlevaluelist"},
                                     {"attribute_required", "yes"}});
  EXPECT_EQ(no_values.status, 422);
  EXPECT_TRUE(no_values.Has("href=\"#attribute_values\""));
  EXPECT_EQ(admin
                .Post("/staff/admin/services/GRASS/attributes", {{"attribute_code", "x"},
                                                                 {"attribute_datatype", "colour"},
                                                                 {"attribute_order", "first"}})
                .status,
            422);
  const Page question = admin.Post("/staff/admin/services/GRASS/attributes",
                                   {{"attribute_code", "where"},
                                    {"attribute_description", "Where is the grass?"},
                                    {"attribute_datatype", "singlevaluelist"},
                                    {"attribute_required", "yes"},
                                    {"attribute_values", "park|In a park\nverge|On a verge"}});
  ASSERT_EQ(question.status, 303) << question.body;
  ASSERT_EQ(admin
                .Post("/staff/admin/services/GRASS/attributes",
                      {{"attribute_code", "height"},
                       {"attribute_description", "How tall is it?"},
                       {"attribute_datatype", "string"}})
                .status,
            303);
  EXPECT_EQ(admin.Post("/staff/admin/services/GRASS/attributes/height/up", {}).status, 303);
  auto stored = usecase::GetService(*store_, "GRASS");
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->form.size(), 2U);
  EXPECT_EQ(stored->form[0].code, "height");
  EXPECT_EQ(stored->form[1].code, "where");
  EXPECT_TRUE(stored->form[1].required);
  ASSERT_EQ(stored->form[1].values.size(), 2U);
  EXPECT_EQ(stored->form[1].values[1].name, "On a verge");
  const Page editing = admin.Get("/staff/admin/services/GRASS?attribute=where");
  EXPECT_TRUE(editing.Has("name=\"original\" value=\"where\""));
  EXPECT_EQ(admin.Post("/staff/admin/services/GRASS/attributes/height/remove", {}).status, 303);
  EXPECT_EQ(admin.Post("/staff/admin/services/GRASS/attributes/nothing/remove", {}).status, 404);
  EXPECT_EQ(admin.Get("/staff/admin/services/NOPE").status, 404);

  // Routing: cases of the service anywhere go to the chosen team.
  const Page no_team = admin.Post("/staff/admin/services/GRASS/routing", {{"rule_team", "nobody"}});
  EXPECT_EQ(no_team.status, 422);
  EXPECT_TRUE(no_team.Has("href=\"#rule_team\""));
  ASSERT_EQ(admin.Post("/staff/admin/services/GRASS/routing", {{"rule_team", "licensing"}}).status,
            303);
  const Page routed = admin.Get("/staff/admin/services/GRASS");
  EXPECT_TRUE(routed.Has("<td class=\"govuk-table__cell\">Anywhere</td>"));
  EXPECT_TRUE(routed.Has("<td class=\"govuk-table__cell\">Licensing</td>"));

  // The portal asks the new question at once: the catalogue version moved with the change.
  Browser citizen(port_);
  const Page form = citizen.Get("/services/GRASS");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.Has("Where is the grass?"));
  EXPECT_TRUE(form.Has("On a verge"));
  EXPECT_FALSE(form.Has("How tall is it?"));

  // Editing keeps the form, and switching it off takes it off the portal.
  const Page off = admin.Post("/staff/admin/services/GRASS",
                              {{"name", "Overgrown grass"}, {"department_code", "CNS"}});
  ASSERT_EQ(off.status, 303) << off.body;
  stored = usecase::GetService(*store_, "GRASS");
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->active);
  EXPECT_EQ(stored->form.size(), 1U);
}

// A rule is removed only after a page that names it asks to confirm; the removal needs the
// form's CSRF token, and a rule is reached only through its own service.
TEST_P(DesktopTest, AnAdminRemovesARoutingRuleAfterConfirming) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser admin = SignedIn("admin");
  ASSERT_EQ(admin.Post("/staff/admin/services/BIN/routing", {{"rule_team", "licensing"}}).status,
            303);
  auto rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 1U);
  const std::string remove =
      "/staff/admin/services/BIN/routing/" + std::to_string(rules->front().id) + "/remove";

  const Page service = admin.Get("/staff/admin/services/BIN");
  ASSERT_EQ(service.status, 200);
  EXPECT_TRUE(service.Has("href=\"" + remove + "\"")) << "the rule's Remove button";

  const Page confirm = admin.Get(remove);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(confirm.Has("Remove this routing rule?"));
  EXPECT_TRUE(confirm.Has("Licensing"));
  EXPECT_TRUE(confirm.Has("Anywhere"));
  EXPECT_TRUE(confirm.Has("action=\"" + remove + "\""));
  EXPECT_TRUE(confirm.Has("name=\"csrf_token\""));
  rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->size(), 1U) << "showing the question removes nothing";

  const std::string elsewhere =
      "/staff/admin/services/LIC/routing/" + std::to_string(rules->front().id) + "/remove";
  EXPECT_EQ(admin.Get(elsewhere).status, 404);
  EXPECT_EQ(admin.Post(elsewhere, {}).status, 404);
  EXPECT_EQ(admin.Get("/staff/admin/services/BIN/routing/abc/remove").status, 404);
  EXPECT_EQ(admin.Post(remove, {}, false).status, 403) << "without its CSRF token";
  rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->size(), 1U);

  const Page removed = admin.Post(remove, {});
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_EQ(removed.Header("Location"), "/staff/admin/services/BIN?done=1");
  rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  EXPECT_TRUE(rules->empty());
  EXPECT_TRUE(admin.Get("/staff/admin/services/BIN").Has("No routing rule"));
  EXPECT_EQ(admin.Get(remove).status, 404) << "a removed rule is gone";

  Browser irish = SignedIn("admin");
  ASSERT_EQ(irish.Post("/staff/admin/services/BIN/routing", {{"rule_team", "bins"}}).status, 303);
  rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules && !rules->empty());
  const Page ga = irish.Get("/staff/admin/services/BIN/routing/" +
                            std::to_string(rules->front().id) + "/remove?lang=ga");
  ASSERT_EQ(ga.status, 200);
  EXPECT_TRUE(ga.Has("Sea, bain an riail")) << ga.body;
}

TEST_P(DesktopTest, AnAdminAddsAndEditsACharterStandard) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser officer = SignedIn("officer");
  EXPECT_EQ(officer.Get("/staff/admin/standards").status, 403);
  EXPECT_EQ(officer.Post("/staff/admin/standards", {{"code", "X"}}).status, 403);
  Browser admin = SignedIn("admin");
  ASSERT_EQ(admin.Get("/staff/admin/standards").status, 200);
  EXPECT_EQ(admin.Post("/staff/admin/standards", {{"code", "X"}}, false).status, 403);
  const Page bad = admin.Post("/staff/admin/standards", {{"code", "RESOLVE-10"},
                                                         {"name", ""},
                                                         {"measure", "resolve"},
                                                         {"unit", "fortnights"},
                                                         {"target", "ten"},
                                                         {"threshold_percent", "120"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Has("href=\"#unit\""));
  EXPECT_TRUE(bad.Has("href=\"#target\""));
  const Page range = admin.Post("/staff/admin/standards", {{"code", "RESOLVE-10"},
                                                           {"name", "Resolve"},
                                                           {"measure", "resolve"},
                                                           {"unit", "working_days"},
                                                           {"target", "10"},
                                                           {"threshold_percent", "120"}});
  EXPECT_EQ(range.status, 422);
  EXPECT_TRUE(range.Has("href=\"#threshold_percent\""));
  const Page added = admin.Post("/staff/admin/standards", {{"code", "RESOLVE-10"},
                                                           {"name", "Resolve in 10 days"},
                                                           {"measure", "resolve"},
                                                           {"channel", "phone"},
                                                           {"unit", "working_days"},
                                                           {"target", "10"},
                                                           {"threshold_percent", "95"},
                                                           {"active", "yes"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_TRUE(admin.Get("/staff/admin/standards?done=1").Has("Resolve in 10 days"));
  ASSERT_EQ(admin.Get("/staff/admin/standards/RESOLVE-10").status, 200);
  const Page edited =
      admin.Post("/staff/admin/standards/RESOLVE-10", {{"name", "Resolve in 5 days"},
                                                       {"measure", "resolve"},
                                                       {"unit", "working_days"},
                                                       {"target", "5"},
                                                       {"threshold_percent", "90.5"}});
  ASSERT_EQ(edited.status, 303) << edited.body;
  auto standards = usecase::ListStandards(*store_, true);
  ASSERT_TRUE(standards);
  ASSERT_EQ(standards->size(), 1U);
  EXPECT_EQ(standards->front().standard.target.amount, 5);
  EXPECT_DOUBLE_EQ(standards->front().standard.threshold_percent, 90.5);
  EXPECT_FALSE(standards->front().active);
  EXPECT_EQ(admin.Get("/staff/admin/standards/NOPE").status, 404);
  EXPECT_EQ(admin
                .Post("/staff/admin/standards/NOPE", {{"name", "N"},
                                                      {"measure", "resolve"},
                                                      {"unit", "minutes"},
                                                      {"target", "5"},
                                                      {"threshold_percent", "90"}})
                .status,
            404);
}

// Every /staff route, GET and POST, for each role: 303 to the sign-in page without a session,
// 403 where the policy refuses the role, otherwise the page (200), or what the route answers
// an empty form (422: the gate let it through to validation) or an unknown id (404). A POST
// that passes the gate is also refused (403) without its CSRF token.
TEST_P(DesktopTest, EachRoleGetsTheRightAnswerOnEachRoute) {
  for (const auto& [email, name, role, department] :
       std::vector<std::tuple<std::string, std::string, std::string, std::optional<std::string>>>{
           {"manager@council.example", "Max Manager", "manager", "CNS"},
           {"admin@council.example", "Ada Admin", "admin", std::nullopt},
           {"pe-officer@council.example", "Pel Officer", "officer", "PE"}}) {
    ASSERT_TRUE(usecase::AddStaffUser(
        *store_, clock_, {email, name, role, department, std::string(kStaffPassword)}));
  }
  constexpr int kSignIn = 0;  // 303 to the sign-in page
  struct RouteCase {
    bool is_post;
    std::string target;
    std::array<int, 6> expected;  // anonymous, agent, officer, manager, admin, PE officer
  };
  const std::string bin = "/staff/cases/" + bin_case_;
  std::vector<RouteCase> routes{
      {false, "/staff", {kSignIn, 200, 200, 200, 200, 200}},
      {false, "/staff/", {kSignIn, 200, 200, 200, 200, 200}},
      {false, bin, {kSignIn, 200, 200, 200, 200, 200}},
      {true, bin + "/assign", {kSignIn, 403, 422, 422, 422, 403}},
      {true, bin + "/status", {kSignIn, 422, 422, 422, 422, 403}},
      {true, bin + "/note", {kSignIn, 422, 422, 422, 422, 403}},
      {true, bin + "/update", {kSignIn, 422, 422, 422, 422, 403}},
      {true, bin + "/link", {kSignIn, 422, 422, 422, 422, 403}},
      {false, "/staff/contacts/new", {kSignIn, 200, 200, 200, 200, 200}},
      {true, "/staff/contacts", {kSignIn, 422, 422, 422, 422, 422}},
      {false, "/staff/customers", {kSignIn, 200, 200, 200, 200, 200}},
      {false, "/staff/customers/99999", {kSignIn, 404, 404, 404, 404, 404}},
      {false, "/staff/admin/users", {kSignIn, 403, 403, 403, 200, 403}},
      {true, "/staff/admin/users", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/teams", {kSignIn, 403, 403, 403, 200, 403}},
      {true, "/staff/admin/teams", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/closures", {kSignIn, 403, 403, 403, 200, 403}},
      {true, "/staff/admin/closures", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/services", {kSignIn, 403, 403, 403, 200, 403}},
      {true, "/staff/admin/services", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/new-service", {kSignIn, 403, 403, 403, 200, 403}},
      {false, "/staff/admin/services/BIN", {kSignIn, 403, 403, 403, 200, 403}},
      {false, "/staff/admin/services/NOPE", {kSignIn, 403, 403, 403, 404, 403}},
      {true, "/staff/admin/services/BIN", {kSignIn, 403, 403, 403, 422, 403}},
      {true, "/staff/admin/services/BIN/attributes", {kSignIn, 403, 403, 403, 422, 403}},
      {true, "/staff/admin/services/BIN/attributes/none/up", {kSignIn, 403, 403, 403, 404, 403}},
      {true, "/staff/admin/services/BIN/routing", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/services/BIN/routing/99/remove", {kSignIn, 403, 403, 403, 404, 403}},
      {true, "/staff/admin/services/BIN/routing/99/remove", {kSignIn, 403, 403, 403, 404, 403}},
      {false, "/staff/admin/standards", {kSignIn, 403, 403, 403, 200, 403}},
      {true, "/staff/admin/standards", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/standards/NOPE", {kSignIn, 403, 403, 403, 404, 403}},
      {true, "/staff/admin/standards/NOPE", {kSignIn, 403, 403, 403, 422, 403}},
      {false, "/staff/admin/opening-hours", {kSignIn, 403, 403, 403, 200, 403}},
      {false, "/staff/admin/opening-hours/NOPE", {kSignIn, 403, 403, 403, 404, 403}},
      {true, "/staff/admin/opening-hours/NOPE", {kSignIn, 403, 403, 403, 404, 403}},
  };
  // The knowledge base's administration: managing knowledge is for managers and admins.
  const auto blue_bin = usecase::GetArticleBySlug(*knowledge_, "blue-bin");
  ASSERT_TRUE(blue_bin);
  const std::string article = "/staff/admin/articles/" + std::to_string(blue_bin->id);
  auto group = usecase::CreateSynonym(*knowledge_, {"bin", "wheelie bin"});
  ASSERT_TRUE(group);
  const std::string synonyms = "/staff/admin/synonyms/" + std::to_string(group->id);
  for (const auto& [is_post, target, manager] : std::vector<std::tuple<bool, std::string, int>>{
           {false, "/staff/admin/articles", 200},
           {false, "/staff/admin/articles?state=withdrawn&overdue=yes", 200},
           {true, "/staff/admin/articles", 422},
           {false, "/staff/admin/new-article", 200},
           {false, article, 200},
           {false, "/staff/admin/articles/99999", 404},
           {false, "/staff/admin/articles/x", 404},
           {true, article, 422},
           {true, article + "/publish", 303},
           {true, article + "/delete", 404},
           {false, article + "/versions", 200},
           {false, article + "/versions?from=1&to=99", 422},
           {false, article + "/versions/1", 200},
           {false, article + "/versions/99", 404},
           {false, "/staff/admin/synonyms", 200},
           {true, "/staff/admin/synonyms", 422},
           {false, synonyms, 200},
           {false, "/staff/admin/synonyms/99999", 404},
           {true, synonyms, 422},
           {false, synonyms + "/delete", 200},
           {true, "/staff/admin/synonyms/99999/delete", 404}}) {
    routes.push_back({is_post, target, {kSignIn, 403, 403, manager, manager, 403}});
  }
  std::vector<Browser> browsers{Browser(port_),      SignedIn("agent"), SignedIn("officer"),
                                SignedIn("manager"), SignedIn("admin"), SignedIn("pe-officer")};
  browsers[0].Get("/staff/sign-in");  // a CSRF token, so that only the session is missing
  const std::array<std::string, 6> names{"anonymous", "agent", "officer",
                                         "manager",   "admin", "PE officer"};
  for (const RouteCase& route : routes) {
    for (std::size_t who = 0; who < browsers.size(); ++who) {
      SCOPED_TRACE(names.at(who) + " " + (route.is_post ? "POST " : "GET ") + route.target);
      Browser& browser = browsers[who];
      const Page page = route.is_post ? browser.Post(route.target, {}) : browser.Get(route.target);
      const int expected = route.expected.at(who);
      if (expected == kSignIn) {
        EXPECT_EQ(page.status, 303);
        EXPECT_TRUE(page.Header("Location").starts_with("/staff/sign-in")) << page.head;
        continue;
      }
      EXPECT_EQ(page.status, expected);
      if (route.is_post && expected != 403) {
        EXPECT_EQ(browser.Post(route.target, {}, false).status, 403) << "without its CSRF token";
      }
    }
  }
}

TEST_P(DesktopTest, EveryDesktopPageSwitchesToIrish) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser admin = SignedIn("admin");
  const Page worklist = admin.Get("/staff?lang=ga");
  ASSERT_EQ(worklist.status, 200);
  EXPECT_TRUE(worklist.Has("<html lang=\"ga\""));
  EXPECT_TRUE(worklist.Has("Liosta oibre"));
  EXPECT_TRUE(worklist.Has("Sínigh amach"));
  EXPECT_TRUE(worklist.Has("href=\"/staff?lang=en\""));  // the switch back
  // The choice is remembered: later pages need no ?lang.
  for (const auto& [target, text] : std::vector<std::pair<std::string, std::string>>{
           {"/staff/cases/" + bin_case_, "Stair"},
           {"/staff/contacts/new", "Taifead teagmháil"},
           {"/staff/customers", "Aimsigh custaiméir"},
           {"/staff/admin/users", "Úsáideoirí foirne"},
           {"/staff/admin/teams", "Cuir foireann leis"},
           {"/staff/admin/closures", "Laethanta dúnta"},
           {"/staff/admin/services", "Scag na seirbhísí"},
           {"/staff/admin/new-service", "Sábháil an tseirbhís"},
           {"/staff/admin/services/BIN", "Cuir ceist leis"},
           {"/staff/admin/standards", "Caighdeáin na cairte"},
           {"/staff/admin/opening-hours", "Uaireanta oscailte seachtainiúla gach féilire"},
           {"/staff/admin/articles", "Scag na hailt"},
           {"/staff/admin/new-article", "Sábháil an t-alt"},
           {"/staff/admin/synonyms", "Cuir grúpa comhchiallach leis"}}) {
    const Page page = admin.Get(target);
    EXPECT_EQ(page.status, 200) << target;
    EXPECT_TRUE(page.Has(text)) << target;
  }
  const Page invalid = admin.Post("/staff/admin/standards", {{"code", "X"}, {"unit", "weeks"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(invalid.Has("Roghnaigh laethanta oibre, uaireanta oibre nó nóiméid"));
}

TEST_P(DesktopTest, AnAdminSetsTheOpeningHoursOfAnyCalendarWithoutARestart) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "admin", std::nullopt, "Ada Admin"));
  Browser officer = SignedIn("officer");
  EXPECT_EQ(officer.Get("/staff/admin/opening-hours").status, 403);
  EXPECT_EQ(officer.Post("/staff/admin/opening-hours/belfast", {{"hours-1-opens", "09:00"}}).status,
            403);
  Browser admin = SignedIn("admin");
  const Page none = admin.Get("/staff/admin/opening-hours");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.Has("seed the charter first"));
  EXPECT_EQ(admin.Get("/staff/admin/opening-hours/belfast").status, 404);
  for (const auto& [code, name, closes] : {std::tuple{"belfast", "Belfast City Council", 17},
                                           std::tuple{"phones", "Contact centre", 20}}) {
    usecase::CalendarSpec spec;
    spec.code = code;
    spec.name = name;
    spec.hours =
        charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(closes));
    ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, spec));  // the first is the default
  }
  // The desktop's use cases refresh the live charter this context counts with.
  auto live = usecase::LiveCharter::Open(*store_, usecase::LoadCharterSnapshot);
  ASSERT_TRUE(live) << live.error().message();
  ctx_->live_charter = live->get();
  const auto version = (*live)->Current()->version;

  const Page list = admin.Get("/staff/admin/opening-hours");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.Has("Belfast City Council"));
  EXPECT_TRUE(list.Has("Contact centre"));
  EXPECT_TRUE(list.Has("09:00\u201317:00"));
  EXPECT_TRUE(list.Has("09:00\u201320:00"));
  EXPECT_TRUE(list.Has("href=\"/staff/admin/opening-hours/phones\""));
  EXPECT_FALSE(list.Has("restart"));
  const Page stored = admin.Get("/staff/admin/opening-hours/phones");
  ASSERT_EQ(stored.status, 200);
  EXPECT_TRUE(
      stored.Has("id=\"hours-5-closes\" name=\"hours-5-closes\" type=\"text\" value=\"20:00\""))
      << stored.body;
  EXPECT_TRUE(stored.Has("action=\"/staff/admin/opening-hours/phones\""));
  EXPECT_EQ(
      admin.Post("/staff/admin/opening-hours/phones", {{"hours-1-opens", "08:30"}}, false).status,
      403);
  const Page bad = admin.Post("/staff/admin/opening-hours/phones", {{"hours-1-opens", "9am"},
                                                                    {"hours-1-closes", "17:00"},
                                                                    {"hours-2-opens", "17:00"},
                                                                    {"hours-2-closes", "09:00"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.Has("href=\"#hours-1-opens\""));
  EXPECT_TRUE(bad.Has("href=\"#hours-2-closes\""));
  EXPECT_TRUE(bad.Has("value=\"9am\""));  // what was sent is shown again
  const Page closed_all_week = admin.Post("/staff/admin/opening-hours/phones", {});
  EXPECT_EQ(closed_all_week.status, 422);
  EXPECT_TRUE(closed_all_week.Has("href=\"#hours-1-opens\""));
  EXPECT_EQ((*live)->Current()->version, version) << "nothing saved, nothing rebuilt";
  std::map<std::string, std::string> week;
  for (int day = 1; day <= 6; ++day) {
    week["hours-" + std::to_string(day) + "-opens"] = "08:30";
    week["hours-" + std::to_string(day) + "-closes"] = "16:30";
  }
  const Page saved = admin.Post("/staff/admin/opening-hours/phones", week);
  ASSERT_EQ(saved.status, 303) << saved.body;
  const Page done = admin.Get("/staff/admin/opening-hours?done=1");
  EXPECT_TRUE(done.Has("Opening hours saved"));
  EXPECT_TRUE(done.Has("cases already open keep their due dates"));
  EXPECT_TRUE(done.Has("08:30\u201316:30"));
  auto phones = usecase::GetCalendar(*store_, "phones");
  ASSERT_TRUE(phones);
  ASSERT_EQ(phones->hours.size(), 6U);
  EXPECT_EQ(phones->hours.front().opens_minute, 8 * 60 + 30);
  EXPECT_EQ(phones->hours.back().closes_minute, 16 * 60 + 30);
  EXPECT_FALSE(phones->calendar.is_default) << "editing hours keeps the default where it was";
  auto belfast = usecase::GetCalendar(*store_, "belfast");
  ASSERT_TRUE(belfast);
  EXPECT_TRUE(belfast->calendar.is_default);
  EXPECT_EQ(belfast->hours.front().closes_minute, 17 * 60);
  EXPECT_GT((*live)->Current()->version, version) << "rebuilt without a restart";

  // The default calendar's new hours are what the live charter counts with at once.
  const Page shorter = admin.Post("/staff/admin/opening-hours/belfast",
                                  {{"hours-1-opens", "10:00"}, {"hours-1-closes", "12:00"}});
  ASSERT_EQ(shorter.status, 303) << shorter.body;
  EXPECT_FALSE((*live)->Current()->calendar.IsWorkingDay(
      charter::Date{std::chrono::March / 3 / 2026}));  // Tuesday: now closed
  ctx_->live_charter = nullptr;
}

TEST_P(DesktopTest, StaffSeeStaffAndPublicArticlesButNoDrafts) {
  Browser anonymous(port_);
  EXPECT_EQ(anonymous.Get("/staff/knowledge?q=recycling").status, 303);
  EXPECT_EQ(anonymous.Get("/staff/knowledge/crew-script").status, 303);
  EXPECT_EQ(anonymous.Get("/staff/article-suggestions?q=recycling").status, 303);
  Browser agent = SignedIn("agent");
  const Page found = agent.Get("/staff/knowledge?q=recyling");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_TRUE(found.Has("href=\"/staff/knowledge/blue-bin\""));
  EXPECT_TRUE(found.Has("href=\"/staff/knowledge/crew-script\""));
  EXPECT_FALSE(found.Has("draft-recycling"));
  EXPECT_TRUE(found.Has("<mark>"));
  const Page article = agent.Get("/staff/knowledge/crew-script");
  EXPECT_EQ(article.status, 200);
  EXPECT_TRUE(article.Has("Staff only"));
  EXPECT_TRUE(article.Has("<strong>staff</strong>"));
  EXPECT_EQ(agent.Get("/staff/knowledge/draft-recycling").status, 404);
  EXPECT_EQ(agent.Get("/staff/knowledge/nothing-here").status, 404);
  const Page too_long = agent.Get("/staff/knowledge?q=" + std::string(400, 'a'));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(too_long.Has("href=\"#q\""));
  EXPECT_EQ(agent.Get("/staff/knowledge?q=%FF&page=-1").status, 200) << "read as no search";
  EXPECT_EQ(agent.Get("/staff/knowledge?q=bin&page=zz").status, 200);
}

TEST_P(DesktopTest, SuggestionsComeAsJsonWhileTypingAndWithTheButtonWithout) {
  Browser agent = SignedIn("agent");
  const Page json = agent.Get("/staff/article-suggestions?q=recycl");
  ASSERT_EQ(json.status, 200);
  EXPECT_TRUE(json.Header("Content-Type").starts_with("application/json"));
  EXPECT_TRUE(json.Has("\"href\":\"/staff/knowledge/blue-bin\""));
  EXPECT_TRUE(json.Has("\"href\":\"/staff/knowledge/crew-script\""));
  EXPECT_FALSE(json.Has("draft-recycling"));
  EXPECT_EQ(agent.Get("/staff/article-suggestions?q=" + std::string(400, 'a')).body,
            "{\"results\":[]}");
  EXPECT_EQ(agent.Get("/staff/article-suggestions?q=%3Cscript%3E").status, 200);

  const Page contact = agent.Get("/staff/contacts/new");
  EXPECT_TRUE(contact.Has("aria-live=\"polite\""));
  EXPECT_TRUE(contact.Has("src=\"/assets/suggest."));
  const Page suggested = agent.Post("/staff/contacts", {{"channel", "phone"},
                                                        {"first_name", "Ann"},
                                                        {"summary", "recycling bin question"},
                                                        {"find_articles", "yes"}});
  ASSERT_EQ(suggested.status, 200) << suggested.body;
  EXPECT_TRUE(suggested.Has("href=\"/staff/knowledge/blue-bin\""));
  EXPECT_TRUE(suggested.Has(" suggested</p>")) << "said in the live region";
  EXPECT_TRUE(suggested.Has("value=\"Ann\"")) << "what was typed is kept";
  EXPECT_TRUE(suggested.Has(">recycling bin question</textarea>"));
  auto customers = usecase::SearchCustomers(
      *store_, {.name = "Ann", .email = {}, .phone = {}, .postcode = {}, .reference = {}});
  ASSERT_TRUE(customers);
  EXPECT_TRUE(customers->empty()) << "nothing is logged by asking for suggestions";
  EXPECT_EQ(
      agent.Post("/staff/contacts", {{"summary", "recycling"}, {"find_articles", "yes"}}, false)
          .status,
      403);
}

TEST_P(DesktopTest, AManagerWritesPreviewsPublishesAndRevisesAnArticle) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "manager", "CNS", "Max Manager"));
  Browser manager = SignedIn("manager");
  const Page list = manager.Get("/staff");
  EXPECT_TRUE(list.Has("href=\"/staff/admin/articles\"")) << "the navigation links the pages";
  EXPECT_FALSE(SignedIn("agent").Get("/staff").Has("href=\"/staff/admin/articles\""));
  ASSERT_EQ(manager.Get("/staff/admin/new-article").status, 200);

  // Every problem is named in the error summary, and what was typed is shown again.
  const Page invalid = manager.Post("/staff/admin/articles", {{"title", ""},
                                                              {"body_markdown", " "},
                                                              {"audience", "everyone"},
                                                              {"owner", "team:nobody"},
                                                              {"review_by", "next year"},
                                                              {"keywords", "kerb, verge"}});
  EXPECT_EQ(invalid.status, 422);
  for (const char* field : {"title", "body_markdown", "audience", "review_by"}) {
    EXPECT_TRUE(invalid.Has("href=\"#" + std::string(field) + "\"")) << field;
  }
  EXPECT_TRUE(invalid.Has("value=\"kerb, verge\""));
  const Page unknown = manager.Post("/staff/admin/articles", {{"title", "Garden waste"},
                                                              {"body_markdown", "Brown bins."},
                                                              {"audience", "public"},
                                                              {"owner", "team:nobody"},
                                                              {"services", "NOPE"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.Has("href=\"#owner\""));
  EXPECT_TRUE(unknown.Has("href=\"#services\""));

  // The preview is the stored renderer's HTML, sanitised, and saves nothing.
  const std::map<std::string, std::string> article{
      {"title", "Garden waste collections"},
      {"summary", "When the brown bin is emptied"},
      {"body_markdown", "Brown bins are emptied **fortnightly**.\n\n<script>alert(1)</script>"},
      {"audience", "public"},
      {"services", "BIN"},
      {"owner", "team:bins"},
      {"review_by", "2026-01-31"},
      {"keywords", "compost, hedge cuttings"}};
  auto preview_form = article;
  preview_form["intent"] = "preview";
  const Page preview = manager.Post("/staff/admin/articles", preview_form);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_TRUE(preview.Has("<strong>fortnightly</strong>"));
  EXPECT_FALSE(preview.Has("<script>alert(1)</script>"));
  EXPECT_TRUE(preview.Has(">Brown bins are emptied **fortnightly**."));
  auto none = usecase::GetArticleBySlug(*knowledge_, "garden-waste-collections");
  ASSERT_FALSE(none);

  const Page created = manager.Post("/staff/admin/articles", article);
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string edit =
      created.Header("Location").substr(0, created.Header("Location").find('?'));
  EXPECT_TRUE(edit.starts_with("/staff/admin/articles/")) << edit;
  const Page saved = manager.Get(created.Header("Location"));
  EXPECT_TRUE(saved.Has("Article saved"));
  EXPECT_TRUE(saved.Has("Draft"));
  EXPECT_TRUE(saved.Has("Helpful: 0"));
  EXPECT_EQ(manager.Post(edit + "/publish", {}, false).status, 403) << "without its CSRF token";
  ASSERT_EQ(manager.Post(edit + "/publish", {}).status, 303);
  const Page found = manager.Get("/staff/knowledge?q=hedge+cuttings");
  EXPECT_TRUE(found.Has("href=\"/staff/knowledge/garden-waste-collections\"")) << found.body;

  // Overdue for review (the clock says 2 March 2026), listed by the filters.
  const Page overdue =
      manager.Get("/staff/admin/articles?overdue=yes&state=published&owner=team%3Abins");
  EXPECT_TRUE(overdue.Has("Garden waste collections"));
  EXPECT_TRUE(overdue.Has("Overdue"));
  EXPECT_FALSE(overdue.Has("What goes in the blue recycling bin"));
  EXPECT_FALSE(manager.Get("/staff/admin/articles?state=draft").Has("Garden waste collections"));

  // A revision: a stale version number is refused, the current one saves version 3.
  auto revised = article;
  revised["body_markdown"] = "Brown bins are emptied **weekly** in summer.";
  revised["version"] = "1";
  EXPECT_EQ(manager.Post(edit, revised).status, 409);
  revised["version"] = "2";
  ASSERT_EQ(manager.Post(edit, revised).status, 303);
  const Page history = manager.Get(edit + "/versions");
  ASSERT_EQ(history.status, 200);
  EXPECT_TRUE(
      history.Has("<del><span class=\"govuk-visually-hidden\">Removed: </span>- Brown bins "
                  "are emptied **fortnightly**."))
      << history.body;
  EXPECT_TRUE(
      history.Has("<ins><span class=\"govuk-visually-hidden\">Added: </span>+ Brown bins "
                  "are emptied **weekly** in summer.</ins>"));
  const Page first = manager.Get(edit + "/versions/1");
  EXPECT_EQ(first.status, 200);
  EXPECT_TRUE(first.Has("<strong>fortnightly</strong>"));
  ASSERT_EQ(manager.Post(edit + "/withdraw", {}).status, 303);
  EXPECT_TRUE(manager.Get("/staff/admin/articles?state=withdrawn").Has("Garden waste collections"));
  EXPECT_EQ(manager.Get("/staff/knowledge/garden-waste-collections").status, 404);
  EXPECT_TRUE(manager.Get("/staff/admin/articles?lang=ga").Has("Ailt"));
}

TEST_P(DesktopTest, AManagerMaintainsSynonymsThatSearchUsesAtOnce) {
  ASSERT_NO_FATAL_FAILURE(AddStaffMember(*store_, clock_, "manager", "CNS", "Max Manager"));
  Browser manager = SignedIn("manager");
  EXPECT_FALSE(manager.Get("/staff/knowledge?q=kerbside").Has("blue-bin"));
  const Page one = manager.Post("/staff/admin/synonyms", {{"phrases", "kerbside"}});
  EXPECT_EQ(one.status, 422);
  EXPECT_TRUE(one.Has("href=\"#phrases\""));
  const Page blank =
      manager.Post("/staff/admin/synonyms", {{"phrases", "kerbside\n\nrecycling\n"}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_TRUE(blank.Has("Line 2: ")) << blank.body;
  const Page long_phrase =
      manager.Post("/staff/admin/synonyms", {{"phrases", "kerbside\n" + std::string(81, 'a')}});
  EXPECT_EQ(long_phrase.status, 422);
  EXPECT_EQ(
      manager.Post("/staff/admin/synonyms", {{"phrases", "kerbside\nrecycling"}}, false).status,
      403);
  const Page added =
      manager.Post("/staff/admin/synonyms", {{"phrases", "kerbside\r\nrecycling\r\n"}});
  ASSERT_EQ(added.status, 303) << added.body;
  const Page listed = manager.Get(added.Header("Location"));
  EXPECT_TRUE(listed.Has("kerbside ~ recycling"));
  EXPECT_TRUE(listed.Has("Synonyms saved"));
  EXPECT_TRUE(manager.Get("/staff/knowledge?q=kerbside").Has("href=\"/staff/knowledge/blue-bin\""))
      << "in effect at once";
  auto groups = usecase::ListSynonyms(*knowledge_);
  ASSERT_TRUE(groups);
  ASSERT_EQ(groups->size(), 1U);
  const std::string group = "/staff/admin/synonyms/" + std::to_string(groups->front().id);
  EXPECT_TRUE(manager.Get(group).Has(">kerbside\nrecycling</textarea>"));
  ASSERT_EQ(manager.Post(group, {{"phrases", "doorstep\nrecycling"}}).status, 303);
  EXPECT_TRUE(manager.Get("/staff/knowledge?q=doorstep").Has("href=\"/staff/knowledge/blue-bin\""));
  const Page confirm = manager.Get(group + "/delete");
  EXPECT_TRUE(confirm.Has("doorstep ~ recycling"));
  EXPECT_EQ(manager.Post(group + "/delete", {}, false).status, 403);
  ASSERT_EQ(manager.Post(group + "/delete", {}).status, 303);
  EXPECT_FALSE(manager.Get("/staff/knowledge?q=doorstep").Has("blue-bin"));
  EXPECT_EQ(manager.Get(group).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, DesktopTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
