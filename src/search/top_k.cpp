// The top-k walk: MaxScore in slot order (see top_k.hpp).
#include "top_k.hpp"

#include <algorithm>
#include <cmath>

namespace frontdoor::search {
namespace {

// The posting of `slot` in cursor k's list: from `known` (lists a tier attempt is walking,
// each at or before its next slot) when it holds it there, else by moving the cursor to it.
// Null when the list does not hold the slot.
const Posting* PostingAt(std::vector<Cursor>& cursors, const std::vector<List>* known,
                         std::size_t k, std::uint32_t slot) {
  if (known != nullptr) {
    const List& list = (*known)[k];
    if (list.at != list.end && list.at->slot == slot) {
      return list.at;
    }
  }
  Cursor& cursor = cursors[k];
  Advance(cursor, slot);
  return cursor.at != cursor.end && cursor.at->slot == slot ? cursor.at : nullptr;
}

// The clause's score at `slot` (0 when it does not match), its cursors moved up to `slot`
// (those whose posting `known` holds may stay behind).
template <class TermScoreFn>
double ClauseScore(const TermScoreFn& term_score, const PlannedClause& clause,
                   std::vector<Cursor>& cursors, const std::vector<List>* known,
                   std::uint32_t slot) {
  double best = 0;
  for (const PlannedAlternative& alternative : clause.alternatives) {
    double sum = 0;
    std::size_t present = 0;
    for (std::size_t k = alternative.first; k < alternative.first + alternative.count; ++k) {
      if (const Posting* posting = PostingAt(cursors, known, k, slot); posting != nullptr) {
        sum += term_score(*posting, cursors[k].factors);
        ++present;
      }
    }
    if (alternative.partial ? present > 0 : present == alternative.count) {
      best = std::max(best, alternative.scale * sum);
    }
  }
  return best;
}

}  // namespace

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
                            term, blocks.empty() ? nullptr : blocks.data(),
                            blocks.empty() ? nullptr : &entry.span_bounds});
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

std::size_t TopK::MoveEssentialTo(std::uint32_t target) {
  std::size_t passed = 0;
  for (std::size_t c = 0; c < cursors_.size(); ++c) {
    if (skip_[c] == 0) {
      const Posting* before = cursors_[c].at;
      Advance(cursors_[c], target);
      passed += static_cast<std::size_t>(cursors_[c].at - before);
    }
  }
  return passed;
}

std::uint32_t TopK::NextPassing(std::uint32_t from) const {
  const std::size_t words = (state_.slots.size() + 63) / 64;
  const auto word_of = [this](std::uint32_t tag, std::size_t w) -> std::uint64_t {
    const auto& bits = state_.tag_bits;
    return tag < bits.size() && w < bits[tag].size() ? bits[tag][w] : 0;
  };
  for (std::size_t w = from / 64; w < words; ++w) {
    std::uint64_t passing = ~std::uint64_t{0};
    for (const auto& group : filters_) {
      std::uint64_t any = 0;
      for (const std::uint32_t tag : group) {
        any |= word_of(tag, w);
      }
      passing &= any;
    }
    if (w == from / 64) {
      passing &= ~std::uint64_t{0} << (from % 64);
    }
    if (passing != 0) {
      return static_cast<std::uint32_t>(w * 64 +
                                        static_cast<std::size_t>(__builtin_ctzll(passing)));
    }
  }
  return kNoSlot;
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

// Worked out as Consider scores a document, in the same operations and order, with each
// posting's part replaced by `bound_of(cursor)`, a bound over a range of slots. Rounding is
// monotone, so the reach is never below the score of a document in the range, and it equals
// the score of one that has the bound in every list: a plateau of tied documents reaches
// exactly the page's k-th score.
template <class BoundFn>
double TopK::Reach(const BoundFn& bound_of) {
  double total = 0;
  std::size_t matched = 0;
  for (const PlannedClause& plan : planned_) {
    double best = 0;
    for (const PlannedAlternative& alternative : plan.alternatives) {
      double sum = 0;
      for (std::size_t c = alternative.first; c < alternative.first + alternative.count; ++c) {
        sum += cursors_[c].factors.idf * bound_of(cursors_[c]);
      }
      best = std::max(best, alternative.scale * sum);
    }
    total += best;
    matched += best > 0 ? 1U : 0U;
  }
  return total * (static_cast<double>(matched) / clause_count_);
}

// Ties are broken by id: a range of slots that can at best tie with the page's last hit
// cannot enter it when all its ids are larger. Cases are added in id order, so after the
// first few blocks of a plateau ("Malone Road", a surname) every other block is skipped
// unscored.
bool TopK::CannotEnter(double reach, std::size_t range, const std::vector<std::int64_t>& lowest) {
  if (reach < threshold_) {
    return true;
  }
  return reach == threshold_ && range < lowest.size() && lowest[range] > heap_.front().id;
}

bool TopK::BlockCannotEnter(std::uint32_t block) {
  return CannotEnter(Reach([block](Cursor& cursor) { return cursor.BlockBoundAt(block); }), block,
                     state_.block_min_ids);
}

// A span bound is no lower than those of its blocks, so neither is its reach.
bool TopK::SpanCannotEnter(std::size_t span) {
  return CannotEnter(Reach([span](const Cursor& cursor) { return cursor.SpanBoundAt(span); }), span,
                     state_.span_min_ids);
}

bool TopK::SkipBlock(std::uint32_t slot) {
  std::uint32_t block = slot >> kBlockShift;
  if (!prune_ || heap_.size() < k_ || block == checked_block_) {
    return false;
  }
  if (!BlockCannotEnter(block)) {
    checked_block_ = block;
    return false;
  }
  // Such blocks come in runs: look at the next ones from their bounds alone (a few loads
  // each) and move the cursors once, past the whole run.
  // Counted once: the total is estimated from the documents seen and dropped, and the run
  // may be mostly blocks without a candidate.
  ++dropped_;
  const std::size_t blocks = state_.block_min_ids.size();
  do {
    ++block;
    // At the start of a span, the whole span at once when its bounds allow.
    while ((block & (kSpanBlocks - 1)) == 0 && block < blocks &&
           SpanCannotEnter(block >> kSpanShift)) {
      block += kSpanBlocks;
    }
  } while (block < blocks && BlockCannotEnter(block));
  const std::uint64_t next = std::uint64_t{block} << kBlockShift;
  MoveEssentialTo(next > kNoSlot ? kNoSlot : static_cast<std::uint32_t>(next));
  return true;
}

bool TopK::Score(std::uint32_t slot, const std::vector<List>* known, double& sum,
                 std::size_t& matched) {
  const auto term_score = [this](const Posting& posting, const TermFactors& factors) {
    return state_.TermScore(posting, factors);
  };
  std::fill(scores_.begin(), scores_.end(), 0.0);
  const std::size_t n = order_.size();
  for (std::size_t i = essential_; i < n; ++i) {
    scores_[order_[i]] = ClauseScore(term_score, planned_[order_[i]], cursors_, known, slot);
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
    scores_[order_[i]] = ClauseScore(term_score, planned_[order_[i]], cursors_, known, slot);
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

void TopK::Consider(std::uint32_t slot, const std::vector<List>* known) {
  ++examined_;
  double sum = 0;
  std::size_t matched = 0;
  if (!Passes(slot)) {
    return;
  }
  ++passed_;
  if (!Score(slot, known, sum, matched) || matched == 0) {
    return;
  }
  ++counted_;
  double total = 0;
  for (const double score : scores_) {
    total += score;  // in clause order, whatever order they were found in
  }
  // Coordination: of two documents, the one that answers more of the query ranks
  // higher even when the other repeats one word often.
  const double score = total * (static_cast<double>(matched) / clause_count_);
  if (prune_ && heap_.size() == k_ && score < threshold_) {
    return;  // below the page: Keep would not take it, and its id need not be read
  }
  Keep({score, slot, state_.ids[slot]});
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
    // An officer's search rejects nine candidates in ten: rather than each in turn, the
    // cursors leap to the next slot the filters let through (a scan of their bit words).
    // The postings leapt over count as examined, so the estimated total keeps its share.
    if (!filters_.empty() && !Passes(slot)) {
      examined_ += std::max<std::size_t>(1, MoveEssentialTo(NextPassing(slot + 1)));
      continue;
    }
    if (!Done(slot)) {
      Consider(slot);
    }
    MoveEssentialTo(slot + 1);
  }
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

}  // namespace frontdoor::search
