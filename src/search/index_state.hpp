// The private state of search::Index, shared by its parts: index.cpp (updates, statistics),
// plan.cpp (query words to clauses), rank.cpp (scoring, snippets) with top_k.cpp and
// tiers.cpp (the top-k walk).
// Not thread-safe: Index guards it with its reader/writer lock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "frontdoor/search/analyser.hpp"
#include "frontdoor/search/index.hpp"

#include "typo.hpp"

namespace frontdoor::search {

inline constexpr unsigned kTfBits = 8;
inline constexpr std::uint32_t kTfMax = 255;
// Snippets look at the opening of long texts only: enough to find the query's words in any
// real article, and a bound on the work (and the stored token offsets) per document.
inline constexpr std::size_t kSnippetScanBytes = 16 * 1024;

// A document slot and its frequency in each field, 8 bits per field.
struct Posting {
  std::uint32_t slot = 0;
  std::uint32_t tfs = 0;
};

// Slots are grouped in fixed blocks; a common term keeps its best score in each block, so a
// query can skip whole blocks in which it cannot reach the page (block-max pruning).
inline constexpr unsigned kBlockShift = 7;  // 128 slots a block
inline constexpr std::size_t kBlockMinDf = 128;
// Blocks are grouped again, 64 to a span, each with the largest of its block bounds: a query
// whose page ties across a long plateau (a surname, a street) passes over a span that cannot
// enter from one bound instead of 64.
inline constexpr unsigned kSpanShift = 6;
inline constexpr std::uint32_t kSpanBlocks = 1U << kSpanShift;

struct BlockBound {
  std::uint32_t block = 0;  // slot >> kBlockShift
  float bound = 0;          // like TermEntry::bound, over the block's postings only
  // How many postings of the list come before the block's first slot: where the block starts
  // in the list, so a probe far ahead jumps there instead of galloping through the list.
  std::uint32_t first = 0;
};

// Impact tiers: a long list also keeps, in slot order, its postings that score above a cut,
// so a query of common words can look for its page among those first and skip the rest of
// every list once the rest provably cannot reach the page (tiers.cpp).
inline constexpr std::size_t kTierMinDf = 4096;
// Tiers hold about df >> shift postings: a 4096th, 1024th, 256th, 64th and 16th of the list.
// Steps of four: when a tier falls short, the next one costs four times its walk, not
// sixteen, while all of them together hold a twelfth of the list.
inline constexpr std::array<unsigned, 5> kTierShifts{12, 10, 8, 6, 4};
inline constexpr std::size_t kTierMinSize = 64;

struct Tier {
  // Every posting of the list not in `postings` has a score part (like TermEntry::bound)
  // of at most `cut`; the ones in it are above it.
  float cut = 0;
  unsigned shift = 0;             // holds about df >> shift postings
  std::vector<Posting> postings;  // sorted by slot
  // Each posting's part (IndexState::Part), side by side with `postings`: a tier candidate is
  // bounded from them without reading its document's field lengths (a cache miss apiece).
  std::vector<float> parts;
};

// Tiers over the postings of the documents carrying one tag (IndexOptions::
// tiered_tag_prefixes): for the documents a filter on the tag lets through, a cut over them
// alone, so lower than the list's and with a tenth of the candidates when the tag is one
// department of ten.
struct TagTiers {
  std::uint32_t tag = 0;
  std::vector<Tier> tiers;  // as TermEntry::tiers, within the tag
};

struct TermEntry {
  std::string text;               // the stem
  std::vector<Posting> postings;  // sorted by slot
  // At least the part (IndexState::Part) of every posting: the largest, exactly, until a
  // deletion leaves it loose. The idf is applied at query time. Never below the true maximum,
  // so top-k pruning with it is exact.
  double bound = 0;
  // Per block holding postings, sorted; only for terms of kBlockMinDf postings or more (a
  // shorter list is cheap to walk), kept once built.
  std::vector<BlockBound> blocks;
  // Per span (block >> kSpanShift), the largest of its block bounds; kept with the blocks.
  std::vector<float> span_bounds;
  // Smallest first; only for lists of kTierMinDf postings or more. Built again when the list
  // has doubled since (tiers_df), so their sizes stay near their targets.
  std::vector<Tier> tiers;
  std::size_t tiers_df = 0;
  // Sorted by tag; built and kept with `tiers`, for the tags whose part of the list is long
  // enough for a tier.
  std::vector<TagTiers> tag_tiers;
};

struct Slot {
  std::int64_t id = 0;
  bool live = false;
  std::array<std::uint16_t, kFieldCount> lengths{};
  std::vector<std::uint32_t> terms;  // sorted: the postings to remove on update
  std::vector<std::uint32_t> tags;   // sorted
  std::string title;
  std::string text;  // summary and body, for snippets
  // Words of the title, then of the text's opening, as term ids and packed spans (byte
  // offset << 8 | length): snippets mark words from these instead of analysing again.
  std::vector<std::uint32_t> token_terms;
  std::vector<std::uint32_t> token_spans;
  std::uint32_t title_tokens = 0;
};

// A term of a document analysed outside the lock; `id` is filled in under it.
struct TermInfo {
  std::uint32_t packed = 0;  // frequency in each field
  std::uint32_t id = 0;
};

struct StoredToken {
  const TermInfo* term = nullptr;  // a value of Analysed::terms
  std::uint32_t span = 0;
};

struct Analysed {
  std::map<std::string, TermInfo> terms;
  std::map<std::string, std::string> surfaces;  // folded word -> its term (prefix matching)
  std::array<std::uint16_t, kFieldCount> lengths{};
  std::vector<StoredToken> title_tokens;
  std::vector<StoredToken> text_tokens;
};

[[nodiscard]] Analysed AnalyseDocument(const Document& document, bool keep_text);

// How much of a document's text (summary + "\n" + body) snippets are made from: all of it
// up to kSnippetScanBytes, else the opening cut at a space. Always below 2^24 (spans).
[[nodiscard]] std::size_t ScanLength(std::string_view summary, std::string_view body);

// One way of meeting a clause. A phrase of several words scores the mean of its words, so a
// two-word synonym counts as much as one word, not twice as much.
struct Alternative {
  std::vector<std::uint32_t> terms;
  double weight = 1;
  // The phrase the user typed may be met in part (Irish mutations, a word the article does
  // not use); a synonym phrase only as a whole, or synonyms would add noise.
  bool partial = false;
  double words = 1;  // the phrase's length, present in the index or not
};

// A query word (or synonym phrase): met by its best alternative.
struct Clause {
  std::vector<Alternative> alternatives;
};

struct TermFactors {
  double idf = 0;
};

struct IndexState {
  IndexOptions options;
  std::unordered_map<std::string, std::uint32_t> term_ids;
  std::vector<TermEntry> terms;
  std::map<std::string, std::uint32_t, std::less<>> surfaces;  // folded word -> term id
  // Spelling correction compares what the user typed with the words documents use, before
  // stemming: stems are shorter and more alike ("recyl" is two edits from "regul", while
  // "recyling" is far from "regulations"). Ids in `deletions` index this list of the
  // surfaces' map entries (never erased, so the iterators stay valid).
  using SurfaceEntry = std::map<std::string, std::uint32_t, std::less<>>::const_iterator;
  std::vector<SurfaceEntry> surface_list;
  DeletionIndex deletions;
  std::unordered_map<std::string, std::uint32_t> tag_ids;
  std::vector<std::uint32_t> tiered_tags;  // sorted: tags with a tiered prefix
  // Per tag, one bit per slot: a filter is a bit test, not a search through the slot's tags.
  std::vector<std::vector<std::uint64_t>> tag_bits;
  std::vector<Slot> slots;
  // Field lengths per slot, apart from the slots: scoring reads them for every posting.
  std::vector<std::array<std::uint16_t, kFieldCount>> lengths;
  // Document ids per slot, likewise: a page's ties are broken by id, and a Slot is three cache
  // lines away from the next.
  std::vector<std::int64_t> ids;
  std::vector<std::uint32_t> free_slots;
  std::unordered_map<std::int64_t, std::uint32_t> slot_of;
  std::array<std::uint64_t, kFieldCount> total_length{};
  std::size_t live = 0;
  // Field lengths scores are normalised with: the true averages when last worked out, kept
  // until they drift more than kAverageDrift away. A posting's part is then fixed between
  // two rebuilds, so block bounds and tier cuts are exact parts, not estimates, and a block
  // whose documents tie with the page can be skipped (top_k.cpp).
  std::array<double, kFieldCount> bound_average{};
  std::array<double, kFieldCount> part_factor{};  // b[f] / bound_average[f]
  // The smallest live document id per block of slots (kBlockShift): ties are broken by id, so
  // a block that can at best tie with the page and holds only larger ids cannot enter it.
  std::vector<std::int64_t> block_min_ids;
  std::vector<std::int64_t> span_min_ids;  // likewise per span of kSpanBlocks blocks
  // Synonym groups as phrases of stems; phrases indexed by their first stem.
  std::vector<std::vector<std::vector<std::string>>> synonyms;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> synonym_starts;

  // index.cpp: updates.
  void SetTagBit(std::uint32_t tag, std::uint32_t slot, bool on);
  [[nodiscard]] bool HasTag(std::uint32_t tag, std::uint32_t slot) const;
  std::uint32_t TermId(const std::string& term);
  void Clear(std::uint32_t slot_index);
  void Fill(std::uint32_t slot_index, const Document& document, Analysed& analysed,
            std::vector<std::uint32_t> tags);
  [[nodiscard]] std::array<double, kFieldCount> Averages() const;
  // A posting's score part without the idf: its saturated BM25F frequency against
  // bound_average, rounded to a float so that block bounds (floats) hold it exactly.
  [[nodiscard]] double Part(std::uint32_t packed,
                            const std::array<std::uint16_t, kFieldCount>& field_lengths) const;
  void UpdateBlockMinId(std::uint32_t slot_index);
  // Saturated BM25F frequency part of `packed` in a document of `lengths`, given
  // length_factor[f] = b[f] / average length of field f.
  [[nodiscard]] double Saturated(std::uint32_t packed,
                                 const std::array<std::uint16_t, kFieldCount>& field_lengths,
                                 const std::array<double, kFieldCount>& length_factor) const;
  void KeepBoundsValid();
  void RebuildBounds(TermEntry& entry) const;
  // Raises the bounds of `entry` for a posting just added, of part `value`, and adds it to
  // the tiers it belongs to.
  void RaiseBounds(TermEntry& entry, const Posting& posting, double value) const;
  // Works out the cuts of `entry`'s tiers from `parts` (score part of each posting, in list
  // order) and fills them; drops them when the list is short.
  void BuildTiers(TermEntry& entry, const std::vector<double>& parts) const;
  // Adds `posting` (of part `value`) to those of `tiers` whose cut it is above.
  static void AddToTiers(std::vector<Tier>& tiers, const Posting& posting, double value);
  // Removes the posting of `slot` from each of `tiers` holding it.
  static void RemoveFromTiers(std::vector<Tier>& tiers, std::uint32_t slot);
  // Raises the bound of the span holding `block` to `bound`.
  static void RaiseSpan(TermEntry& entry, std::uint32_t block, float bound);
  // Keeps BlockBound::first right after a posting of `slot` was added (+1) or removed (-1).
  static void ShiftBlocks(TermEntry& entry, std::uint32_t slot, int by);
  [[nodiscard]] std::size_t Df(std::uint32_t term) const { return terms[term].postings.size(); }

  // plan.cpp: query words to clauses.
  [[nodiscard]] Clause SingleWordClause(const Token& token, bool is_prefix) const;
  [[nodiscard]] bool SynonymClause(const std::vector<Token>& tokens, std::size_t& i,
                                   Clause& clause) const;
  [[nodiscard]] std::vector<Clause> Plan(const std::vector<Token>& tokens, bool prefix_last) const;

  // rank.cpp: scoring and the top k.
  [[nodiscard]] TermFactors Factors(std::uint32_t term) const;
  [[nodiscard]] double TermScore(const Posting& posting, const TermFactors& factors) const;
  [[nodiscard]] Results Rank(const std::vector<Clause>& clauses,
                             const std::vector<std::vector<std::uint32_t>>& filters,
                             const Query& query) const;
  void AddSnippets(const std::vector<Clause>& clauses, Hit& hit, std::uint32_t slot) const;
};

}  // namespace frontdoor::search
