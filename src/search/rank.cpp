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

struct Cursor {
  const Posting* at = nullptr;
  const Posting* end = nullptr;
  TermFactors factors;
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
TermFactors Index::State::Factors(std::uint32_t term) const {
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

double Index::State::TermScore(const Posting& posting, const TermFactors& factors) const {
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

}  // namespace

Results Index::State::Rank(const std::vector<Clause>& clauses,
                           const std::vector<std::vector<std::uint32_t>>& filters,
                           const Query& query) const {
  Results results;
  const std::size_t n = clauses.size();
  if (n == 0) {
    return results;
  }
  std::vector<Cursor> cursors;
  std::vector<PlannedClause> planned(n);
  for (std::size_t c = 0; c < n; ++c) {
    PlannedClause& plan = planned[c];
    plan.first = cursors.size();
    for (const Alternative& alternative : clauses[c].alternatives) {
      PlannedAlternative out{cursors.size(), alternative.terms.size(),
                             alternative.weight / alternative.words, alternative.partial};
      double bound = 0;
      for (const std::uint32_t term : alternative.terms) {
        const auto& postings = terms[term].postings;
        cursors.push_back({postings.data(), postings.data() + postings.size(), Factors(term)});
        bound += cursors.back().factors.idf * terms[term].bound;
        plan.max_df = std::max(plan.max_df, postings.size());
      }
      plan.bound = std::max(plan.bound, out.scale * bound * kBoundRounding);
      plan.alternatives.push_back(out);
    }
    plan.last = cursors.size();
  }
  // Clauses by bound, lowest first; prefix[i] bounds what the first i of them can add.
  std::vector<std::size_t> order(n);
  for (std::size_t c = 0; c < n; ++c) {
    order[c] = c;
  }
  std::stable_sort(order.begin(), order.end(), [&planned](std::size_t a, std::size_t b) {
    return planned[a].bound < planned[b].bound;
  });
  std::vector<double> prefix(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    prefix[i + 1] = prefix[i] + planned[order[i]].bound;
  }
  const auto clause_count = static_cast<double>(n);
  const std::size_t k = query.limit > std::numeric_limits<std::size_t>::max() - query.offset
                            ? std::numeric_limits<std::size_t>::max()
                            : query.offset + query.limit;
  const bool prune = !query.exhaustive && k > 0;
  std::vector<Scored> heap;   // the best k so far, worst at the front
  double threshold = 0;       // the k-th score, once there are k
  std::size_t essential = 0;  // clauses order[essential..n) supply the candidates
  std::size_t counted = 0;
  std::size_t dropped = 0;
  std::size_t examined = 0;
  std::size_t passed = 0;
  std::vector<double> scores(n);
  const auto term_score = [this](const Posting& posting, const TermFactors& factors) {
    return TermScore(posting, factors);
  };
  const auto passes = [this, &filters](std::uint32_t slot) {
    return std::all_of(filters.begin(), filters.end(), [this, slot](const auto& group) {
      return std::any_of(group.begin(), group.end(),
                         [this, slot](std::uint32_t tag) { return HasTag(tag, slot); });
    });
  };
  while (essential < n) {
    std::uint32_t slot = kNoSlot;
    for (std::size_t i = essential; i < n; ++i) {
      const PlannedClause& plan = planned[order[i]];
      for (std::size_t c = plan.first; c < plan.last; ++c) {
        if (cursors[c].at != cursors[c].end) {
          slot = std::min(slot, cursors[c].at->slot);
        }
      }
    }
    if (slot == kNoSlot) {
      break;
    }
    ++examined;
    bool keep = passes(slot);
    double sum = 0;
    std::size_t matched = 0;
    if (keep) {
      ++passed;
      std::fill(scores.begin(), scores.end(), 0.0);
      for (std::size_t i = essential; i < n; ++i) {
        scores[order[i]] = ClauseScore(term_score, planned[order[i]], cursors, slot);
        sum += scores[order[i]];
        matched += scores[order[i]] > 0 ? 1U : 0U;
      }
      const bool full = prune && heap.size() == k;
      for (std::size_t i = essential; i-- > 0;) {
        // The most the rest could bring, coordination included.
        const double reach = (sum + prefix[i + 1]) * static_cast<double>(matched + i + 1);
        if (full && reach / clause_count < threshold) {
          keep = false;
          ++dropped;
          break;
        }
        scores[order[i]] = ClauseScore(term_score, planned[order[i]], cursors, slot);
        sum += scores[order[i]];
        matched += scores[order[i]] > 0 ? 1U : 0U;
      }
    }
    for (std::size_t i = essential; i < n; ++i) {
      const PlannedClause& plan = planned[order[i]];
      for (std::size_t c = plan.first; c < plan.last; ++c) {
        Advance(cursors[c], slot + 1);
      }
    }
    if (!keep || matched == 0) {
      continue;
    }
    ++counted;
    double total = 0;
    for (const double score : scores) {
      total += score;  // in clause order, whatever order they were found in
    }
    // Coordination: of two documents, the one that answers more of the query ranks
    // higher even when the other repeats one word often.
    const Scored candidate{total * (static_cast<double>(matched) / clause_count), slot,
                           slots[slot].id};
    if (heap.size() < k || !prune) {
      heap.push_back(candidate);
      std::push_heap(heap.begin(), heap.end(), Better);
    } else if (Better(candidate, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), Better);
      heap.back() = candidate;
      std::push_heap(heap.begin(), heap.end(), Better);
    }
    if (prune && heap.size() == k) {
      threshold = heap.front().score;
      while (essential < n &&
             prefix[essential + 1] * static_cast<double>(essential + 1) / clause_count <
                 threshold) {
        ++essential;
      }
    }
  }
  results.total = counted;
  if (essential > 0 || dropped > 0) {
    // Documents were skipped unscored, so the count is estimated: at least those seen, and
    // as many as the commonest clause matches times the share that passed the filters.
    std::size_t most = 0;
    for (const PlannedClause& plan : planned) {
      most = std::max(most, plan.max_df);
    }
    const double share =
        examined == 0 ? 1 : static_cast<double>(passed) / static_cast<double>(examined);
    results.total =
        std::max(counted + dropped,
                 static_cast<std::size_t>(std::llround(static_cast<double>(most) * share)));
    results.total_is_exact = false;
  }
  std::sort_heap(heap.begin(), heap.end(), Better);
  for (std::size_t i = std::min(query.offset, heap.size()); i < heap.size() && i < k; ++i) {
    Hit hit{heap[i].id, heap[i].score, {}, {}};
    if (query.snippets && options.keep_text) {
      AddSnippets(clauses, hit, heap[i].slot);
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

// Highlighting from the term ids and spans stored with the document: no analysis at query
// time, and only for the page returned.
void Index::State::AddSnippets(const std::vector<Clause>& clauses, Hit& hit,
                               std::uint32_t slot_index) const {
  std::vector<std::uint32_t> marked;
  for (const Clause& clause : clauses) {
    for (const Alternative& alternative : clause.alternatives) {
      marked.insert(marked.end(), alternative.terms.begin(), alternative.terms.end());
    }
  }
  std::sort(marked.begin(), marked.end());
  const Slot& slot = slots[slot_index];
  // A token's position is its index in the slot's stored arrays.
  const Matcher match = [&slot, &marked](const Token& token) -> std::size_t {
    const std::uint32_t term = slot.token_terms[token.position];
    return std::binary_search(marked.begin(), marked.end(), term) ? std::size_t{term} + 1 : 0;
  };
  const auto tokens = [&slot](std::size_t first, std::size_t last) {
    std::vector<Token> out;
    out.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t span = slot.token_spans[i];
      const std::size_t begin = span >> 8U;
      out.push_back(Token{{}, {}, static_cast<std::uint32_t>(i), begin, begin + (span & 0xFFU)});
    }
    return out;
  };
  hit.title_html = Highlight(slot.title, tokens(0, slot.title_tokens), match);
  const std::string_view text = std::string_view(slot.text).substr(0, ScanLength({}, slot.text));
  hit.snippet_html = Snippet(text, tokens(slot.title_tokens, slot.token_terms.size()), match);
}

}  // namespace frontdoor::search
