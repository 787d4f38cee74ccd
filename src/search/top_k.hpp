// The top-k walk of one query (private to search), used by rank.cpp; not thread-safe (one
// per query). The top k is found by MaxScore (Turtle and Flood, 1995) instead of scoring
// every document that matches.
//
// Documents are visited in slot order through one cursor per term of every clause. Each term
// has an upper bound on its score (TermEntry::bound times its idf), so each clause has one.
// Clauses are sorted by bound; once k documents are held, the clauses whose bounds together
// (times the best coordination they could reach) fall below the k-th score are
// "non-essential": a document only they match cannot enter, so candidates come from the
// other clauses alone, and the non-essential ones are only probed (by galloping) for the
// candidates, stopping as soon as a candidate cannot reach the k-th score. Every document
// that is scored is scored completely, in clause order, so its score is bit for bit what an
// exhaustive pass gives (Query::exhaustive; the property tests compare the two).
// Two refinements: the page may be settled from the impact tiers of long lists before any
// walk (RunTiers), and single cursors, not only whole clauses, stop supplying candidates once
// they cannot lift a document onto the page (SkipMoreCursors).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "frontdoor/search/index.hpp"

#include "index_state.hpp"

namespace frontdoor::search {

// Bounds are summed in another order than scores; this keeps float rounding on the safe side.
constexpr double kBoundRounding = 1 + 1e-9;
constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
// Deeper pages than this are looked for by the ordinary walk: the smallest tiers hold about
// this many postings, too few to fill them.
constexpr std::size_t kMaxTierPage = 64;

struct Cursor {
  const Posting* begin = nullptr;
  const Posting* at = nullptr;
  const Posting* end = nullptr;
  TermFactors factors;
  const BlockBound* block = nullptr;  // the term's block bounds, if it has them
  const BlockBound* block_end = nullptr;
  double bound = 0;  // the term's bound over all blocks
  std::uint32_t term = 0;
  // Where Advance looks up block starts from (blocks before it end before any slot it will
  // be asked for).
  const BlockBound* skip = nullptr;
  const std::vector<float>* spans = nullptr;  // the term's span bounds, with its blocks

  // The most this term's part can be in a span of kSpanBlocks blocks.
  [[nodiscard]] double SpanBoundAt(std::size_t span) const {
    if (spans == nullptr) {
      return bound;
    }
    return span < spans->size() ? static_cast<double>((*spans)[span]) : 0.0;
  }

  // The most this term's part can be in `block` (blocks asked in increasing order).
  double BlockBoundAt(std::uint32_t wanted) {
    if (block == nullptr) {
      return bound;
    }
    while (block != block_end && block->block < wanted) {
      ++block;
    }
    return block != block_end && block->block == wanted ? block->bound : 0.0;
  }
};

// Probes far ahead in a long list land in cold memory, where each step of a gallop is a
// cache miss: past this many blocks, the block starts are looked up first.
constexpr std::uint32_t kFarBlocks = 2;

// Moves the cursor to the first posting at or after `target`: to the start of the target's
// block when it is far and the list has blocks, then galloping and a binary search, so
// skipping far through a long list costs a logarithm, not a walk.
inline void Advance(Cursor& cursor, std::uint32_t target) {
  if (cursor.at == cursor.end || cursor.at->slot >= target) {
    return;
  }
  const std::uint32_t target_block = target >> kBlockShift;
  if (cursor.skip != nullptr && target_block >= (cursor.at->slot >> kBlockShift) + kFarBlocks) {
    // The first block at or after the target's: every posting before its start is before
    // the target (a block without postings has no entry).
    const BlockBound* block = cursor.skip;
    std::size_t step = 1;
    while (step < static_cast<std::size_t>(cursor.block_end - block) &&
           block[step].block < target_block) {
      block += step;
      step *= 2;
    }
    const BlockBound* high =
        step < static_cast<std::size_t>(cursor.block_end - block) ? block + step : cursor.block_end;
    block =
        std::lower_bound(block, high, target_block,
                         [](const BlockBound& bound, std::uint32_t b) { return bound.block < b; });
    cursor.skip = block;
    if (block == cursor.block_end) {
      cursor.at = cursor.end;
      return;
    }
    cursor.at = std::max(cursor.at, cursor.begin + block->first);
    if (cursor.at == cursor.end || cursor.at->slot >= target) {
      return;
    }
  }
  const Posting* low = cursor.at;  // low->slot < target
  std::size_t step = 1;
  while (step < static_cast<std::size_t>(cursor.end - low) && low[step].slot < target) {
    low += step;
    step *= 2;
  }
  const Posting* high = step < static_cast<std::size_t>(cursor.end - low) ? low + step : cursor.end;
  cursor.at = std::lower_bound(
      low + 1, high, target,
      [](const Posting& posting, std::uint32_t wanted) { return posting.slot < wanted; });
}

struct PlannedAlternative {
  std::size_t first = 0;  // its cursors: [first, first + count)
  std::size_t count = 0;
  double scale = 1;  // weight / words
  bool partial = false;
};

struct PlannedClause {
  std::vector<PlannedAlternative> alternatives;
  std::size_t first = 0;  // every cursor of the clause: [first, last)
  std::size_t last = 0;
  double bound = 0;
  std::size_t max_df = 0;
};

struct Scored {
  double score = 0;
  std::uint32_t slot = 0;
  std::int64_t id = 0;
};

// Higher score first; equal scores by document id, so pages are stable.
inline bool Better(const Scored& a, const Scored& b) {
  if (a.score != b.score) {
    return a.score > b.score;
  }
  return a.id < b.id;
}

// A list walked once in slot order.
struct List {
  const Posting* at = nullptr;
  const Posting* end = nullptr;
  // The part of each posting, side by side (a tier's); null for a whole list.
  const float* part = nullptr;

  void Next() {
    ++at;
    if (part != nullptr) {
      ++part;
    }
  }
};

// One query's walk over the postings (see the top of the file).
class TopK {
 public:
  TopK(const IndexState& state, const std::vector<Clause>& clauses,
       const std::vector<std::vector<std::uint32_t>>& filters, const Query& query);
  void Run();
  // Looks for the page among the postings of the query's terms' impact tiers (smallest tiers
  // first); true when it is shown that no other document can reach it. Otherwise the page
  // found so far stays, for Run to go on from.
  bool RunTiers();
  // The page, best first; `total` filled in.
  std::vector<Scored> Page(Results& results);

 private:
  [[nodiscard]] std::uint32_t NextCandidate() const;
  [[nodiscard]] bool Passes(std::uint32_t slot) const;
  // Whether the block of `slot` cannot reach the page; if so, moves past it and the blocks
  // after it that cannot either.
  bool SkipBlock(std::uint32_t slot);
  // The most a document can score in a range of slots where each cursor's part is at most
  // bound_of(cursor).
  template <class BoundFn>
  double Reach(const BoundFn& bound_of);
  // Whether no document of range `range` (whose smallest id is lowest[range]) can reach the
  // page, given its reach.
  bool CannotEnter(double reach, std::size_t range, const std::vector<std::int64_t>& lowest);
  // Whether no document of `block` can (blocks asked in increasing order).
  bool BlockCannotEnter(std::uint32_t block);
  // Likewise for a whole span of kSpanBlocks blocks, from the span bounds.
  bool SpanCannotEnter(std::size_t span);
  // Scores `slot` in full; false when it was shown it could not reach the page. `known`, if
  // not null, is one list per cursor whose current posting is used when it is `slot`'s.
  bool Score(std::uint32_t slot, const std::vector<List>* known, double& sum, std::size_t& matched);
  // Returns how many postings the cursors moved past.
  std::size_t MoveEssentialTo(std::uint32_t target);
  // The first slot from `from` on that the filters let through; kNoSlot if none.
  [[nodiscard]] std::uint32_t NextPassing(std::uint32_t from) const;
  void Keep(const Scored& candidate);
  // Filters and scores `slot`, keeping it if it reaches the page (`known` as for Score).
  void Consider(std::uint32_t slot, const std::vector<List>* known = nullptr);
  // One attempt from the tiers of about df >> shift postings (within the tag of a filter of
  // one tag when the list has them there), or else whole lists.
  bool RunTier(unsigned shift);
  // Whether a candidate of a tier attempt cannot reach the page, from its parts in the lists
  // `walk` is at (at `slot` when they hold it) and the cuts `low` of the others.
  bool TierCandidateFallsShort(const std::vector<List>& walk, const std::vector<double>& low,
                               std::uint32_t slot);
  // Whether `slot` was considered by a tier attempt already (slots asked in increasing order).
  bool Done(std::uint32_t slot);
  // Back to the first posting of every list, for another pass in slot order.
  void Rewind();
  // The most a document can score that only the skipped cursors match.
  [[nodiscard]] double SkippedReach() const;
  void SkipMoreCursors();

  const IndexState& state_;
  const std::vector<std::vector<std::uint32_t>>& filters_;
  std::vector<Cursor> cursors_;
  std::vector<PlannedClause> planned_;
  std::vector<std::size_t> order_;  // clauses by bound, lowest first
  std::vector<double> prefix_;      // prefix_[i]: what order_[0..i) can add at most
  std::vector<double> scores_;      // per clause, for the candidate
  double clause_count_ = 0;
  std::size_t k_ = 0;
  bool prune_ = true;
  std::vector<Scored> heap_;   // the best k so far, worst at the front
  double threshold_ = 0;       // the k-th score, once there are k
  std::size_t essential_ = 0;  // order_[essential_..n) supply the candidates
  std::uint32_t checked_block_ = kNoSlot;
  std::size_t counted_ = 0;
  std::size_t dropped_ = 0;
  std::size_t examined_ = 0;
  std::size_t passed_ = 0;
  bool tiered_ = false;  // the page came from the tiers: the rest went unscored
  // The lists of the last tier attempt, from their start: what was considered already.
  std::vector<List> done_;
  std::vector<const Posting*> tried_;  // where the lists of the last tier attempt began
  // MaxScore per cursor as well as per clause: a clause's corrections and completions are
  // worth less than its exact word, and often far more common. Cursors whose documents
  // together cannot reach the page supply no candidates (skip_), only probed when scoring.
  std::vector<char> skip_;
  std::vector<double> cursor_bound_;   // weight / words x idf x term bound
  std::vector<std::size_t> by_bound_;  // cursors, lowest bound first
  std::size_t next_skip_ = 0;          // by_bound_[next_skip_] is the next to try
  std::size_t skipped_clauses_ = 0;    // order_[0..skipped_clauses_) have all theirs skipped
};

}  // namespace frontdoor::search
