// An in-memory full-text index with BM25F ranking, the engine behind knowledge-base search
// and staff search over cases. Pure: documents come in as text, nothing is read or written
// outside memory, so SQLite and PostgreSQL deployments rank identically.
//
// Queries: every word is a clause and documents are ranked by the sum of their clauses'
// BM25F scores over four weighted fields. A clause is satisfied by the exact term, by an
// administrator's synonym (multi-word phrases allowed: "bin" ~ "wheelie bin" ~ "refuse"),
// by a corrected spelling (edit distance 1 from 4 letters, 2 from 8, between the word as typed
// and the words of the documents, before stemming) when the word is not in the index or far
// rarer than the correction, and, for the word being typed, by any term
// starting with it. Variants score less than the exact term, so exact matches rank first.
//
// Only the best offset + limit documents are scored in full (MaxScore over per-term upper
// bounds): a query costs about the postings of its rarest words, not of all its words. The
// hits are exactly those an exhaustive ranking gives; `total` is exact only when nothing was
// skipped (Results::total_is_exact), otherwise an estimate.
//
// Thread-safe: searches share a lock, updates (Put, Remove, SetSynonyms) take it alone.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace frontdoor::search {

// Fields in order of weight; a word in the title counts most.
enum class Field : std::uint8_t { kTitle = 0, kKeywords = 1, kSummary = 2, kBody = 3 };
inline constexpr std::size_t kFieldCount = 4;

struct Document {
  std::int64_t id = 0;
  std::array<std::string, kFieldCount> fields;  // indexed by Field; plain text (UTF-8)
  std::vector<std::string> tags;                // filter values, e.g. "audience:public"
};

struct Ranking {
  std::array<double, kFieldCount> weight{4.0, 2.5, 1.5, 1.0};
  std::array<double, kFieldCount> b{0.4, 0.3, 0.6, 0.75};  // length normalisation per field
  double k1 = 1.2;
};

struct IndexOptions {
  Ranking ranking;
  // Keep title, summary and body for highlighted snippets; off where snippets come from
  // elsewhere and memory matters (a million cases).
  bool keep_text = true;
  // Tags by which searches are commonly filtered and which split the documents into large
  // parts (a case's department, its status): a long posting list also keeps impact tiers
  // within each tag starting with one of these, so a filtered search looks for its page among
  // the best postings of its own department instead of walking those of all of them. Costs
  // about a twelfth of the long lists again per prefix.
  std::vector<std::string> tiered_tag_prefixes;
};

struct Query {
  std::string text;
  // Every group must match; within a group any tag will do (e.g. {"audience:public"},
  // {"service:bins", "service:recycling"}). An empty group matches nothing.
  std::vector<std::vector<std::string>> filters;
  bool prefix_last = false;  // the last word may be unfinished (search as you type)
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool snippets = true;
  // Score every matching document: exact total, slower. For tests and comparisons.
  bool exhaustive = false;
};

struct Hit {
  std::int64_t id = 0;
  double score = 0;
  std::string title_html;    // escaped, matches in <mark>; empty without keep_text
  std::string snippet_html;  // from summary and body, likewise
};

struct Results {
  std::vector<Hit> hits;
  // Documents matched before offset and limit. When documents that could not reach the page
  // were skipped, an estimate (never below the documents seen): total_is_exact is false.
  std::size_t total = 0;
  bool total_is_exact = true;
  // Documents the search looked at (filtered, and scored unless shown unable to reach the
  // page): the work it did, for tests and benchmarks.
  std::size_t examined = 0;
};

struct IndexStats {
  std::size_t documents = 0;
  std::size_t terms = 0;
  std::size_t postings = 0;
  std::size_t deletion_entries = 0;
  std::size_t approximate_bytes = 0;
};

// Queries longer than this many words are cut (after synonym matching).
inline constexpr std::size_t kMaxQueryClauses = 32;

struct IndexState;  // private to the module

class Index {
 public:
  explicit Index(IndexOptions options = {});
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Adds the document, or replaces the one with the same id in place.
  void Put(const Document& document);
  // Removes the document; false when there was none.
  bool Remove(std::int64_t id);
  // Replaces every synonym group. Each group is a list of phrases that mean the same.
  void SetSynonyms(const std::vector<std::vector<std::string>>& groups);

  [[nodiscard]] Results Search(const Query& query) const;
  [[nodiscard]] bool Contains(std::int64_t id) const;
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] IndexStats Stats() const;

 private:
  std::unique_ptr<IndexState> state_;
  mutable std::shared_mutex mutex_;
};

}  // namespace frontdoor::search
