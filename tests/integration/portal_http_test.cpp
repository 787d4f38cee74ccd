// The citizen portal over real sockets, on SQLite and PostgreSQL: assets (fingerprints,
// caching, no path traversal), the CSRF check, a report with errors then without, a photo,
// the confirmation, tracking, the HTML 404, and the help pages (search, articles, feedback,
// the help session for deflection). Browser journeys are in tests/e2e.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/web/web.hpp"

#include "attachment_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"

namespace frontdoor::testing {
namespace {

struct Reply {
  int status = 0;
  std::string head;
  std::string body;

  // The first header of that name; `nth` for later ones.
  [[nodiscard]] std::string Header(std::string_view name, int nth = 0) const {
    const std::string key = "\r\n" + std::string(name) + ": ";
    auto at = head.find(key);
    for (int i = 0; i < nth && at != std::string::npos; ++i) {
      at = head.find(key, at + key.size());
    }
    if (at == std::string::npos) {
      return {};
    }
    const auto start = at + key.size();
    return head.substr(start, head.find("\r\n", start) - start);
  }
};

// The value of a hidden or text input named `name` in a page.
std::string InputValue(const std::string& html, const std::string& name) {
  const auto at = html.find("name=\"" + name + "\" value=\"");
  if (at == std::string::npos) {
    return {};
  }
  const auto start = at + name.size() + 15;
  return html.substr(start, html.find('"', start) - start);
}

class PortalHttpTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    world_ = std::make_unique<AttachmentWorld>(GetParam());
    usecase::ServiceInput bins;
    bins.code = "missed-bin";
    bins.name = "Missed bin collection";
    bins.group = "Bins and recycling";
    bins.keywords = "bin,collection";
    bins.department_code = "CNS";
    Attribute which;
    which.code = "bin_type";
    which.datatype = AttributeDatatype::kSingleValueList;
    which.required = true;
    which.description = "Which bin was missed?";
    which.order = 1;
    which.values = {{"black", "Black bin"}, {"blue", "Blue bin"}};
    Attribute when;
    when.code = "due_on";
    when.datatype = AttributeDatatype::kDatetime;
    when.description = "When was it due?";
    when.order = 2;
    bins.form = {which, when};
    auto created = usecase::CreateService(world_->store(), clock_, bins);
    ASSERT_TRUE(created) << created.error().message();

    web::WebSettings settings;
    settings.secret = "a test secret of at least thirty-two characters";
    auto site = web::Site::Create(settings);
    ASSERT_TRUE(site) << site.error().message();
    site_ = std::move(*site);
    const auto reads =
        world_->store().ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline;
    web::AddAssetRoutes(router_, *site_);
    knowledge_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{world_->store(), world_->ctx().clock, knowledge_index_, nullptr});
    AddArticles();
    web::AddPortalRoutes(router_, *site_, world_->ctx(), reads, knowledge_.get());
    router_.SetFallback(web::NotFoundHandler(*site_));
    server_ = TestServer::Start(router_);
    ASSERT_TRUE(server_);
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Send(const std::string& raw) {
    const std::string response = HttpRequest(server_->port(), raw);
    Reply reply;
    reply.status = StatusOf(response);
    reply.head = response.substr(0, response.find("\r\n\r\n") + 2);
    reply.body = BodyOf(response);
    return reply;
  }

  Reply Get(const std::string& target, const std::string& extra_headers = "") {
    return Send("GET " + target + " HTTP/1.1\r\nHost: test\r\nAccept: text/html\r\n" +
                extra_headers + "Connection: close\r\n\r\n");
  }

  Reply Post(const std::string& target, const std::string& content_type, const std::string& body,
             const std::string& cookie) {
    return Send("POST " + target + " HTTP/1.1\r\nHost: test\r\nAccept: text/html\r\n" +
                (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + "Content-Type: " +
                content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\nConnection: close\r\n\r\n" + body);
  }

  // Opens the service page as a new browser would: its CSRF cookie and the form's token.
  void OpenForm() {
    const Reply page = Get("/services/missed-bin");
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string set_cookie = page.Header("Set-Cookie");
    ASSERT_TRUE(set_cookie.starts_with("fd_csrf=")) << page.head;
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    token_ = InputValue(page.body, "csrf_token");
    ASSERT_EQ(token_.size(), 64U);
  }

  // A published public article linked to the missed-bin service, a staff-only one and a
  // public draft.
  void AddArticles() {
    const auto add = [&](const std::string& slug, const std::string& title,
                         const std::string& audience, bool publish) {
      usecase::ArticleInput input;
      input.slug = slug;
      input.title = title;
      input.summary = "What to do about " + title;
      input.body_markdown =
          "Rinse **recycling** before it goes in the blue bin.\n\n"
          "<script>alert(1)</script> [bad](javascript:alert(1))";
      input.keywords = "recycling, bins";
      input.audience = audience;
      input.services = {"missed-bin"};
      auto created = usecase::CreateArticle(*knowledge_, input, "test");
      ASSERT_TRUE(created) << created.error().message();
      if (publish) {
        ASSERT_TRUE(usecase::SetArticlePublished(*knowledge_, created->id, true, "test"));
      }
    };
    add("blue-bin", "What goes in the blue recycling bin", "public", true);
    add("crew-script", "Recycling crew escalation script", "staff", true);
    add("draft-recycling", "Recycling changes next year", "public", false);
  }

  // The cookie pair "name=value" a response sets for `name`, or empty.
  [[nodiscard]] static std::string SetCookie(const Reply& reply, const std::string& name) {
    for (int i = 0; i < 4; ++i) {
      const std::string header = reply.Header("Set-Cookie", i);
      if (header.starts_with(name + "=")) {
        return header.substr(0, header.find(';'));
      }
    }
    return {};
  }

  Reply PostForm(const std::string& fields) {
    return Post("/services/missed-bin", "application/x-www-form-urlencoded",
                "csrf_token=" + token_ + "&" + fields, cookie_);
  }

  ManualClock clock_{FromUnixMicros(1'780'000'000'000'000)};
  std::unique_ptr<AttachmentWorld> world_;
  usecase::KnowledgeIndex knowledge_index_;
  std::unique_ptr<usecase::KnowledgeContext> knowledge_;
  std::unique_ptr<web::Site> site_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::string cookie_;
  std::string token_;
};

TEST_P(PortalHttpTest, AssetsAreFingerprintedCachedAndConfined) {
  const Reply start = Get("/");
  ASSERT_EQ(start.status, 200);
  const auto at = start.body.find("href=\"/assets/council.");
  ASSERT_NE(at, std::string::npos);
  const std::string css = start.body.substr(at + 6, start.body.find('"', at + 6) - at - 6);
  const Reply sheet = Get(css);
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(sheet.Header("Cache-Control"), "public, max-age=31536000, immutable");
  const std::string etag = sheet.Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(Get(css, "If-None-Match: " + etag + "\r\n").status, 304);
  EXPECT_EQ(Get("/assets/council.css").Header("Cache-Control"), "public, no-cache");
  for (const char* hostile :
       {"/assets/..%2F..%2FCMakeLists.txt", "/assets/%2e%2e%2fREADME.md", "/assets/..",
        "/assets/council.0000000000.css", "/assets/../CMakeLists.txt"}) {
    EXPECT_EQ(Get(hostile).status, 404) << hostile;
  }
}

TEST_P(PortalHttpTest, AFormWithoutItsTokenIsRefused) {
  OpenForm();
  const std::string fields = "description=x&address=y&attribute%5Bbin_type%5D=black";
  EXPECT_EQ(Post("/services/missed-bin", "application/x-www-form-urlencoded", fields, "").status,
            403);
  EXPECT_EQ(Post("/services/missed-bin", "application/x-www-form-urlencoded",
                 "csrf_token=" + token_ + "&" + fields, "")
                .status,
            403)
      << "a token without its cookie";
  EXPECT_EQ(Post("/services/missed-bin", "application/x-www-form-urlencoded",
                 "csrf_token=" + std::string(64, 'a') + "&" + fields, cookie_)
                .status,
            403);
  EXPECT_EQ(
      Post("/services/missed-bin", "multipart/form-data; boundary=x", "garbage", cookie_).status,
      403);
}

TEST_P(PortalHttpTest, ErrorsAreShownWithTheFormThenTheReportIsMade) {
  OpenForm();
  const Reply wrong = PostForm(
      "description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&attribute%5Bdue_on%5D%5Bday%5D=31"
      "&attribute%5Bdue_on%5D%5Bmonth%5D=2&attribute%5Bdue_on%5D%5Byear%5D=2026");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("<title>Error: "), std::string::npos);
  EXPECT_NE(wrong.body.find("href=\"#attribute-bin-type\">Which bin was missed? Select an answer"),
            std::string::npos);
  EXPECT_NE(wrong.body.find("href=\"#attribute-due-on-day\">Enter a real date"), std::string::npos);
  EXPECT_NE(wrong.body.find("href=\"#address\">Enter the address or postcode"), std::string::npos);
  EXPECT_EQ(wrong.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(wrong.body.find("&lt;script&gt;alert(1)"), std::string::npos) << "kept, escaped";
  EXPECT_LT(wrong.body.find("#attribute-bin-type"), wrong.body.find("#address"))
      << "errors in the order of the page";

  const Reply made = PostForm(
      "description=Bin+not+emptied&address=12+Castle+Street&attribute%5Bbin_type%5D=black"
      "&attribute%5Bdue_on%5D%5Bday%5D=2&attribute%5Bdue_on%5D%5Bmonth%5D=6"
      "&attribute%5Bdue_on%5D%5Byear%5D=2026&attribute%5Bdue_on%5D%5Btime%5D=07%3A00"
      "&email=citizen%40example.com");
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string location = made.Header("Location");
  ASSERT_TRUE(location.starts_with("/requests/BCC-")) << location;
  const std::string reference = location.substr(10, location.find("/confirmation") - 10);

  auto detail = usecase::GetCase(world_->ctx(), reference);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->record.channel, "web");
  EXPECT_EQ(detail->record.description, "Bin not emptied");
  ASSERT_EQ(detail->attributes.size(), 2U);
  EXPECT_EQ(detail->attributes[0], (std::pair<std::string, std::string>{"bin_type", "black"}));
  EXPECT_EQ(detail->attributes[1].second, "2026-06-02T07:00:00+01:00") << "London summer time";

  const Reply confirmation = Get(location);
  EXPECT_EQ(confirmation.status, 200);
  EXPECT_NE(confirmation.body.find(reference), std::string::npos);
  EXPECT_NE(confirmation.body.find("govuk-panel--confirmation"), std::string::npos);

  const Reply tracked = Get("/track?reference=" + reference);
  EXPECT_EQ(tracked.status, 200);
  EXPECT_NE(tracked.body.find("Missed bin collection"), std::string::npos);
  EXPECT_NE(tracked.body.find("Received"), std::string::npos);
  EXPECT_EQ(tracked.body.find("citizen@example.com"), std::string::npos) << "no personal data";

  // The council's public word is shown with the new status; internal notes never are.
  ASSERT_TRUE(usecase::AddNote(world_->ctx(), reference, "Internal: crew short today", "staff:1"));
  ASSERT_TRUE(usecase::AddPublicUpdate(world_->ctx(), reference, "Crew asked to return",
                                       CaseStatus::kInProgress, "staff:1"));
  const Reply updated = Get("/track?reference=" + reference);
  EXPECT_NE(updated.body.find("Crew asked to return"), std::string::npos);
  EXPECT_NE(updated.body.find("In progress"), std::string::npos);
  EXPECT_EQ(updated.body.find("crew short today"), std::string::npos);
}

TEST_P(PortalHttpTest, APhotoIsJudgedByItsContent) {
  OpenForm();
  const auto multipart = [&](std::string_view photo) {
    std::string body;
    const auto field = [&](const std::string& name, const std::string& value) {
      body +=
          "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("csrf_token", token_);
    field("description", "Overflowing");
    field("postcode", "BT1 1AA");
    field("attribute[bin_type]", "blue");
    body +=
        "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"bin.jpg\"\r\n"
        "Content-Type: image/jpeg\r\n\r\n" +
        std::string(photo) + "\r\n--b--\r\n";
    return Post("/services/missed-bin", "multipart/form-data; boundary=b", body, cookie_);
  };
  const Reply refused = multipart(kElfExecutable);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("href=\"#photo\">The photo must be"), std::string::npos);

  const Reply made = multipart(kTinyPng);
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string location = made.Header("Location");
  const std::string reference = location.substr(10, location.find("/confirmation") - 10);
  auto attachments = usecase::ListAttachments(world_->ctx(), reference);
  ASSERT_TRUE(attachments);
  ASSERT_EQ(attachments->size(), 1U);
  EXPECT_EQ(attachments->front().media_type, "image/png");
}

TEST_P(PortalHttpTest, ASignpostedServiceSaysWhoToContactAndTakesNoReport) {
  usecase::ServiceInput pothole;
  pothole.code = "pothole";
  pothole.name = "Pothole";
  pothole.signpost = "Report potholes to DfI Roads on 0300 200 7891";
  ASSERT_TRUE(usecase::CreateService(world_->store(), clock_, pothole));
  const Reply page = Get("/services/pothole");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Report potholes to DfI Roads"), std::string::npos);
  EXPECT_EQ(page.body.find("<form method=\"post\""), std::string::npos);
  OpenForm();
  const Reply posted = Post("/services/pothole", "application/x-www-form-urlencoded",
                            "csrf_token=" + token_ + "&description=Hole&address=Road", cookie_);
  EXPECT_EQ(posted.status, 200) << "the page again, no case";
  store::CaseFilter filter;
  auto listed = usecase::ListCases(world_->ctx(), filter, std::nullopt);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->cases.empty());
}

TEST_P(PortalHttpTest, TrackingAnUnknownReferenceIsAFormError) {
  const Reply blank = Get("/track");
  EXPECT_EQ(blank.status, 200);
  const Reply empty = Get("/track?reference=");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Enter your reference number"), std::string::npos);
  for (const char* reference : {"BCC-26-999999", "%3Cscript%3E", "x%27%22"}) {
    const Reply unknown = Get(std::string("/track?reference=") + reference);
    EXPECT_EQ(unknown.status, 422) << reference;
    EXPECT_NE(unknown.body.find("href=\"#reference\""), std::string::npos);
    EXPECT_EQ(unknown.body.find("<script>"), std::string::npos);
  }
}

TEST_P(PortalHttpTest, UnknownPagesAreHtmlForBrowsersAndJsonForClients) {
  const Reply page = Get("/no/such/page");
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Page not found"), std::string::npos);
  EXPECT_FALSE(page.Header("Content-Security-Policy").empty());
  EXPECT_EQ(Get("/services/no-such-service").status, 404);
  const Reply api = Send("GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.body.find("\"error\""), std::string::npos);
}

TEST_P(PortalHttpTest, SearchAndIrishPages) {
  const Reply found = Get("/?q=bin");
  EXPECT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("href=\"/services/missed-bin\""), std::string::npos);
  EXPECT_EQ(Get("/?q=zzzz").body.find("href=\"/services/missed-bin\""), std::string::npos);
  const Reply irish = Get("/?lang=ga");
  EXPECT_NE(irish.body.find("<html lang=\"ga\""), std::string::npos);
  // Both cookies of a first visit arrive, each on its own line.
  EXPECT_TRUE(irish.Header("Set-Cookie").starts_with("fd_lang=ga")) << irish.head;
  EXPECT_TRUE(irish.Header("Set-Cookie", 1).starts_with("fd_csrf=")) << irish.head;
  EXPECT_NE(Get("/charter", "Cookie: fd_lang=ga\r\n").body.find("Conas atáimid ag déanamh"),
            std::string::npos);
  for (const char* path : {"/accessibility", "/privacy", "/cookies", "/charter"}) {
    EXPECT_EQ(Get(path).status, 200) << path;
  }
}

TEST_P(PortalHttpTest, HelpSearchCorrectsTyposHighlightsCountsAndStartsAHelpSession) {
  const Reply blank = Get("/help");
  EXPECT_EQ(blank.status, 200);
  EXPECT_TRUE(SetCookie(blank, "fd_help").empty()) << "no help session before a search";
  const Reply found = Get("/help?q=recyling");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_NE(found.body.find("href=\"/help/blue-bin\""), std::string::npos);
  EXPECT_NE(found.body.find("<mark>"), std::string::npos) << "highlighted";
  EXPECT_NE(found.body.find("Help articles matching your search: 1"), std::string::npos);
  EXPECT_EQ(found.body.find("crew-script"), std::string::npos) << "staff only";
  EXPECT_EQ(found.body.find("draft-recycling"), std::string::npos) << "draft";
  std::string help_cookie;
  for (int i = 0; i < 4; ++i) {
    if (found.Header("Set-Cookie", i).starts_with("fd_help=")) {
      help_cookie = found.Header("Set-Cookie", i);
    }
  }
  EXPECT_NE(help_cookie.find("HttpOnly"), std::string::npos) << help_cookie;
  EXPECT_NE(help_cookie.find("SameSite=Lax"), std::string::npos) << help_cookie;
  EXPECT_NE(help_cookie.find("Max-Age=86400"), std::string::npos) << help_cookie;
  const std::string session = SetCookie(found, "fd_help");
  EXPECT_EQ(session.size(), 8U + 64U);
  EXPECT_TRUE(SetCookie(Get("/help?q=bin", "Cookie: " + session + "\r\n"), "fd_help").empty())
      << "the session is kept";
  // The service filter and the other pages of results.
  EXPECT_NE(Get("/help?q=recycling&service=missed-bin").body.find("/help/blue-bin"),
            std::string::npos);
  EXPECT_EQ(Get("/help?q=recycling&service=FLY").body.find("/help/blue-bin"), std::string::npos);
  EXPECT_EQ(Get("/help?q=recycling&page=2").body.find("/help/blue-bin"), std::string::npos);
  // The start page offers help too, and the service page its articles.
  EXPECT_NE(Get("/?q=recycling").body.find("href=\"/help/blue-bin\""), std::string::npos);
  const Reply service = Get("/services/missed-bin");
  EXPECT_NE(service.body.find("Before you report"), std::string::npos);
  EXPECT_NE(service.body.find("href=\"/help/blue-bin\""), std::string::npos);
  EXPECT_EQ(service.body.find("/help/crew-script"), std::string::npos);
}

TEST_P(PortalHttpTest, HostileHelpQueriesAreFormErrorsOrNothing) {
  const Reply too_long = Get("/help?q=" + std::string(301, 'a'));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("href=\"#q\""), std::string::npos);
  const Reply not_utf8 = Get("/help?q=%FF%FE");
  EXPECT_EQ(not_utf8.status, 200) << "a malformed query string reads as no search";
  EXPECT_EQ(not_utf8.body.find("matching your search"), std::string::npos);
  for (const char* query : {"q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "q=%00", "q=bin&page=-5",
                            "q=bin&page=abc", "q=bin&page=99999999999999", "q=bin&service=%3Cx%3E",
                            "q=%22%27%3E&service=", "q=recycling&q=bins", "q=*%20OR%201%3D1",
                            "q=%E2%80%AE%F0%9F%98%80"}) {
    const Reply reply = Get(std::string("/help?") + query);
    EXPECT_EQ(reply.status, 200) << query;
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos) << query;
    EXPECT_EQ(reply.body.find("<x>"), std::string::npos) << query;
  }
  const Reply forged = Get("/help?q=bin", "Cookie: fd_help=..%2F..%2Fetc\r\n");
  EXPECT_EQ(forged.status, 200);
  EXPECT_EQ(SetCookie(forged, "fd_help").size(), 8U + 64U) << "a malformed key is replaced";
  EXPECT_EQ(Get("/help/%2E%2E%2Fadmin").status, 404);
  EXPECT_EQ(Get("/help/" + std::string(2000, 'x')).status, 404);
}

TEST_P(PortalHttpTest, OnlyPublishedPublicArticlesAreShownSanitised) {
  EXPECT_EQ(Get("/help/crew-script").status, 404) << "staff only";
  EXPECT_EQ(Get("/help/draft-recycling").status, 404) << "draft";
  EXPECT_EQ(Get("/help/no-such-article").status, 404);
  const Reply article = Get("/help/blue-bin");
  ASSERT_EQ(article.status, 200);
  EXPECT_NE(article.body.find("<strong>recycling</strong>"), std::string::npos);
  EXPECT_EQ(article.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(article.body.find("javascript:"), std::string::npos);
  EXPECT_NE(article.body.find("Last updated"), std::string::npos);
  EXPECT_NE(article.body.find("Report it online"), std::string::npos);
  EXPECT_NE(article.body.find("href=\"/services/missed-bin\""), std::string::npos);
  EXPECT_NE(article.body.find("Did this answer your question?"), std::string::npos);
  EXPECT_NE(Get("/help/blue-bin?lang=ga").body.find("Ar fhreagair sé seo do cheist?"),
            std::string::npos);
}

TEST_P(PortalHttpTest, FeedbackNeedsItsTokenIsCheckedAndCountsOncePerSession) {
  const Reply article = Get("/help/blue-bin");
  ASSERT_EQ(article.status, 200);
  const std::string cookies = SetCookie(article, "fd_csrf") + "; " + SetCookie(article, "fd_help");
  const std::string token = InputValue(article.body, "csrf_token");
  ASSERT_EQ(token.size(), 64U);
  const auto post = [&](const std::string& fields, const std::string& cookie) {
    return Post("/help/blue-bin", "application/x-www-form-urlencoded", fields, cookie);
  };
  const auto blue_bin = usecase::GetArticleBySlug(*knowledge_, "blue-bin");
  ASSERT_TRUE(blue_bin);
  const auto counted = [&] {
    auto feedback = usecase::GetFeedback(*knowledge_, blue_bin->id);
    EXPECT_TRUE(feedback);
    return feedback ? feedback->counts.helpful + feedback->counts.not_helpful : -1;
  };
  EXPECT_EQ(post("helpful=yes", cookies).status, 403) << "no token";
  EXPECT_EQ(post("csrf_token=" + token + "&helpful=yes", "").status, 403) << "no cookie";
  EXPECT_EQ(post("csrf_token=" + std::string(64, 'a') + "&helpful=yes", cookies).status, 403);
  const Reply unanswered = post("csrf_token=" + token + "&comment=hmm", cookies);
  EXPECT_EQ(unanswered.status, 422);
  EXPECT_NE(unanswered.body.find("href=\"#helpful\""), std::string::npos);
  EXPECT_NE(unanswered.body.find(">hmm</textarea>"), std::string::npos) << "kept";
  const Reply long_comment =
      post("csrf_token=" + token + "&helpful=no&comment=" + std::string(2001, 'x'), cookies);
  EXPECT_EQ(long_comment.status, 422);
  EXPECT_NE(long_comment.body.find("href=\"#comment\""), std::string::npos);
  EXPECT_EQ(post("csrf_token=" + token + "&helpful=maybe", cookies).status, 422);
  EXPECT_EQ(counted(), 0) << "nothing stored by a refused form";

  const Reply sent = post("csrf_token=" + token + "&helpful=yes&comment=Clear%2C+thanks", cookies);
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.Header("Location"), "/help/blue-bin?feedback=sent#feedback");
  EXPECT_EQ(post("csrf_token=" + token + "&helpful=no", cookies).status, 303);
  EXPECT_EQ(counted(), 1) << "one answer per session";
  auto feedback = usecase::GetFeedback(*knowledge_, blue_bin->id);
  ASSERT_TRUE(feedback);
  ASSERT_EQ(feedback->recent.size(), 1U);
  EXPECT_TRUE(feedback->recent.front().helpful);
  EXPECT_EQ(feedback->recent.front().comment, "Clear, thanks");
  const Reply thanked = Get("/help/blue-bin?feedback=sent", "Cookie: " + cookies + "\r\n");
  EXPECT_NE(thanked.body.find("Thank you for your feedback"), std::string::npos);
  EXPECT_EQ(Post("/help/crew-script", "application/x-www-form-urlencoded",
                 "csrf_token=" + token + "&helpful=yes", cookies)
                .status,
            404);
}

TEST_P(PortalHttpTest, AReportAfterHelpIsMatchedToItForDeflection) {
  const Instant start = world_->clock().Now();
  // One visitor searches, reads, and still reports; another finds the answer and leaves.
  const Reply searched = Get("/help?q=recycling");
  const std::string reporter = SetCookie(searched, "fd_help");
  ASSERT_FALSE(reporter.empty());
  EXPECT_EQ(Get("/help/blue-bin", "Cookie: " + reporter + "\r\n").status, 200);
  EXPECT_FALSE(SetCookie(Get("/help?q=bins"), "fd_help").empty());
  OpenForm();
  const Reply made = Post("/services/missed-bin", "application/x-www-form-urlencoded",
                          "csrf_token=" + token_ +
                              "&description=Still+missed&address=1+High+Street"
                              "&attribute%5Bbin_type%5D=blue",
                          cookie_ + "; " + reporter);
  ASSERT_EQ(made.status, 303) << made.body;
  world_->clock().Advance(std::chrono::hours(25));
  ASSERT_TRUE(usecase::FlushKnowledgeEvents(*knowledge_));  // serve's flusher, once
  auto figures =
      usecase::MeasureDeflection(*knowledge_, start - std::chrono::hours(1), world_->clock().Now());
  ASSERT_TRUE(figures) << figures.error().message();
  EXPECT_EQ(figures->searches, 2);
  EXPECT_EQ(figures->searches_deflected, 1) << "the reporter's search was not";
  EXPECT_EQ(figures->views, 1);
  EXPECT_EQ(figures->views_deflected, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PortalHttpTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
