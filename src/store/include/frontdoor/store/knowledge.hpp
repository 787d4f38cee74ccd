// Repositories of the knowledge base: articles with their services and versions, synonym
// groups, feedback, and the search/view/case log behind the deflection figures. Plain
// records; validation and Markdown rendering are the use cases' job.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct ArticleRecord {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string body_html;  // rendered and sanitised when saved
  std::string keywords;   // comma-separated
  std::string audience;   // public | staff
  std::string state;      // draft | published
  std::optional<std::int64_t> owner_user_id;
  std::optional<std::int64_t> owner_team_id;
  std::optional<std::string> review_by;  // YYYY-MM-DD
  int version = 1;
  Instant created_at;
  Instant updated_at;
  std::optional<Instant> published_at;
  // Read only, joined for display.
  std::vector<std::string> services;  // codes
  std::optional<std::string> owner_user_email;
  std::optional<std::string> owner_team_code;
};

struct ArticleVersionRecord {
  std::int64_t article_id = 0;
  int version = 0;
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string keywords;
  std::string audience;
  std::string state;
  std::vector<std::string> services;
  std::string saved_by;
  Instant saved_at;
};

struct ArticleFilter {
  std::optional<std::string> state;
  std::optional<std::string> audience;
  std::optional<std::string> service_code;
  std::int64_t after_id = 0;  // keyset paging by id
  int limit = 100;
};

struct SynonymRecord {
  std::int64_t id = 0;
  std::vector<std::string> phrases;
  Instant updated_at;
};

struct FeedbackRecord {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  bool helpful = false;
  std::optional<std::string> comment;
  std::optional<std::string> session_key;
  Instant created_at;
};

struct FeedbackCounts {
  std::int64_t helpful = 0;
  std::int64_t not_helpful = 0;
};

struct KnowledgeEventRecord {
  std::string kind;     // search | view | case
  std::string channel;  // web (the portal) | staff
  std::optional<std::string> session_key;
  std::optional<std::int64_t> customer_id;
  std::optional<std::string> query;
  std::optional<std::int64_t> article_id;
  std::optional<std::int64_t> result_count;
  Instant created_at;
};

struct DeflectionRow {
  std::string kind;  // search | view
  std::int64_t events = 0;
  std::int64_t deflected = 0;  // not followed by a case within the window
};

class KnowledgeBase {
 public:
  explicit KnowledgeBase(ReadTx& tx) : session_(tx.session()) {}

  // kConflict when the slug is taken. Returns the id.
  Result<std::int64_t> InsertArticle(const ArticleRecord& article);
  // Replaces every stored field of the article with that id; kNotFound, kConflict (slug).
  Result<void> UpdateArticle(const ArticleRecord& article);
  Result<void> SetServices(std::int64_t article_id, const std::vector<std::int64_t>& service_ids);
  Result<void> InsertVersion(const ArticleVersionRecord& version);

  Result<ArticleRecord> FindArticle(std::int64_t id);  // kNotFound
  Result<ArticleRecord> FindArticleBySlug(const std::string& slug);
  Result<std::vector<ArticleRecord>> ListArticles(const ArticleFilter& filter);
  // Every article changed at or after `since`, oldest change first (index refresh).
  Result<std::vector<ArticleRecord>> ChangedSince(Instant since);
  // Articles whose review date is on or before `date` (YYYY-MM-DD), soonest first.
  Result<std::vector<ArticleRecord>> ReviewDue(const std::string& date);

  Result<std::vector<ArticleVersionRecord>> ListVersions(std::int64_t article_id);
  Result<ArticleVersionRecord> FindVersion(std::int64_t article_id, int version);

  Result<std::vector<SynonymRecord>> ListSynonyms();
  Result<std::int64_t> InsertSynonym(const std::vector<std::string>& phrases, Instant now);
  Result<void> UpdateSynonym(std::int64_t id, const std::vector<std::string>& phrases,
                             Instant now);      // kNotFound
  Result<void> DeleteSynonym(std::int64_t id);  // kNotFound

  Result<std::int64_t> InsertFeedback(const FeedbackRecord& feedback);
  Result<FeedbackCounts> CountFeedback(std::int64_t article_id);
  Result<std::vector<FeedbackRecord>> ListFeedback(std::int64_t article_id, int limit);

  Result<void> InsertEvent(const KnowledgeEventRecord& event);
  // The events in as few statements as the database allows (a batch of queued searches).
  Result<void> InsertEvents(std::span<const KnowledgeEventRecord> events);
  // Searches and views on `channel` in [from, to) that carry a session key or customer,
  // each counted as deflected unless a case followed within `window` (a "case" event with
  // the same session key, or a case of the same customer).
  Result<std::vector<DeflectionRow>> Deflection(const std::string& channel, Instant from,
                                                Instant to, std::chrono::microseconds window);

 private:
  Result<void> AttachServices(std::vector<ArticleRecord>& articles);
  Result<std::vector<ArticleRecord>> Articles(const std::string& where_sql,
                                              const std::vector<SqlParam>& params);

  SqlSession& session_;
};

}  // namespace frontdoor::store
