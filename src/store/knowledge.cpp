#include "frontdoor/store/knowledge.hpp"

#include <map>

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kArticleColumns =
    "SELECT a.id, a.slug, a.title, a.summary, a.body_markdown, a.body_html, a.keywords, "
    "a.audience, a.state, a.owner_user_id, a.owner_team_id, a.review_by, a.version, "
    "a.created_at, a.updated_at, a.published_at, u.email, t.code "
    "FROM kb_article a LEFT JOIN staff_user u ON u.id = a.owner_user_id "
    "LEFT JOIN team t ON t.id = a.owner_team_id ";

ArticleRecord ReadArticle(const SqlRow& row) {
  ArticleRecord a;
  a.id = row.Int(0);
  a.slug = row.String(1);
  a.title = row.String(2);
  a.summary = row.String(3);
  a.body_markdown = row.String(4);
  a.body_html = row.String(5);
  a.keywords = row.String(6);
  a.audience = row.String(7);
  a.state = row.String(8);
  a.owner_user_id = row.OptionalInt(9);
  a.owner_team_id = row.OptionalInt(10);
  a.review_by = row.OptionalString(11);
  a.version = static_cast<int>(row.Int(12));
  a.created_at = FromUnixMicros(row.Int(13));
  a.updated_at = FromUnixMicros(row.Int(14));
  if (!row.IsNull(15)) {
    a.published_at = FromUnixMicros(row.Int(15));
  }
  a.owner_user_email = row.OptionalString(16);
  a.owner_team_code = row.OptionalString(17);
  return a;
}

std::vector<std::string> SplitLines(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    if (end > start) {
      out.emplace_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out.push_back(separator);
    }
    out += item;
  }
  return out;
}

ArticleVersionRecord ReadVersion(const SqlRow& row) {
  ArticleVersionRecord v;
  v.article_id = row.Int(0);
  v.version = static_cast<int>(row.Int(1));
  v.title = row.String(2);
  v.summary = row.String(3);
  v.body_markdown = row.String(4);
  v.keywords = row.String(5);
  v.audience = row.String(6);
  v.state = row.String(7);
  v.services = SplitLines(row.Text(8), ',');
  v.saved_by = row.String(9);
  v.saved_at = FromUnixMicros(row.Int(10));
  return v;
}

constexpr std::string_view kVersionColumns =
    "SELECT article_id, version, title, summary, body_markdown, keywords, audience, state, "
    "services, saved_by, saved_at FROM kb_article_version ";

FeedbackRecord ReadFeedback(const SqlRow& row) {
  FeedbackRecord f;
  f.id = row.Int(0);
  f.article_id = row.Int(1);
  f.helpful = row.Int(2) != 0;
  f.comment = row.OptionalString(3);
  f.session_key = row.OptionalString(4);
  f.created_at = FromUnixMicros(row.Int(5));
  return f;
}

}  // namespace

Result<void> KnowledgeBase::AttachServices(std::vector<ArticleRecord>& articles) {
  if (articles.empty()) {
    return {};
  }
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    ids.push_back(articles[i].id);
    at[articles[i].id] = i;
  }
  // In chunks, so a list of thousands (the index load) stays within parameter limits.
  constexpr std::size_t kChunk = 500;
  for (std::size_t first = 0; first < ids.size(); first += kChunk) {
    const std::vector<std::int64_t> chunk(
        ids.begin() + static_cast<std::ptrdiff_t>(first),
        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + kChunk)));
    Where where;
    where.In("l.article_id", chunk);
    auto done = session_.Query(
        "SELECT l.article_id, s.code FROM kb_article_service l JOIN service s ON s.id = "
        "l.service_id " +
            where.sql() + " ORDER BY l.article_id, s.code",
        where.params(),
        [&](const SqlRow& row) { articles[at[row.Int(0)]].services.push_back(row.String(1)); });
    if (!done) {
      return done.error();
    }
  }
  return {};
}

Result<std::vector<ArticleRecord>> KnowledgeBase::Articles(const std::string& where_sql,
                                                           const std::vector<SqlParam>& params) {
  auto articles = QueryAll<ArticleRecord>(session_, std::string(kArticleColumns) + where_sql,
                                          params, ReadArticle);
  if (!articles) {
    return articles.error();
  }
  if (auto attached = AttachServices(*articles); !attached) {
    return attached.error();
  }
  return articles;
}

Result<std::int64_t> KnowledgeBase::InsertArticle(const ArticleRecord& a) {
  return QueryInt(
      session_,
      "INSERT INTO kb_article (slug, title, summary, body_markdown, body_html, keywords, audience, "
      "state, owner_user_id, owner_team_id, review_by, version, created_at, updated_at, "
      "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {std::string_view{a.slug}, std::string_view{a.title}, std::string_view{a.summary},
       std::string_view{a.body_markdown}, std::string_view{a.body_html},
       std::string_view{a.keywords}, std::string_view{a.audience}, std::string_view{a.state},
       OptionalInt(a.owner_user_id), OptionalInt(a.owner_team_id), OptionalText(a.review_by),
       std::int64_t{a.version}, ToUnixMicros(a.created_at), ToUnixMicros(a.updated_at),
       a.published_at ? SqlParam(ToUnixMicros(*a.published_at)) : SqlParam(nullptr)});
}

Result<void> KnowledgeBase::UpdateArticle(const ArticleRecord& a) {
  auto changed = session_.Exec(
      "UPDATE kb_article SET slug = ?, title = ?, summary = ?, body_markdown = ?, body_html = ?, "
      "keywords = ?, audience = ?, state = ?, owner_user_id = ?, owner_team_id = ?, review_by = ?, "
      "version = ?, updated_at = ?, published_at = ? WHERE id = ?",
      {std::string_view{a.slug}, std::string_view{a.title}, std::string_view{a.summary},
       std::string_view{a.body_markdown}, std::string_view{a.body_html},
       std::string_view{a.keywords}, std::string_view{a.audience}, std::string_view{a.state},
       OptionalInt(a.owner_user_id), OptionalInt(a.owner_team_id), OptionalText(a.review_by),
       std::int64_t{a.version}, ToUnixMicros(a.updated_at),
       a.published_at ? SqlParam(ToUnixMicros(*a.published_at)) : SqlParam(nullptr), a.id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Article not found");
  }
  return {};
}

Result<void> KnowledgeBase::SetServices(std::int64_t article_id,
                                        const std::vector<std::int64_t>& service_ids) {
  if (auto cleared =
          session_.Exec("DELETE FROM kb_article_service WHERE article_id = ?", {article_id});
      !cleared) {
    return cleared.error();
  }
  for (const std::int64_t service_id : service_ids) {
    auto added = session_.Exec(
        "INSERT INTO kb_article_service (article_id, service_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING",
        {article_id, service_id});
    if (!added) {
      return added.error();
    }
  }
  return {};
}

Result<void> KnowledgeBase::InsertVersion(const ArticleVersionRecord& v) {
  const std::string services = Join(v.services, ',');
  auto done = session_.Exec(
      "INSERT INTO kb_article_version (article_id, version, title, summary, body_markdown, "
      "keywords, audience, state, services, saved_by, saved_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {v.article_id, std::int64_t{v.version}, std::string_view{v.title},
       std::string_view{v.summary}, std::string_view{v.body_markdown}, std::string_view{v.keywords},
       std::string_view{v.audience}, std::string_view{v.state}, std::string_view{services},
       std::string_view{v.saved_by}, ToUnixMicros(v.saved_at)});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<ArticleRecord> KnowledgeBase::FindArticle(std::int64_t id) {
  auto found = Articles("WHERE a.id = ?", {id});
  if (!found) {
    return found.error();
  }
  if (found->empty()) {
    return Error::NotFound("Article not found");
  }
  return std::move(found->front());
}

Result<ArticleRecord> KnowledgeBase::FindArticleBySlug(const std::string& slug) {
  auto found = Articles("WHERE a.slug = ?", {std::string_view{slug}});
  if (!found) {
    return found.error();
  }
  if (found->empty()) {
    return Error::NotFound("Article not found");
  }
  return std::move(found->front());
}

Result<std::vector<ArticleRecord>> KnowledgeBase::ListArticles(const ArticleFilter& filter) {
  Where where;
  where.Compare("a.id", ">", filter.after_id);
  if (filter.state) {
    where.Compare("a.state", "=", std::string_view{*filter.state});
  }
  if (filter.audience) {
    where.Compare("a.audience", "=", std::string_view{*filter.audience});
  }
  if (filter.service_code) {
    where.Add(
        "EXISTS (SELECT 1 FROM kb_article_service l JOIN service s ON s.id = l.service_id "
        "WHERE l.article_id = a.id AND s.code = ?)");
  }
  std::vector<SqlParam> params = where.params();
  if (filter.service_code) {
    params.emplace_back(std::string_view{*filter.service_code});
  }
  params.emplace_back(std::int64_t{filter.limit});
  return Articles(where.sql() + " ORDER BY a.id LIMIT ?", params);
}

Result<std::vector<ArticleRecord>> KnowledgeBase::ChangedSince(Instant since) {
  return Articles("WHERE a.updated_at >= ? ORDER BY a.updated_at, a.id", {ToUnixMicros(since)});
}

Result<std::vector<ArticleRecord>> KnowledgeBase::ReviewDue(const std::string& date) {
  return Articles("WHERE a.review_by IS NOT NULL AND a.review_by <= ? ORDER BY a.review_by, a.id",
                  {std::string_view{date}});
}

Result<std::vector<ArticleVersionRecord>> KnowledgeBase::ListVersions(std::int64_t article_id) {
  return QueryAll<ArticleVersionRecord>(
      session_, std::string(kVersionColumns) + "WHERE article_id = ? ORDER BY version DESC",
      {article_id}, ReadVersion);
}

Result<ArticleVersionRecord> KnowledgeBase::FindVersion(std::int64_t article_id, int version) {
  return QueryOne<ArticleVersionRecord>(
      session_, std::string(kVersionColumns) + "WHERE article_id = ? AND version = ?",
      {article_id, std::int64_t{version}}, ReadVersion, "Version");
}

Result<std::vector<SynonymRecord>> KnowledgeBase::ListSynonyms() {
  return QueryAll<SynonymRecord>(
      session_, "SELECT id, phrases, updated_at FROM kb_synonym ORDER BY id", {},
      [](const SqlRow& row) {
        return SynonymRecord{row.Int(0), SplitLines(row.Text(1), '\n'), FromUnixMicros(row.Int(2))};
      });
}

Result<std::int64_t> KnowledgeBase::InsertSynonym(const std::vector<std::string>& phrases,
                                                  Instant now) {
  const std::string text = Join(phrases, '\n');
  return QueryInt(session_,
                  "INSERT INTO kb_synonym (phrases, updated_at) VALUES (?, ?) RETURNING id",
                  {std::string_view{text}, ToUnixMicros(now)});
}

Result<void> KnowledgeBase::UpdateSynonym(std::int64_t id, const std::vector<std::string>& phrases,
                                          Instant now) {
  const std::string text = Join(phrases, '\n');
  auto changed = session_.Exec("UPDATE kb_synonym SET phrases = ?, updated_at = ? WHERE id = ?",
                               {std::string_view{text}, ToUnixMicros(now), id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Synonym group not found");
  }
  return {};
}

Result<void> KnowledgeBase::DeleteSynonym(std::int64_t id) {
  auto changed = session_.Exec("DELETE FROM kb_synonym WHERE id = ?", {id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Synonym group not found");
  }
  return {};
}

Result<std::int64_t> KnowledgeBase::InsertFeedback(const FeedbackRecord& f) {
  return QueryInt(session_,
                  "INSERT INTO kb_feedback (article_id, helpful, comment, session_key, created_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {f.article_id, std::int64_t{f.helpful ? 1 : 0}, OptionalText(f.comment),
                   OptionalText(f.session_key), ToUnixMicros(f.created_at)});
}

Result<FeedbackCounts> KnowledgeBase::CountFeedback(std::int64_t article_id) {
  FeedbackCounts counts;
  auto done = session_.Query(
      "SELECT helpful, COUNT(*) FROM kb_feedback WHERE article_id = ? GROUP BY helpful",
      {article_id}, [&counts](const SqlRow& row) {
        (row.Int(0) != 0 ? counts.helpful : counts.not_helpful) = row.Int(1);
      });
  if (!done) {
    return done.error();
  }
  return counts;
}

Result<std::vector<FeedbackRecord>> KnowledgeBase::ListFeedback(std::int64_t article_id,
                                                                int limit) {
  return QueryAll<FeedbackRecord>(
      session_,
      "SELECT id, article_id, helpful, comment, session_key, created_at FROM kb_feedback "
      "WHERE article_id = ? ORDER BY id DESC LIMIT ?",
      {article_id, std::int64_t{limit}}, ReadFeedback);
}

Result<void> KnowledgeBase::InsertEvent(const KnowledgeEventRecord& e) {
  auto done = session_.Exec(
      "INSERT INTO kb_event (kind, channel, session_key, customer_id, query, article_id, "
      "result_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string_view{e.kind}, std::string_view{e.channel}, OptionalText(e.session_key),
       OptionalInt(e.customer_id), OptionalText(e.query), OptionalInt(e.article_id),
       OptionalInt(e.result_count), ToUnixMicros(e.created_at)});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<void> KnowledgeBase::InsertEvents(std::span<const KnowledgeEventRecord> events) {
  return InsertRows(session_,
                    "INSERT INTO kb_event (kind, channel, session_key, customer_id, query, "
                    "article_id, result_count, created_at) VALUES ",
                    8, events, [](const KnowledgeEventRecord& e, std::vector<SqlParam>& params) {
                      params.insert(params.end(),
                                    {std::string_view{e.kind}, std::string_view{e.channel},
                                     OptionalText(e.session_key), OptionalInt(e.customer_id),
                                     OptionalText(e.query), OptionalInt(e.article_id),
                                     OptionalInt(e.result_count), ToUnixMicros(e.created_at)});
                    });
}

Result<std::vector<DeflectionRow>> KnowledgeBase::Deflection(const std::string& channel,
                                                             Instant from, Instant to,
                                                             std::chrono::microseconds window) {
  const std::int64_t w = window.count();
  return QueryAll<DeflectionRow>(
      session_,
      "SELECT e.kind, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM kb_event c "
      "WHERE e.session_key IS NOT NULL AND c.session_key = e.session_key AND c.kind = 'case' "
      "AND c.created_at >= e.created_at AND c.created_at < e.created_at + ?) "
      "OR EXISTS (SELECT 1 FROM service_case k WHERE e.customer_id IS NOT NULL "
      "AND k.customer_id = e.customer_id AND k.created_at >= e.created_at "
      "AND k.created_at < e.created_at + ?) THEN 0 ELSE 1 END) "
      "FROM kb_event e WHERE e.kind IN ('search', 'view') AND e.channel = ? "
      "AND (e.session_key IS NOT NULL OR e.customer_id IS NOT NULL) "
      "AND e.created_at >= ? AND e.created_at < ? GROUP BY e.kind ORDER BY e.kind",
      {w, w, std::string_view{channel}, ToUnixMicros(from), ToUnixMicros(to)},
      [](const SqlRow& row) {
        return DeflectionRow{row.String(0), row.Int(1), row.Int(2)};
      });
}

}  // namespace frontdoor::store
