// The knowledge index and everything that reads it: loading and refreshing, synonyms,
// search, feedback, the search/view log and deflection.
#include <algorithm>
#include <iterator>
#include <utility>

#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::usecase {
namespace {

// Refresh reads back this far before the newest change it has seen: another node's clock may
// be a little behind, and a transaction stamps updated_at before it commits.
constexpr std::chrono::seconds kRefreshMargin(30);
constexpr std::chrono::hours kDeflectionWindow(24);
constexpr std::size_t kMaxQueryChars = 300;
constexpr std::size_t kMaxLimit = 50;
constexpr std::size_t kMaxPhrases = 20;
constexpr std::size_t kMaxPhraseChars = 80;
constexpr std::size_t kMaxComment = 2000;
constexpr std::size_t kMaxSessionKey = 128;

search::Document ToDocument(const store::ArticleRecord& article) {
  search::Document document;
  document.id = article.id;
  document.fields = {article.title, article.keywords, article.summary,
                     MarkdownText(article.body_markdown)};
  document.tags = {"audience:" + article.audience, "state:" + article.state};
  for (const std::string& service : article.services) {
    document.tags.push_back("service:" + service);
  }
  return document;
}

std::vector<std::vector<std::string>> Groups(const std::vector<store::SynonymRecord>& records) {
  std::vector<std::vector<std::string>> groups;
  groups.reserve(records.size());
  for (const auto& record : records) {
    groups.push_back(record.phrases);
  }
  return groups;
}

Result<void> ReloadSynonyms(const KnowledgeContext& ctx) {
  auto synonyms = ListSynonyms(ctx);
  if (!synonyms) {
    return synonyms.error();
  }
  ctx.index.index().SetSynonyms(Groups(*synonyms));
  return {};
}

Result<std::vector<std::string>> CheckPhrases(const std::vector<std::string>& phrases) {
  std::vector<FieldError> errors;
  if (phrases.size() < 2 || phrases.size() > kMaxPhrases) {
    errors.push_back({"phrases", "Give 2 to 20 phrases that mean the same"});
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    const std::string phrase = Trim(phrases[i]);
    const std::string field = "phrases[" + std::to_string(i) + "]";
    if (!IsValidUtf8(phrase) || phrase.empty() || CountCodePoints(phrase) > kMaxPhraseChars ||
        phrase.find('\n') != std::string::npos) {
      errors.push_back({field, "Must be 1 to 80 characters on one line"});
    } else {
      out.push_back(phrase);
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return out;
}

std::optional<FieldError> CheckVisitor(const Visitor& visitor) {
  if (visitor.channel != "web" && visitor.channel != "staff") {
    return FieldError{"channel", "Must be web or staff"};
  }
  if (visitor.session_key &&
      (visitor.session_key->empty() || visitor.session_key->size() > kMaxSessionKey ||
       !IsValidUtf8(*visitor.session_key))) {
    return FieldError{"session", "Must be 1 to 128 bytes"};
  }
  return std::nullopt;
}

}  // namespace

void KnowledgeIndex::Put(const store::ArticleRecord& article) {
  index_.Put(ToDocument(article));
  std::lock_guard lock(mutex_);
  entries_[article.id] = Entry{article.slug,     article.title, article.summary,
                               article.audience, article.state, article.services};
  watermark_ = std::max(watermark_, article.updated_at);
}

std::optional<KnowledgeIndex::Entry> KnowledgeIndex::Find(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) {
    return std::nullopt;
  }
  return it->second;
}

Instant KnowledgeIndex::watermark() const {
  std::lock_guard lock(mutex_);
  return watermark_;
}

void KnowledgeIndex::QueueEvent(store::KnowledgeEventRecord event) {
  std::lock_guard lock(events_mutex_);
  if (queued_events_.size() < kMaxQueuedEvents) {
    queued_events_.push_back(std::move(event));
  }
}

std::vector<store::KnowledgeEventRecord> KnowledgeIndex::TakeQueuedEvents() {
  std::lock_guard lock(events_mutex_);
  return std::exchange(queued_events_, {});
}

void KnowledgeIndex::RequeueEvents(std::vector<store::KnowledgeEventRecord> events) {
  std::lock_guard lock(events_mutex_);
  events.insert(events.end(), std::make_move_iterator(queued_events_.begin()),
                std::make_move_iterator(queued_events_.end()));
  events.resize(std::min(events.size(), kMaxQueuedEvents));
  queued_events_ = std::move(events);
}

Result<void> LoadKnowledgeIndex(const KnowledgeContext& ctx) {
  auto articles = store::ReadValue<std::vector<store::ArticleRecord>>(
      ctx.store,
      [](store::ReadTx& tx) { return store::KnowledgeBase(tx).ChangedSince(Instant{}); });
  if (!articles) {
    return articles.error();
  }
  for (const auto& article : *articles) {
    ctx.index.Put(article);
  }
  return ReloadSynonyms(ctx);
}

Result<std::size_t> RefreshKnowledgeIndex(const KnowledgeContext& ctx) {
  const Instant since = ctx.index.watermark() - kRefreshMargin;
  auto articles = store::ReadValue<std::vector<store::ArticleRecord>>(
      ctx.store,
      [since](store::ReadTx& tx) { return store::KnowledgeBase(tx).ChangedSince(since); });
  if (!articles) {
    return articles.error();
  }
  for (const auto& article : *articles) {
    ctx.index.Put(article);
  }
  if (auto synonyms = ReloadSynonyms(ctx); !synonyms) {
    return synonyms.error();
  }
  return articles->size();
}

Result<std::vector<store::SynonymRecord>> ListSynonyms(const KnowledgeContext& ctx) {
  return store::ReadValue<std::vector<store::SynonymRecord>>(
      ctx.store, [](store::ReadTx& tx) { return store::KnowledgeBase(tx).ListSynonyms(); });
}

Result<store::SynonymRecord> CreateSynonym(const KnowledgeContext& ctx,
                                           const std::vector<std::string>& phrases) {
  auto checked = CheckPhrases(phrases);
  if (!checked) {
    return checked.error();
  }
  const Instant now = ctx.clock.Now();
  auto id = store::WriteValue<std::int64_t>(ctx.store, [&](store::WriteTx& tx) {
    return store::KnowledgeBase(tx).InsertSynonym(*checked, now);
  });
  if (!id) {
    return id.error();
  }
  if (auto reloaded = ReloadSynonyms(ctx); !reloaded) {
    return reloaded.error();
  }
  return store::SynonymRecord{*id, *checked, now};
}

Result<store::SynonymRecord> UpdateSynonym(const KnowledgeContext& ctx, std::int64_t id,
                                           const std::vector<std::string>& phrases) {
  auto checked = CheckPhrases(phrases);
  if (!checked) {
    return checked.error();
  }
  const Instant now = ctx.clock.Now();
  if (auto done = ctx.store.Write([&](store::WriteTx& tx) {
        return store::KnowledgeBase(tx).UpdateSynonym(id, *checked, now);
      });
      !done) {
    return done.error();
  }
  if (auto reloaded = ReloadSynonyms(ctx); !reloaded) {
    return reloaded.error();
  }
  return store::SynonymRecord{id, *checked, now};
}

Result<void> DeleteSynonym(const KnowledgeContext& ctx, std::int64_t id) {
  if (auto done = ctx.store.Write(
          [&](store::WriteTx& tx) { return store::KnowledgeBase(tx).DeleteSynonym(id); });
      !done) {
    return done.error();
  }
  return ReloadSynonyms(ctx);
}

Result<store::FeedbackRecord> GiveFeedback(const KnowledgeContext& ctx, std::int64_t article_id,
                                           const FeedbackInput& input) {
  std::vector<FieldError> errors;
  if (input.comment &&
      (!IsValidUtf8(*input.comment) || CountCodePoints(*input.comment) > kMaxComment)) {
    errors.push_back({"comment", "Must be at most 2,000 characters"});
  }
  if (auto bad = CheckVisitor(Visitor{"web", input.session_key, std::nullopt})) {
    errors.push_back(*bad);
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  store::FeedbackRecord feedback;
  feedback.article_id = article_id;
  feedback.helpful = input.helpful;
  if (input.comment && !Trim(*input.comment).empty()) {
    feedback.comment = Trim(*input.comment);
  }
  feedback.session_key = input.session_key;
  feedback.created_at = ctx.clock.Now();
  auto id =
      store::WriteValue<std::int64_t>(ctx.store, [&](store::WriteTx& tx) -> Result<std::int64_t> {
        store::KnowledgeBase kb(tx);
        auto article = kb.FindArticle(article_id);
        if (!article) {
          return article.error();
        }
        if (article->state != "published") {
          return Error::NotFound("Article not found");
        }
        return kb.InsertFeedback(feedback);
      });
  if (!id) {
    return id.error();
  }
  feedback.id = *id;
  return feedback;
}

Result<FeedbackSummary> GetFeedback(const KnowledgeContext& ctx, std::int64_t article_id) {
  return store::ReadValue<FeedbackSummary>(
      ctx.store, [&](store::ReadTx& tx) -> Result<FeedbackSummary> {
        store::KnowledgeBase kb(tx);
        if (auto article = kb.FindArticle(article_id); !article) {
          return article.error();
        }
        auto counts = kb.CountFeedback(article_id);
        if (!counts) {
          return counts.error();
        }
        auto recent = kb.ListFeedback(article_id, 50);
        if (!recent) {
          return recent.error();
        }
        return FeedbackSummary{*counts, std::move(*recent)};
      });
}

Result<ArticleSearchResult> SearchArticles(const KnowledgeContext& ctx,
                                           const ArticleSearch& search) {
  std::vector<FieldError> errors;
  if (!IsValidUtf8(search.q) || Trim(search.q).empty() ||
      CountCodePoints(search.q) > kMaxQueryChars) {
    errors.push_back({"q", "Enter 1 to 300 characters to search for"});
  }
  if (search.audience && *search.audience != "public" && *search.audience != "staff") {
    errors.push_back({"audience", "Must be public or staff"});
  }
  if (search.limit == 0 || search.limit > kMaxLimit) {
    errors.push_back({"limit", "Must be 1 to 50"});
  }
  if (search.visitor) {
    if (auto bad = CheckVisitor(*search.visitor)) {
      errors.push_back(*bad);
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  search::Query query;
  query.text = search.q;
  query.prefix_last = search.prefix;
  query.offset = std::min<std::size_t>(search.offset, 10'000);
  query.limit = search.limit;
  if (search.audience) {
    query.filters.push_back({"audience:" + *search.audience});
  }
  if (search.service) {
    query.filters.push_back({"service:" + *search.service});
  }
  if (!search.include_drafts) {
    query.filters.push_back({"state:published"});
  }
  const auto found = ctx.index.index().Search(query);
  ArticleSearchResult result;
  result.total = found.total;
  for (const auto& hit : found.hits) {
    if (auto entry = ctx.index.Find(hit.id)) {
      result.hits.push_back(
          ArticleHit{hit.id, std::move(*entry), hit.score, hit.title_html, hit.snippet_html});
    }
  }
  if (search.visitor && (search.visitor->session_key || search.visitor->customer_id)) {
    store::KnowledgeEventRecord event{"search",
                                      search.visitor->channel,
                                      search.visitor->session_key,
                                      search.visitor->customer_id,
                                      Trim(search.q),
                                      std::nullopt,
                                      static_cast<std::int64_t>(found.total),
                                      ctx.clock.Now()};
    // Queued, not written: a search answers without waiting for a commit.
    ctx.index.QueueEvent(std::move(event));
  }
  return result;
}

Result<std::size_t> FlushKnowledgeEvents(const KnowledgeContext& ctx) {
  auto events = ctx.index.TakeQueuedEvents();
  if (events.empty()) {
    return 0;
  }
  auto written = ctx.store.Write(
      [&](store::WriteTx& tx) { return store::KnowledgeBase(tx).InsertEvents(events); });
  if (written) {
    return events.size();
  }
  if (written.error().code() == ErrorCode::kUnavailable) {
    ctx.index.RequeueEvents(std::move(events));
    return written.error();
  }
  // One refused event must not hold back the rest, nor come back forever.
  std::size_t kept = 0;
  for (const auto& event : events) {
    if (ctx.store.Write(
            [&](store::WriteTx& tx) { return store::KnowledgeBase(tx).InsertEvent(event); })) {
      ++kept;
    }
  }
  return kept;
}

Result<void> RecordKnowledgeEvent(const KnowledgeContext& ctx, const std::string& kind,
                                  const Visitor& visitor, std::optional<std::int64_t> article_id) {
  std::vector<FieldError> errors;
  if (kind != "view" && kind != "case") {
    errors.push_back({"kind", "Must be view or case"});
  }
  if (auto bad = CheckVisitor(visitor)) {
    errors.push_back(*bad);
  }
  if (!visitor.session_key && !visitor.customer_id) {
    errors.push_back({"session", "Give a session key or a customer"});
  }
  if (kind == "view" && !article_id) {
    errors.push_back({"article_id", "Say which article was viewed"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  store::KnowledgeEventRecord event{kind,
                                    visitor.channel,
                                    visitor.session_key,
                                    visitor.customer_id,
                                    std::nullopt,
                                    kind == "view" ? article_id : std::nullopt,
                                    std::nullopt,
                                    ctx.clock.Now()};
  return ctx.store.Write([&](store::WriteTx& tx) -> Result<void> {
    store::KnowledgeBase kb(tx);
    if (event.article_id) {
      if (auto article = kb.FindArticle(*event.article_id); !article) {
        if (article.error().code() == ErrorCode::kNotFound) {
          return Error::Invalid("article_id", "No article has this id");
        }
        return article.error();
      }
    }
    return kb.InsertEvent(event);
  });
}

Result<DeflectionFigures> MeasureDeflection(const KnowledgeContext& ctx, Instant from, Instant to) {
  if (to <= from) {
    return Error::Invalid("to", "Must be after from");
  }
  DeflectionFigures figures;
  figures.from = from;
  figures.to = std::min(to, ctx.clock.Now() - kDeflectionWindow);
  if (figures.to <= from) {
    figures.to = from;
    return figures;
  }
  auto rows =
      store::ReadValue<std::vector<store::DeflectionRow>>(ctx.store, [&](store::ReadTx& tx) {
        return store::KnowledgeBase(tx).Deflection("web", from, figures.to, kDeflectionWindow);
      });
  if (!rows) {
    return rows.error();
  }
  for (const auto& row : *rows) {
    if (row.kind == "search") {
      figures.searches = row.events;
      figures.searches_deflected = row.deflected;
    } else if (row.kind == "view") {
      figures.views = row.events;
      figures.views_deflected = row.deflected;
    }
  }
  return figures;
}

}  // namespace frontdoor::usecase
