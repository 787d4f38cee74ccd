// Ranking: BM25F per clause, a coordination factor, and the top k found by MaxScore
// (Turtle and Flood, 1995) instead of scoring every document that matches.
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
#include <algorithm>
#include <cmath>
#include <limits>

#include "frontdoor/search/snippet.hpp"

#include "index_state.hpp"

namespace frontdoor::search {
namespace {

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

// Moves the cursor to the first posting at or after `target`: galloping, then a binary
// search, so skipping far through a long list costs a logarithm, not a walk.
void Advance(Cursor& cursor, std::uint32_t target) {
  if (cursor.at == cursor.end || cursor.at->slot >= target) {
    return;
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
bool Better(const Scored& a, const Scored& b) {
  if (a.score != b.score) {
    return a.score > b.score;
  }
  return a.id < b.id;
}

}  // namespace

// BM25F: field frequencies are length-normalised and weighted per field, summed, then
// saturated once, so a word repeated in the body cannot outweigh one title mention. The parts
// that do not depend on the document are worked out once per term and query.
TermFactors IndexState::Factors(std::uint32_t term) const {
  TermFactors factors;
  const auto n = static_cast<double>(live);
  const auto df = static_cast<double>(Df(term));
  factors.idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
  const auto averages = Averages();
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    factors.length_factor[f] = options.ranking.b[f] / averages[f];
  }
  return factors;
}

double IndexState::TermScore(const Posting& posting, const TermFactors& factors) const {
  return factors.idf * Saturated(posting.tfs, lengths[posting.slot], factors.length_factor);
}

namespace {

// The clause's score at `slot` (0 when it does not match), its cursors moved up to `slot`.
template <class TermScoreFn>
double ClauseScore(const TermScoreFn& term_score, const PlannedClause& clause,
                   std::vector<Cursor>& cursors, std::uint32_t slot) {
  double best = 0;
  for (const PlannedAlternative& alternative : clause.alternatives) {
    double sum = 0;
    std::size_t present = 0;
    for (std::size_t k = alternative.first; k < alternative.first + alternative.count; ++k) {
      Cursor& cursor = cursors[k];
      Advance(cursor, slot);
      if (cursor.at != cursor.end && cursor.at->slot == slot) {
        sum += term_score(*cursor.at, cursor.factors);
        ++present;
      }
    }
    if (alternative.partial ? present > 0 : present == alternative.count) {
      best = std::max(best, alternative.scale * sum);
    }
  }
  return best;
}

// A list walked once in slot order.
struct List {
  const Posting* at = nullptr;
  const Posting* end = nullptr;
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
  // Whether the block of `slot` cannot reach the page; if so, moves past it.
  bool SkipBlock(std::uint32_t slot);
  // Scores `slot` in full; false when it was shown it could not reach the page.
  bool Score(std::uint32_t slot, double& sum, std::size_t& matched);
  void MoveEssentialTo(std::uint32_t target);
  void Keep(const Scored& candidate);
  // Filters and scores `slot`, keeping it if it reaches the page.
  void Consider(std::uint32_t slot);
  bool RunTier(unsigned shift);
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
  // MaxScore per cursor as well as per clause: a clause's corrections and completions are
  // worth less than its exact word, and often far more common. Cursors whose documents
  // together cannot reach the page supply no candidates (skip_), only probed when scoring.
  std::vector<char> skip_;
  std::vector<double> cursor_bound_;   // weight / words x idf x term bound
  std::vector<std::size_t> by_bound_;  // cursors, lowest bound first
  std::size_t next_skip_ = 0;          // by_bound_[next_skip_] is the next to try
  std::size_t skipped_clauses_ = 0;    // order_[0..skipped_clauses_) have all theirs skipped
};

TopK::TopK(const IndexState& state, const std::vector<Clause>& clauses,
           const std::vector<std::vector<std::uint32_t>>& filters, const Query& query)
    : state_(state), filters_(filters), planned_(clauses.size()) {
  const std::size_t n = clauses.size();
  for (std::size_t c = 0; c < n; ++c) {
    PlannedClause& plan = planned_[c];
    plan.first = cursors_.size();
    for (const Alternative& alternative : clauses[c].alternatives) {
      PlannedAlternative out{cursors_.size(), alternative.terms.size(),
                             alternative.weight / alternative.words, alternative.partial};
      double bound = 0;
      for (const std::uint32_t term : alternative.terms) {
        const TermEntry& entry = state.terms[term];
        const auto& blocks = entry.blocks;
        cursors_.push_back({entry.postings.data(), entry.postings.data(),
                            entry.postings.data() + entry.postings.size(), state.Factors(term),
                            blocks.empty() ? nullptr : blocks.data(),
                            blocks.empty() ? nullptr : blocks.data() + blocks.size(), entry.bound,
                            term});
        bound += cursors_.back().factors.idf * entry.bound;
        cursor_bound_.push_back(out.scale * cursors_.back().factors.idf * entry.bound);
        plan.max_df = std::max(plan.max_df, entry.postings.size());
      }
      plan.bound = std::max(plan.bound, out.scale * bound * kBoundRounding);
      plan.alternatives.push_back(out);
    }
    plan.last = cursors_.size();
  }
  order_.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    order_[c] = c;
  }
  std::stable_sort(order_.begin(), order_.end(), [this](std::size_t a, std::size_t b) {
    return planned_[a].bound < planned_[b].bound;
  });
  prefix_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    prefix_[i + 1] = prefix_[i] + planned_[order_[i]].bound;
  }
  scores_.resize(n);
  skip_.assign(cursors_.size(), 0);
  by_bound_.resize(cursors_.size());
  for (std::size_t c = 0; c < cursors_.size(); ++c) {
    by_bound_[c] = c;
  }
  std::stable_sort(by_bound_.begin(), by_bound_.end(), [this](std::size_t a, std::size_t b) {
    return cursor_bound_[a] < cursor_bound_[b];
  });
  clause_count_ = static_cast<double>(n);
  k_ = query.limit > std::numeric_limits<std::size_t>::max() - query.offset
           ? std::numeric_limits<std::size_t>::max()
           : query.offset + query.limit;
  prune_ = !query.exhaustive && k_ > 0;
}

std::uint32_t TopK::NextCandidate() const {
  std::uint32_t slot = kNoSlot;
  for (std::size_t c = 0; c < cursors_.size(); ++c) {
    if (skip_[c] == 0 && cursors_[c].at != cursors_[c].end) {
      slot = std::min(slot, cursors_[c].at->slot);
    }
  }
  return slot;
}

bool TopK::Passes(std::uint32_t slot) const {
  return std::all_of(filters_.begin(), filters_.end(), [this, slot](const auto& group) {
    return std::any_of(group.begin(), group.end(),
                       [this, slot](std::uint32_t tag) { return state_.HasTag(tag, slot); });
  });
}

void TopK::MoveEssentialTo(std::uint32_t target) {
  for (std::size_t c = 0; c < cursors_.size(); ++c) {
    if (skip_[c] == 0) {
      Advance(cursors_[c], target);
    }
  }
}

double TopK::SkippedReach() const {
  double reach = 0;
  double clauses = 0;
  for (const PlannedClause& plan : planned_) {
    double best = 0;
    for (const PlannedAlternative& alternative : plan.alternatives) {
      double sum = 0;
      bool whole = true;  // every cursor of the alternative skipped
      for (std::size_t c = alternative.first; c < alternative.first + alternative.count; ++c) {
        if (skip_[c] != 0) {
          sum += cursor_bound_[c];
        } else {
          whole = false;
        }
      }
      // A phrase that must be met whole cannot be, by a document none of its unskipped
      // cursors holds.
      if (alternative.partial || whole) {
        best = std::max(best, sum * kBoundRounding);
      }
    }
    reach += best;
    clauses += best > 0 ? 1 : 0;
  }
  return reach * clauses / clause_count_;
}

void TopK::SkipMoreCursors() {
  for (; skipped_clauses_ < essential_; ++skipped_clauses_) {
    const PlannedClause& plan = planned_[order_[skipped_clauses_]];
    std::fill(skip_.begin() + static_cast<std::ptrdiff_t>(plan.first),
              skip_.begin() + static_cast<std::ptrdiff_t>(plan.last), 1);
  }
  for (; next_skip_ < by_bound_.size(); ++next_skip_) {
    const std::size_t c = by_bound_[next_skip_];
    if (skip_[c] != 0) {
      continue;
    }
    skip_[c] = 1;
    if (SkippedReach() >= threshold_) {
      skip_[c] = 0;
      return;
    }
  }
}

bool TopK::SkipBlock(std::uint32_t slot) {
  const std::uint32_t block = slot >> kBlockShift;
  if (!prune_ || heap_.size() < k_ || block == checked_block_) {
    return false;
  }
  double reach = prefix_[essential_];
  std::size_t clauses = essential_;
  for (std::size_t i = essential_; i < order_.size(); ++i) {
    const PlannedClause& plan = planned_[order_[i]];
    double best = 0;
    for (const PlannedAlternative& alternative : plan.alternatives) {
      double sum = 0;
      for (std::size_t c = alternative.first; c < alternative.first + alternative.count; ++c) {
        sum += cursors_[c].factors.idf * cursors_[c].BlockBoundAt(block);
      }
      best = std::max(best, alternative.scale * sum * kBoundRounding);
    }
    reach += best;
    clauses += best > 0 ? 1U : 0U;
  }
  if (reach * static_cast<double>(clauses) / clause_count_ >= threshold_) {
    checked_block_ = block;
    return false;
  }
  const std::uint64_t next = (std::uint64_t{block} + 1) << kBlockShift;
  MoveEssentialTo(next > kNoSlot ? kNoSlot : static_cast<std::uint32_t>(next));
  ++dropped_;
  return true;
}

bool TopK::Score(std::uint32_t slot, double& sum, std::size_t& matched) {
  const auto term_score = [this](const Posting& posting, const TermFactors& factors) {
    return state_.TermScore(posting, factors);
  };
  std::fill(scores_.begin(), scores_.end(), 0.0);
  const std::size_t n = order_.size();
  for (std::size_t i = essential_; i < n; ++i) {
    scores_[order_[i]] = ClauseScore(term_score, planned_[order_[i]], cursors_, slot);
    sum += scores_[order_[i]];
    matched += scores_[order_[i]] > 0 ? 1U : 0U;
  }
  const bool full = prune_ && heap_.size() == k_;
  for (std::size_t i = essential_; i-- > 0;) {
    // The most the rest could bring, coordination included.
    const double reach = (sum + prefix_[i + 1]) * static_cast<double>(matched + i + 1);
    if (full && reach / clause_count_ < threshold_) {
      ++dropped_;
      return false;
    }
    scores_[order_[i]] = ClauseScore(term_score, planned_[order_[i]], cursors_, slot);
    sum += scores_[order_[i]];
    matched += scores_[order_[i]] > 0 ? 1U : 0U;
  }
  return true;
}

void TopK::Keep(const Scored& candidate) {
  if (heap_.size() < k_ || !prune_) {
    heap_.push_back(candidate);
    std::push_heap(heap_.begin(), heap_.end(), Better);
  } else if (Better(candidate, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), Better);
    heap_.back() = candidate;
    std::push_heap(heap_.begin(), heap_.end(), Better);
  }
  if (prune_ && heap_.size() == k_) {
    threshold_ = heap_.front().score;
    const std::size_t n = order_.size();
    while (essential_ < n &&
           prefix_[essential_ + 1] * static_cast<double>(essential_ + 1) / clause_count_ <
               threshold_) {
      ++essential_;
    }
    SkipMoreCursors();
  }
}

void TopK::Consider(std::uint32_t slot) {
  ++examined_;
  double sum = 0;
  std::size_t matched = 0;
  if (!Passes(slot)) {
    return;
  }
  ++passed_;
  if (!Score(slot, sum, matched) || matched == 0) {
    return;
  }
  ++counted_;
  double total = 0;
  for (const double score : scores_) {
    total += score;  // in clause order, whatever order they were found in
  }
  // Coordination: of two documents, the one that answers more of the query ranks
  // higher even when the other repeats one word often.
  Keep({total * (static_cast<double>(matched) / clause_count_), slot, state_.slots[slot].id});
}

void TopK::Run() {
  while (essential_ < order_.size()) {
    const std::uint32_t slot = NextCandidate();
    if (slot == kNoSlot) {
      break;
    }
    if (SkipBlock(slot)) {
      continue;
    }
    if (!Done(slot)) {
      Consider(slot);
    }
    MoveEssentialTo(slot + 1);
  }
}

// Common words in short documents have nearly equal scores everywhere, so block bounds skip
// nothing and MaxScore walks every posting. But a page of k is made of documents in which
// some word scores high: if every posting outside the tiers tried scores at most the tier's
// cut, a document in none of them scores at most the sum of the cuts (each clause at its
// best alternative), and once k documents found in the tiers beat that, the page is final.
// The tiers are tried from the smallest (a single common word: a few hundred postings). An
// attempt that fails (filters reject most candidates, or the cuts are too close to the page)
// is not lost: a larger tier holds the smaller (higher cuts keep fewer postings), so the next
// attempt, and the ordinary walk last, go on with the page found so far, whose k-th score
// lets MaxScore prune from the start, and skip the documents already considered.
bool TopK::RunTiers() {
  if (!prune_ || k_ > kMaxTierPage) {
    return false;
  }
  for (const unsigned shift : kTierShifts) {
    if (RunTier(shift)) {
      tiered_ = true;
      return true;
    }
  }
  return false;
}

bool TopK::RunTier(unsigned shift) {
  std::vector<List> lists;
  lists.reserve(cursors_.size());
  std::vector<double> low(cursors_.size(), 0);  // what a posting outside the list can score
  std::size_t candidates = 0;
  std::size_t postings = 0;
  for (std::size_t c = 0; c < cursors_.size(); ++c) {
    const TermEntry& entry = state_.terms[cursors_[c].term];
    // The smallest tier at least as large as asked for, or else the whole list.
    const Tier* chosen = nullptr;
    for (const Tier& tier : entry.tiers) {
      if (tier.shift <= shift) {
        chosen = &tier;
        break;
      }
    }
    const auto& list = chosen == nullptr ? entry.postings : chosen->postings;
    lists.push_back({list.data(), list.data() + list.size()});
    low[c] = chosen == nullptr ? 0.0 : cursors_[c].factors.idf * static_cast<double>(chosen->cut);
    candidates += list.size();
    postings += entry.postings.size();
  }
  // Not worth it when the candidates are not far fewer than the postings MaxScore would walk.
  if (candidates * 4 > postings) {
    return false;
  }
  double reach = 0;  // the most a document in none of the lists can score
  for (const PlannedClause& plan : planned_) {
    double best = 0;
    for (const PlannedAlternative& alternative : plan.alternatives) {
      double sum = 0;
      for (std::size_t c = alternative.first; c < alternative.first + alternative.count; ++c) {
        sum += low[c];
      }
      best = std::max(best, alternative.scale * sum * kBoundRounding);
    }
    reach += best;
  }
  std::vector<List> walk = lists;
  while (true) {
    std::uint32_t slot = kNoSlot;
    for (const List& list : walk) {
      if (list.at != list.end) {
        slot = std::min(slot, list.at->slot);
      }
    }
    if (slot == kNoSlot) {
      break;
    }
    if (!Done(slot)) {
      Consider(slot);
    }
    for (List& list : walk) {
      if (list.at != list.end && list.at->slot == slot) {
        ++list.at;
      }
    }
  }
  if (heap_.size() == k_ && reach < threshold_) {
    return true;
  }
  Rewind();
  done_ = std::move(lists);
  return false;
}

bool TopK::Done(std::uint32_t slot) {
  bool done = false;
  for (List& list : done_) {
    while (list.at != list.end && list.at->slot < slot) {
      ++list.at;
    }
    done = done || (list.at != list.end && list.at->slot == slot);
  }
  return done;
}

void TopK::Rewind() {
  for (Cursor& cursor : cursors_) {
    cursor.at = cursor.begin;
    cursor.block = cursor.block == nullptr ? nullptr : state_.terms[cursor.term].blocks.data();
  }
  checked_block_ = kNoSlot;
}

std::vector<Scored> TopK::Page(Results& results) {
  results.total = counted_;
  results.examined = examined_;
  const bool skipped = std::any_of(skip_.begin(), skip_.end(), [](char s) { return s != 0; });
  if (skipped || dropped_ > 0 || tiered_) {
    // Documents were skipped unscored, so the count is estimated: at least those seen, and
    // as many as the commonest clause matches times the share that passed the filters.
    std::size_t most = 0;
    for (const PlannedClause& plan : planned_) {
      most = std::max(most, plan.max_df);
    }
    const double share =
        examined_ == 0 ? 1 : static_cast<double>(passed_) / static_cast<double>(examined_);
    results.total =
        std::max(counted_ + dropped_,
                 static_cast<std::size_t>(std::llround(static_cast<double>(most) * share)));
    results.total_is_exact = false;
  }
  std::sort_heap(heap_.begin(), heap_.end(), Better);
  if (heap_.size() > k_) {
    heap_.resize(k_);
  }
  return std::move(heap_);
}

}  // namespace

Results IndexState::Rank(const std::vector<Clause>& clauses,
                         const std::vector<std::vector<std::uint32_t>>& filters,
                         const Query& query) const {
  Results results;
  if (clauses.empty()) {
    return results;
  }
  TopK top(*this, clauses, filters, query);
  if (!top.RunTiers()) {
    top.Run();
  }
  const auto page = top.Page(results);
  for (std::size_t i = std::min(query.offset, page.size()); i < page.size(); ++i) {
    Hit hit{page[i].id, page[i].score, {}, {}};
    if (query.snippets && options.keep_text) {
      AddSnippets(clauses, hit, page[i].slot);
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

// Highlighting from the term ids and spans stored with the document: no analysis at query
// time, and only for the page returned.
void IndexState::AddSnippets(const std::vector<Clause>& clauses, Hit& hit,
                             std::uint32_t slot_index) const {
  std::vector<std::uint32_t> marked;
  for (const Clause& clause : clauses) {
    for (const Alternative& alternative : clause.alternatives) {
      marked.insert(marked.end(), alternative.terms.begin(), alternative.terms.end());
    }
  }
  std::sort(marked.begin(), marked.end());
  const Slot& slot = slots[slot_index];
  // Each stored word marked straight from its term id: no tokens, no analysis.
  const auto words = [&slot, &marked](std::size_t first, std::size_t last) {
    std::vector<MarkedWord> out;
    out.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t span = slot.token_spans[i];
      const std::size_t begin = span >> 8U;
      const std::uint32_t term = slot.token_terms[i];
      const bool is_marked = std::binary_search(marked.begin(), marked.end(), term);
      out.push_back({begin, begin + (span & 0xFFU), is_marked ? std::size_t{term} + 1 : 0});
    }
    return out;
  };
  hit.title_html = Highlight(slot.title, words(0, slot.title_tokens));
  const std::string_view text = std::string_view(slot.text).substr(0, ScanLength({}, slot.text));
  hit.snippet_html = Snippet(text, words(slot.title_tokens, slot.token_terms.size()));
}

}  // namespace frontdoor::search
