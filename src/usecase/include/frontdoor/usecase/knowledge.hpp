// Use cases of the knowledge base: articles (Markdown, versions, publishing, review dates),
// administrators' synonyms, "did this answer your question?" feedback, search with
// suggestions, and the deflection figures. Every write goes to the store first and then to
// the in-memory index, so a search on this node sees a save at once; other nodes catch up
// through RefreshKnowledgeIndex (on a timer in serve). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <date/tz.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/search/index.hpp"
#include "frontdoor/store/knowledge.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

// The search index of the articles plus what a result shows without a database read.
class KnowledgeIndex {
 public:
  struct Entry {
    std::string slug;
    std::string title;
    std::string summary;
    std::string audience;
    std::string state;
    std::vector<std::string> services;
  };

  void Put(const store::ArticleRecord& article);
  [[nodiscard]] std::optional<Entry> Find(std::int64_t id) const;
  search::Index& index() { return index_; }
  [[nodiscard]] const search::Index& index() const { return index_; }

  // The newest updated_at seen: refresh reads from a little before it.
  [[nodiscard]] Instant watermark() const;

  // Search events wait here for FlushKnowledgeEvents, so that a search never waits for a
  // commit. At most kMaxQueuedEvents wait: past that (the database down for long) new ones
  // are dropped, since they only feed the deflection figures.
  static constexpr std::size_t kMaxQueuedEvents = 10'000;
  void QueueEvent(store::KnowledgeEventRecord event);
  // Empties the queue and returns what it held, oldest first.
  std::vector<store::KnowledgeEventRecord> TakeQueuedEvents();
  // Puts events taken but not written back in front of the queue, within the bound.
  void RequeueEvents(std::vector<store::KnowledgeEventRecord> events);

 private:
  search::Index index_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, Entry> entries_;
  Instant watermark_{};
  std::mutex events_mutex_;
  std::vector<store::KnowledgeEventRecord> queued_events_;
};

struct KnowledgeContext {
  store::Store& store;
  const Clock& clock;
  KnowledgeIndex& index;
  const date::time_zone* zone;  // review dates are local dates: Europe/London
};

// Loads every article and synonym group into the index (at start).
Result<void> LoadKnowledgeIndex(const KnowledgeContext& ctx);
// Puts articles changed since the watermark (less a margin for clock skew between nodes and
// commits that land late) and reloads the synonyms. Returns the number of articles put.
Result<std::size_t> RefreshKnowledgeIndex(const KnowledgeContext& ctx);

struct ArticleInput {
  std::optional<std::string> slug;  // nullopt: made from the title
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string keywords;
  std::string audience = "public";
  std::vector<std::string> services;  // service codes
  std::optional<std::string> owner_team_code;
  std::optional<std::string> owner_user_email;
  std::optional<std::string> review_by;  // YYYY-MM-DD
  std::optional<int> expected_version;   // on update: kConflict if it has moved on
};

// Field errors: "slug", "title", "summary", "body_markdown", "keywords", "audience",
// "services[i]", "owner_team_code", "owner_user_email", "owner", "review_by". A new article is
// a draft at version 1. kConflict when the slug is taken.
Result<store::ArticleRecord> CreateArticle(const KnowledgeContext& ctx, const ArticleInput& input,
                                           const std::string& actor);
// Saves a new version (the state is kept). kNotFound, kConflict (slug, expected_version).
Result<store::ArticleRecord> UpdateArticle(const KnowledgeContext& ctx, std::int64_t id,
                                           const ArticleInput& input, const std::string& actor);
// Publishes (or, with publish=false, withdraws to draft) as a new version.
Result<store::ArticleRecord> SetArticlePublished(const KnowledgeContext& ctx, std::int64_t id,
                                                 bool publish, const std::string& actor);

Result<store::ArticleRecord> GetArticle(const KnowledgeContext& ctx, std::int64_t id);
Result<store::ArticleRecord> GetArticleBySlug(const KnowledgeContext& ctx, const std::string& slug);
Result<std::vector<store::ArticleRecord>> ListArticles(const KnowledgeContext& ctx,
                                                       const store::ArticleFilter& filter);
Result<std::vector<store::ArticleVersionRecord>> ListArticleVersions(const KnowledgeContext& ctx,
                                                                     std::int64_t id);
Result<store::ArticleVersionRecord> GetArticleVersion(const KnowledgeContext& ctx, std::int64_t id,
                                                      int version);
// Articles whose review date is today or earlier (Europe/London), soonest first.
Result<std::vector<store::ArticleRecord>> ArticlesDueForReview(const KnowledgeContext& ctx);

// Markdown (GitHub flavour: tables, strikethrough, autolinks) as HTML with raw HTML and
// dangerous link schemes removed; and as plain text for the index.
[[nodiscard]] std::string RenderMarkdown(std::string_view markdown);
[[nodiscard]] std::string MarkdownText(std::string_view markdown);

// Synonym groups: 2 to 20 phrases of 1 to 80 characters each ("phrases[i]").
Result<std::vector<store::SynonymRecord>> ListSynonyms(const KnowledgeContext& ctx);
Result<store::SynonymRecord> CreateSynonym(const KnowledgeContext& ctx,
                                           const std::vector<std::string>& phrases);
Result<store::SynonymRecord> UpdateSynonym(const KnowledgeContext& ctx, std::int64_t id,
                                           const std::vector<std::string>& phrases);
Result<void> DeleteSynonym(const KnowledgeContext& ctx, std::int64_t id);

struct FeedbackInput {
  bool helpful = false;
  std::optional<std::string> comment;      // at most 2,000 characters ("comment")
  std::optional<std::string> session_key;  // at most 128 characters ("session")
};
// kNotFound for an unknown or unpublished article.
Result<store::FeedbackRecord> GiveFeedback(const KnowledgeContext& ctx, std::int64_t article_id,
                                           const FeedbackInput& input);
struct FeedbackSummary {
  store::FeedbackCounts counts;
  std::vector<store::FeedbackRecord> recent;  // newest first, at most 50
};
Result<FeedbackSummary> GetFeedback(const KnowledgeContext& ctx, std::int64_t article_id);

// Who searched or viewed, for deflection. Without a session key or customer nothing is
// logged: such events could never be matched to a case.
struct Visitor {
  std::string channel = "web";  // web (self-service) | staff
  std::optional<std::string> session_key;
  std::optional<std::int64_t> customer_id;
};

struct ArticleSearch {
  std::string q;                        // 1-300 characters ("q")
  std::optional<std::string> audience;  // public | staff; nullopt: both
  std::optional<std::string> service;   // a service code
  bool include_drafts = false;
  bool prefix = false;  // the last word may be unfinished
  std::size_t offset = 0;
  std::size_t limit = 10;          // 1-50
  std::optional<Visitor> visitor;  // set: the search is logged
};

struct ArticleHit {
  std::int64_t id = 0;
  KnowledgeIndex::Entry entry;
  double score = 0;
  std::string title_html;
  std::string snippet_html;
};

struct ArticleSearchResult {
  std::vector<ArticleHit> hits;
  std::size_t total = 0;
};

// A search with a session key or customer queues a "search" event (FlushKnowledgeEvents).
Result<ArticleSearchResult> SearchArticles(const KnowledgeContext& ctx,
                                           const ArticleSearch& search);

// Writes the queued search events (KnowledgeIndex::QueueEvent) in one transaction and
// returns how many were written. serve calls it every second and once more on shutdown, so a
// crash loses at most the last second's searches. When the database is unavailable the
// events go back to the queue and the kUnavailable error is returned; an event the database
// refuses (its customer merged away) is dropped alone.
Result<std::size_t> FlushKnowledgeEvents(const KnowledgeContext& ctx);

// Logs a view of an article or a case raised by a visitor ("kind": view | case).
Result<void> RecordKnowledgeEvent(const KnowledgeContext& ctx, const std::string& kind,
                                  const Visitor& visitor, std::optional<std::int64_t> article_id);

// Self-service deflection over [from, to): each logged search or article view on the web
// channel that carries a session key or customer, counted as deflected when no case
// followed from the same session ("case" event) or customer (a case of theirs) within 24
// hours. `to` is cut to 24 hours before now, since later events cannot be judged yet.
struct DeflectionFigures {
  Instant from;
  Instant to;
  std::int64_t searches = 0;
  std::int64_t searches_deflected = 0;
  std::int64_t views = 0;
  std::int64_t views_deflected = 0;
};
Result<DeflectionFigures> MeasureDeflection(const KnowledgeContext& ctx, Instant from, Instant to);

}  // namespace frontdoor::usecase
