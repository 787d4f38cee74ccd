// Query planning: each query word (or synonym phrase) becomes a clause of weighted
// alternatives, the variants bounded so a short prefix or a common misspelling cannot make a
// query walk half the vocabulary.
#include <algorithm>
#include <functional>
#include <tuple>
#include <utility>

#include "index_state.hpp"

namespace frontdoor::search {
namespace {

// How much a variant of a query word is worth next to the word itself. Below 1 so that a
// document with the exact word outranks one that only has a correction or completion.
constexpr double kSynonymWeight = 0.9;
constexpr double kPrefixWeight = 0.8;
constexpr double kOneTypoWeight = 0.5;
constexpr double kTwoTyposWeight = 0.35;
// A correction is offered for a word the index holds only when the correction is this many
// times more common: "recyling" typed into an index with one misspelt page still finds the
// hundred that spell it right.
constexpr std::size_t kCorrectionDominance = 4;
// The most frequent completions and corrections only: each one is another posting list.
constexpr std::size_t kMaxPrefixTerms = 12;
constexpr std::size_t kMaxPrefixScan = 400;
constexpr std::size_t kMaxCorrections = 8;
// One typed letter says too little to complete: its commonest completions are the commonest
// words of the index, and walking them costs a pass over most postings.
constexpr std::size_t kMinPrefixLetters = 2;

}  // namespace

Clause IndexState::SingleWordClause(const Token& token, bool is_prefix) const {
  Clause clause;
  std::size_t exact_df = 0;
  std::uint32_t exact = 0;
  if (const auto it = term_ids.find(token.term); it != term_ids.end() && Df(it->second) > 0) {
    exact = it->second;
    exact_df = Df(exact);
    clause.alternatives.push_back({{exact}, 1.0, false, 1});
  }
  if (is_prefix && CountLetters(token.surface) >= kMinPrefixLetters) {
    std::vector<std::pair<std::size_t, std::uint32_t>> found;  // (df, term)
    std::size_t scanned = 0;
    for (auto it = surfaces.lower_bound(token.surface);
         it != surfaces.end() && it->first.starts_with(token.surface) && scanned < kMaxPrefixScan;
         ++it, ++scanned) {
      if (Df(it->second) > 0 && (exact_df == 0 || it->second != exact)) {
        found.emplace_back(Df(it->second), it->second);
      }
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    for (std::size_t k = 0; k < found.size() && k < kMaxPrefixTerms; ++k) {
      clause.alternatives.push_back({{found[k].second}, kPrefixWeight, false, 1});
    }
  }
  const int allowed = TyposAllowed(CountLetters(token.surface));
  // A word found in more than a couple of documents is taken as meant: looking for a far
  // more common spelling of it costs a deletion lookup per query word for little gain.
  const std::size_t common = std::max<std::size_t>(2, live / 1000);
  if (allowed == 0 || exact_df >= common) {
    return clause;
  }
  std::vector<std::tuple<std::size_t, int, std::uint32_t>> corrections;  // (df, -distance, term)
  for (const std::uint32_t candidate : deletions.Candidates(token.surface, allowed)) {
    const auto& [surface, term] = *surface_list[candidate];
    if ((exact_df > 0 && term == exact) || Df(term) <= exact_df * kCorrectionDominance) {
      continue;
    }
    const int distance = EditDistance(token.surface, surface, allowed);
    if (distance != 0 && distance <= allowed) {
      corrections.emplace_back(Df(term), -distance, term);
    }
  }
  // Several words may stem alike ("recycle", "recycled"): each stem once, at its nearest.
  std::sort(corrections.begin(), corrections.end(), std::greater<>());
  std::size_t added = 0;
  for (std::size_t k = 0; k < corrections.size() && added < kMaxCorrections; ++k) {
    const auto& [df, negative_distance, term] = corrections[k];
    if (k > 0 && std::get<2>(corrections[k - 1]) == term) {
      continue;
    }
    clause.alternatives.push_back(
        {{term}, negative_distance == -1 ? kOneTypoWeight : kTwoTyposWeight, false, 1});
    ++added;
  }
  return clause;
}

// The longest synonym phrase starting at tokens[i]; on a match, advances i past it and
// fills `clause` with every phrase of its group that the index can match.
bool IndexState::SynonymClause(const std::vector<Token>& tokens, std::size_t& i,
                               Clause& clause) const {
  const auto starts = synonym_starts.find(tokens[i].term);
  if (starts == synonym_starts.end()) {
    return false;
  }
  std::size_t best_length = 0;
  std::pair<std::size_t, std::size_t> best{0, 0};
  for (const auto& [group, phrase] : starts->second) {
    const auto& words = synonyms[group][phrase];
    if (words.size() <= best_length || i + words.size() > tokens.size()) {
      continue;
    }
    bool match = true;
    for (std::size_t k = 0; k < words.size() && match; ++k) {
      match = tokens[i + k].term == words[k];
    }
    if (match) {
      best_length = words.size();
      best = {group, phrase};
    }
  }
  if (best_length == 0) {
    return false;
  }
  const auto& group = synonyms[best.first];
  for (std::size_t p = 0; p < group.size(); ++p) {
    const bool typed = p == best.second;
    Alternative alternative{{},
                            typed ? 1.0 : kSynonymWeight,
                            typed && group[p].size() > 1,
                            static_cast<double>(group[p].size())};
    for (const std::string& word : group[p]) {
      const auto it = term_ids.find(word);
      if (it != term_ids.end() && Df(it->second) > 0) {
        alternative.terms.push_back(it->second);
      } else if (!alternative.partial) {
        alternative.terms.clear();
        break;
      }
    }
    if (!alternative.terms.empty()) {
      clause.alternatives.push_back(std::move(alternative));
    }
  }
  i += best_length;
  return true;
}

std::vector<Clause> IndexState::Plan(const std::vector<Token>& tokens, bool prefix_last) const {
  std::vector<Clause> clauses;
  std::size_t i = 0;
  while (i < tokens.size() && clauses.size() < kMaxQueryClauses) {
    Clause clause;
    const bool is_last = i + 1 == tokens.size();
    if (!SynonymClause(tokens, i, clause)) {
      clause = SingleWordClause(tokens[i], prefix_last && is_last);
      ++i;
    }
    if (!clause.alternatives.empty()) {
      clauses.push_back(std::move(clause));
    }
  }
  return clauses;
}

}  // namespace frontdoor::search
