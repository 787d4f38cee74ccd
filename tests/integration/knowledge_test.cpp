// The knowledge base through the staff API on a real server, on SQLite and PostgreSQL:
// articles and their versions, publishing, review dates, synonyms, feedback, search and
// suggestions, the deflection figures, and two nodes kept in step by refresh.
#include "frontdoor/usecase/knowledge.hpp"

#include <memory>
#include <set>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/knowledge_routes.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

namespace json = boost::json;

struct Reply {
  int status = 0;
  std::string body;
  json::value json;
  [[nodiscard]] std::set<std::string> Fields() const {
    std::set<std::string> out;
    if (json.is_object() && json.as_object().contains("error")) {
      if (const auto* fields = json.at("error").as_object().if_contains("fields")) {
        for (const auto& field : fields->as_array()) {
          out.insert(std::string(field.at("field").as_string()));
        }
      }
    }
    return out;
  }
};

class KnowledgeApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    key_ = NewApiKey(*store_, clock_, "desk");
    ASSERT_FALSE(key_.empty());
    ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City Services"));
    usecase::ServiceInput bins;
    bins.code = "bins";
    bins.name = "Missed bin";
    bins.department_code = "CNS";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, bins));
    ctx_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{*store_, clock_, index_, date::locate_zone("Europe/London")});
    ASSERT_TRUE(usecase::LoadKnowledgeIndex(*ctx_));
    api::AddKnowledgeRoutes(
        router_, *ctx_,
        store_->ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline);
    server_ = TestServer::Start(router_);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Call(std::string_view method, std::string_view target, std::string_view body = {}) {
    std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
    request += "Host: test\r\nAuthorization: Bearer " + key_ + "\r\n";
    if (method == "POST" || method == "PUT") {
      request +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n";
    }
    request += "Connection: close\r\n\r\n";
    request += body;
    const std::string raw = HttpRequest(port_, request);
    Reply reply;
    reply.status = StatusOf(raw);
    reply.body = BodyOf(raw);
    boost::system::error_code ec;
    reply.json = json::parse(reply.body, ec);
    return reply;
  }
  Reply Get(std::string_view target) { return Call("GET", target); }
  Reply Post(std::string_view target, const json::value& body) {
    return Call("POST", target, json::serialize(body));
  }
  Reply Put(std::string_view target, const json::value& body) {
    return Call("PUT", target, json::serialize(body));
  }

  std::int64_t CreatePublished(const std::string& title, const std::string& body,
                               const std::string& audience = "public") {
    const auto created = Post("/api/v1/articles", {{"title", title},
                                                   {"body_markdown", body},
                                                   {"audience", audience},
                                                   {"services", json::array{"bins"}}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.json.at("id").as_int64();
    const auto published = Post("/api/v1/articles/" + std::to_string(id) + "/publish", {});
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }

  std::vector<std::string> Titles(const std::string& target) {
    const auto reply = Get(target);
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::string> titles;
    for (const auto& hit : reply.json.at("results").as_array()) {
      titles.emplace_back(hit.at("title").as_string());
    }
    return titles;
  }

  ManualClock clock_{FromUnixMicros(kMondayMorning)};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  usecase::KnowledgeIndex index_;
  std::unique_ptr<usecase::KnowledgeContext> ctx_;
  std::string key_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(KnowledgeApiTest, ArticlesKeepEveryVersionAndAreSearchableOncePublished) {
  const auto created =
      Post("/api/v1/articles",
           {{"title", "Bins & recycling: what goes where?"},
            {"summary", "Which bin for which waste."},
            {"body_markdown", "# Blue bin\n\nPaper and *cans*.\n\n<script>x</script>"},
            {"keywords", "wheelie bin, blue bin"},
            {"services", json::array{"bins"}},
            {"review_by", "2026-02-01"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("slug"), "bins-recycling-what-goes-where");
  EXPECT_EQ(created.json.at("state"), "draft");
  EXPECT_EQ(created.json.at("version"), 1);
  EXPECT_EQ(created.json.at("body_html").as_string().find("<script"), std::string::npos);
  const std::string path = "/api/v1/articles/" + std::to_string(created.json.at("id").as_int64());

  EXPECT_TRUE(Titles("/api/v1/search/articles?q=blue+bin").empty()) << "drafts are not found";
  EXPECT_EQ(Titles("/api/v1/search/articles?q=blue+bin&drafts=true").size(), 1U);

  const auto updated = Put(path, {{"title", "Bins and recycling"},
                                  {"body_markdown", "Paper, cans and glass jars."},
                                  {"services", json::array{"bins"}},
                                  {"expected_version", 1}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json.at("version"), 2);
  EXPECT_EQ(Put(path, {{"title", "Stale"}, {"body_markdown", "x"}, {"expected_version", 1}}).status,
            409);

  const auto published = Post(path + "/publish", {});
  ASSERT_EQ(published.status, 200);
  EXPECT_EQ(published.json.at("state"), "published");
  EXPECT_EQ(published.json.at("version"), 3);
  EXPECT_EQ(Titles("/api/v1/search/articles?q=glass+jars"),
            std::vector<std::string>{"Bins and recycling"});

  const auto versions = Get(path + "/versions");
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.json.at("versions").as_array().size(), 3U);
  const auto first = Get(path + "/versions/1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json.at("title"), "Bins & recycling: what goes where?");
  EXPECT_EQ(first.json.at("saved_by"), "apikey:desk");
  EXPECT_EQ(Get(path + "/versions/9").status, 404);

  const auto reviews = Get("/api/v1/article-reviews");
  ASSERT_EQ(reviews.status, 200);
  EXPECT_TRUE(reviews.json.at("articles").as_array().empty()) << "the update cleared review_by";

  ASSERT_EQ(Post(path + "/withdraw", {}).status, 200);
  EXPECT_TRUE(Titles("/api/v1/search/articles?q=glass+jars").empty());
}

TEST_P(KnowledgeApiTest, ListsArticlesOverdueForReview) {
  const auto due =
      Post("/api/v1/articles",
           {{"title", "Old"}, {"body_markdown", "Old text"}, {"review_by", "2026-03-02"}});
  ASSERT_EQ(due.status, 201) << due.body;
  ASSERT_EQ(Post("/api/v1/articles",
                 {{"title", "New"}, {"body_markdown", "New text"}, {"review_by", "2026-03-03"}})
                .status,
            201);
  const auto reviews = Get("/api/v1/article-reviews");
  ASSERT_EQ(reviews.status, 200);
  ASSERT_EQ(reviews.json.at("articles").as_array().size(), 1U);
  EXPECT_EQ(reviews.json.at("articles").at(0).at("title"), "Old");
}

TEST_P(KnowledgeApiTest, RefusesBadInputNamingTheField) {
  const auto bad = Post("/api/v1/articles", {{"title", ""},
                                             {"body_markdown", 3},
                                             {"audience", "everyone"},
                                             {"services", json::array{"nope"}},
                                             {"review_by", "2026-02-30"},
                                             {"slug", "Bad Slug"},
                                             {"colour", "red"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(bad.Fields().contains("body_markdown"));
  EXPECT_TRUE(bad.Fields().contains("colour"));
  const auto invalid = Post("/api/v1/articles", {{"title", ""},
                                                 {"body_markdown", "x"},
                                                 {"audience", "everyone"},
                                                 {"services", json::array{"nope"}},
                                                 {"review_by", "2026-02-30"},
                                                 {"slug", "Bad Slug"}});
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  for (const char* field : {"title", "audience", "review_by", "slug"}) {
    EXPECT_TRUE(invalid.Fields().contains(field)) << field << " " << invalid.body;
  }
  const auto unknown_service =
      Post("/api/v1/articles", {{"title", "T"}, {"body_markdown", "x"}, {"services", {"nope"}}});
  EXPECT_TRUE(unknown_service.Fields().contains("services[0]")) << unknown_service.body;
  ASSERT_EQ(Post("/api/v1/articles", {{"title", "Twice"}, {"body_markdown", "x"}}).status, 201);
  const auto taken = Post("/api/v1/articles", {{"title", "Twice"}, {"body_markdown", "y"}});
  EXPECT_TRUE(taken.Fields().contains("slug")) << taken.body;
  EXPECT_EQ(Call("POST", "/api/v1/articles", "{not json").status, 400);
  EXPECT_EQ(Get("/api/v1/articles/999").status, 404);
  EXPECT_EQ(Get("/api/v1/articles/abc").status, 404);
  EXPECT_EQ(Get("/api/v1/search/articles").status, 422);
  EXPECT_EQ(Get("/api/v1/search/articles?q=bin&limit=5000").status, 422);
  EXPECT_EQ(Get("/api/v1/search/articles?q=%FF%FE").status, 422);
  EXPECT_EQ(Get("/api/v1/search/articles?q=bin&sort=new").status, 422);
  EXPECT_EQ(Get("/api/v1/search/articles?q=" + std::string(400, 'a')).status, 422);
  EXPECT_EQ(Get("/api/v1/knowledge/deflection").status, 422);
}

TEST_P(KnowledgeApiTest, SynonymsChangeSearchAtOnce) {
  CreatePublished("Missed bin collection", "Report a wheelie bin that was not emptied.");
  EXPECT_TRUE(Titles("/api/v1/search/articles?q=refuse").empty());
  const auto synonym = Post("/api/v1/synonyms", {{"phrases", {"bin", "wheelie bin", "refuse"}}});
  ASSERT_EQ(synonym.status, 201) << synonym.body;
  EXPECT_EQ(Titles("/api/v1/search/articles?q=refuse"),
            std::vector<std::string>{"Missed bin collection"});
  const std::string path = "/api/v1/synonyms/" + std::to_string(synonym.json.at("id").as_int64());
  ASSERT_EQ(Put(path, {{"phrases", {"bin", "dustbin"}}}).status, 200);
  EXPECT_TRUE(Titles("/api/v1/search/articles?q=refuse").empty());
  EXPECT_EQ(Titles("/api/v1/search/articles?q=dustbin").size(), 1U);
  EXPECT_EQ(Get("/api/v1/synonyms").json.at("synonyms").as_array().size(), 1U);
  EXPECT_EQ(Call("DELETE", path).status, 204);
  EXPECT_EQ(Call("DELETE", path).status, 404);
  EXPECT_TRUE(Titles("/api/v1/search/articles?q=dustbin").empty());
  EXPECT_TRUE(Post("/api/v1/synonyms", {{"phrases", {"only one"}}}).Fields().contains("phrases"));
}

TEST_P(KnowledgeApiTest, SearchFiltersHighlightsAndSuggests) {
  CreatePublished("Recycling centres", "Opening hours of the household recycling centres.");
  CreatePublished("Bin crews: handling complaints", "Staff guidance on recycling complaints.",
                  "staff");
  EXPECT_EQ(Titles("/api/v1/search/articles?q=recycling&audience=public"),
            std::vector<std::string>{"Recycling centres"});
  EXPECT_EQ(Titles("/api/v1/search/articles?q=recycling").size(), 2U);
  EXPECT_EQ(Titles("/api/v1/search/articles?q=recyling&audience=public").front(),
            "Recycling centres");
  EXPECT_TRUE(Titles("/api/v1/search/articles?q=recycling&service=other").empty());
  const auto hit = Get("/api/v1/search/articles?q=recycling+centre&audience=public");
  ASSERT_EQ(hit.status, 200);
  EXPECT_EQ(hit.json.at("results").at(0).at("title_html"),
            "<mark>Recycling</mark> <mark>centres</mark>");
  EXPECT_EQ(Titles("/api/v1/search/suggest?q=household+recyc").front(), "Recycling centres");
  EXPECT_EQ(Titles("/api/v1/search/suggest?q=complai").front(), "Bin crews: handling complaints");
}

TEST_P(KnowledgeApiTest, FeedbackIsCountedPerArticle) {
  const std::int64_t id = CreatePublished("Bulky waste", "Book a collection.");
  const std::string path = "/api/v1/articles/" + std::to_string(id) + "/feedback";
  EXPECT_EQ(Post(path, {{"helpful", true}}).status, 201);
  EXPECT_EQ(Post(path, {{"helpful", false}, {"comment", "Price not shown"}}).status, 201);
  EXPECT_TRUE(Post(path, {{"helpful", "yes"}}).Fields().contains("helpful"));
  const auto summary = Get(path);
  ASSERT_EQ(summary.status, 200);
  EXPECT_EQ(summary.json.at("helpful"), 1);
  EXPECT_EQ(summary.json.at("not_helpful"), 1);
  EXPECT_EQ(summary.json.at("recent").at(0).at("comment"), "Price not shown");
  EXPECT_EQ(Post("/api/v1/articles/999/feedback", {{"helpful", true}}).status, 404);
}

TEST_P(KnowledgeApiTest, DeflectionCountsSearchesAndViewsWithoutACaseWithinADay) {
  const std::int64_t id = CreatePublished("Bulky waste", "Book a collection.");
  const Instant start = clock_.Now();
  // s1 searches and then raises a case an hour later: not deflected.
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s1").status, 200);
  // s2 searches and views the article, and never raises a case: both deflected.
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s2").status, 200);
  ASSERT_EQ(
      Post("/api/v1/knowledge-events", {{"kind", "view"}, {"session", "s2"}, {"article_id", id}})
          .status,
      204);
  // s3 searches, and raises a case two days later: deflected (outside the day).
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s3").status, 200);
  // Without a session nothing is logged.
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky").status, 200);
  clock_.Advance(std::chrono::hours(1));
  ASSERT_EQ(Post("/api/v1/knowledge-events", {{"kind", "case"}, {"session", "s1"}}).status, 204);
  clock_.Advance(std::chrono::hours(47));
  ASSERT_EQ(Post("/api/v1/knowledge-events", {{"kind", "case"}, {"session", "s3"}}).status, 204);
  EXPECT_TRUE(Post("/api/v1/knowledge-events", {{"kind", "view"}, {"session", "s4"}})
                  .Fields()
                  .contains("article_id"));
  EXPECT_TRUE(Post("/api/v1/knowledge-events", {{"kind", "case"}}).Fields().contains("session"));
  // serve writes the queued search events every second; here the test does.
  const auto flushed = usecase::FlushKnowledgeEvents(*ctx_);
  ASSERT_TRUE(flushed) << flushed.error().message();
  EXPECT_EQ(*flushed, 3U);

  const auto figures =
      Get("/api/v1/knowledge/deflection?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.json.at("searches"), 3);
  EXPECT_EQ(figures.json.at("searches_deflected"), 2);
  EXPECT_EQ(figures.json.at("views"), 1);
  EXPECT_EQ(figures.json.at("views_deflected"), 1);
  (void)start;
}

// The "search" rows of kb_event.
std::int64_t SearchEvents(store::Store& store) {
  std::int64_t count = -1;
  EXPECT_TRUE(store.Read([&](store::ReadTx& tx) {
    return tx.session().Query("SELECT count(*) FROM kb_event WHERE kind = 'search'", {},
                              [&](const store::SqlRow& row) { count = row.Int(0); });
  }));
  return count;
}

// A search answers without waiting for a commit: its event waits in the queue until the
// next flush, which writes every queued event in one transaction.
TEST_P(KnowledgeApiTest, SearchEventsAreQueuedAndWrittenTogetherByTheFlush) {
  CreatePublished("Bulky waste", "Book a collection.");
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s1").status, 200);
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s2").status, 200);
  ASSERT_EQ(Get("/api/v1/search/articles?q=bulky&session=s3").status, 200);
  EXPECT_EQ(SearchEvents(*store_), 0);
  EXPECT_EQ(usecase::FlushKnowledgeEvents(*ctx_).value(), 3U);
  EXPECT_EQ(SearchEvents(*store_), 3);
  // Nothing is written twice.
  EXPECT_EQ(usecase::FlushKnowledgeEvents(*ctx_).value(), 0U);
  EXPECT_EQ(SearchEvents(*store_), 3);
}

// An event the database refuses (here: a customer that does not exist) is dropped alone;
// the rest of the batch is written.
TEST_P(KnowledgeApiTest, ARefusedSearchEventDoesNotHoldBackTheOthers) {
  auto queued = [&](std::optional<std::int64_t> customer) {
    ctx_->index.QueueEvent(store::KnowledgeEventRecord{"search", "web", "s1", customer, "bins",
                                                       std::nullopt, 1, clock_.Now()});
  };
  queued(std::nullopt);
  queued(std::int64_t{987'654});
  queued(std::nullopt);
  const auto flushed = usecase::FlushKnowledgeEvents(*ctx_);
  ASSERT_TRUE(flushed) << flushed.error().message();
  EXPECT_EQ(*flushed, 2U);
  EXPECT_TRUE(ctx_->index.TakeQueuedEvents().empty());
}

TEST_P(KnowledgeApiTest, AnotherNodeCatchesUpOnRefresh) {
  usecase::KnowledgeIndex other;
  const usecase::KnowledgeContext node_b{*store_, clock_, other, ctx_->zone};
  ASSERT_TRUE(usecase::LoadKnowledgeIndex(node_b));
  CreatePublished("Pest control", "Rats and wasps.");
  ASSERT_TRUE(Post("/api/v1/synonyms", {{"phrases", {"rodents", "rats"}}}).status == 201);
  usecase::ArticleSearch search;
  search.q = "rodents";
  EXPECT_TRUE(usecase::SearchArticles(node_b, search)->hits.empty());
  clock_.Advance(std::chrono::seconds(15));
  auto refreshed = usecase::RefreshKnowledgeIndex(node_b);
  ASSERT_TRUE(refreshed);
  EXPECT_GE(*refreshed, 1U);
  const auto found = usecase::SearchArticles(node_b, search);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->hits.size(), 1U);
  EXPECT_EQ(found->hits.front().entry.title, "Pest control");
}

INSTANTIATE_TEST_SUITE_P(Backends, KnowledgeApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
