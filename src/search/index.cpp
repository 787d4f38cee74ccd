#include "frontdoor/search/index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "frontdoor/search/analyser.hpp"
#include "frontdoor/search/snippet.hpp"

#include "typo.hpp"

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
constexpr std::size_t kMaxPrefixTerms = 12;
constexpr std::size_t kMaxPrefixScan = 400;
constexpr std::size_t kSnippetScanBytes = 16 * 1024;

constexpr unsigned kTfBits = 8;
constexpr std::uint32_t kTfMax = 255;

struct TermEntry {
  std::string text;                 // the stem
  std::vector<std::uint32_t> docs;  // slots, sorted
  std::vector<std::uint32_t> tfs;   // per posting: frequency in each field, 8 bits each
};

struct Slot {
  std::int64_t id = 0;
  bool live = false;
  std::array<std::uint16_t, kFieldCount> lengths{};
  std::vector<std::uint32_t> terms;  // sorted: the postings to remove on update
  std::vector<std::uint32_t> tags;   // sorted
  std::string title;
  std::string text;  // summary and body, for snippets
};

// A document analysed outside the lock, so writers hold it only to splice postings.
struct Analysed {
  std::map<std::string, std::uint32_t> tfs;     // term -> packed field frequencies
  std::map<std::string, std::string> surfaces;  // folded word -> its term
  std::array<std::uint16_t, kFieldCount> lengths{};
};

Analysed AnalyseDocument(const Document& document) {
  Analysed out;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto tokens = Analyse(document.fields[f]);
    out.lengths[f] = static_cast<std::uint16_t>(std::min<std::size_t>(tokens.size(), 0xFFFF));
    const unsigned shift = static_cast<unsigned>(f) * kTfBits;
    for (const Token& token : tokens) {
      std::uint32_t& packed = out.tfs[token.term];
      if (((packed >> shift) & kTfMax) < kTfMax) {
        packed += 1U << shift;
      }
      out.surfaces.emplace(token.surface, token.term);
    }
  }
  return out;
}

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

struct Clause {
  std::vector<Alternative> alternatives;
};

// Per-thread scoring arrays, sized to the slots and left zeroed between searches.
struct Scratch {
  std::vector<float> total;
  std::vector<float> clause;
  std::vector<std::uint8_t> matched;
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> clause_touched;
};

Scratch& ThreadScratch(std::size_t slots) {
  thread_local Scratch scratch;
  if (scratch.total.size() < slots) {
    scratch.total.resize(slots);
    scratch.clause.resize(slots);
    scratch.matched.resize(slots);
  }
  return scratch;
}

}  // namespace

struct Index::State {
  IndexOptions options;
  std::unordered_map<std::string, std::uint32_t> term_ids;
  std::vector<TermEntry> terms;
  std::map<std::string, std::uint32_t, std::less<>> surfaces;  // folded word -> term id
  // The same, hashed: highlighting looks every word of a text up here instead of stemming it.
  std::unordered_map<std::string, std::uint32_t> surface_terms;
  DeletionIndex deletions;
  std::unordered_map<std::string, std::uint32_t> tag_ids;
  // Per tag, one bit per slot: a filter is a bit test, not a search through the slot's tags.
  std::vector<std::vector<std::uint64_t>> tag_bits;

  void SetTagBit(std::uint32_t tag, std::uint32_t slot, bool on) {
    if (tag_bits.size() <= tag) {
      tag_bits.resize(tag + 1);
    }
    auto& bits = tag_bits[tag];
    if (bits.size() <= slot / 64) {
      bits.resize(slot / 64 + 1);
    }
    const std::uint64_t mask = std::uint64_t{1} << (slot % 64);
    bits[slot / 64] = on ? bits[slot / 64] | mask : bits[slot / 64] & ~mask;
  }

  [[nodiscard]] bool HasTag(std::uint32_t tag, std::uint32_t slot) const {
    if (tag >= tag_bits.size() || slot / 64 >= tag_bits[tag].size()) {
      return false;
    }
    return ((tag_bits[tag][slot / 64] >> (slot % 64)) & 1U) != 0;
  }
  std::vector<Slot> slots;
  std::vector<std::uint32_t> free_slots;
  std::unordered_map<std::int64_t, std::uint32_t> slot_of;
  std::array<std::uint64_t, kFieldCount> total_length{};
  std::size_t live = 0;
  // Synonym groups as phrases of stems; phrases indexed by their first stem.
  std::vector<std::vector<std::vector<std::string>>> synonyms;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> synonym_starts;

  std::uint32_t TermId(const std::string& term) {
    auto [it, inserted] = term_ids.emplace(term, static_cast<std::uint32_t>(terms.size()));
    if (inserted) {
      terms.push_back(TermEntry{term, {}, {}});
      // Numbers (references, house numbers, years) are not corrected: a near miss is another
      // number, and a million case references would fill the deletion index.
      if (std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        deletions.Add(term, it->second);
      }
    }
    return it->second;
  }

  [[nodiscard]] const TermEntry* Find(const std::string& term) const {
    const auto it = term_ids.find(term);
    return it == term_ids.end() ? nullptr : &terms[it->second];
  }

  [[nodiscard]] std::size_t Df(std::uint32_t term) const { return terms[term].docs.size(); }

  void Clear(std::uint32_t slot_index) {
    Slot& slot = slots[slot_index];
    for (const std::uint32_t term : slot.terms) {
      TermEntry& entry = terms[term];
      const auto it = std::lower_bound(entry.docs.begin(), entry.docs.end(), slot_index);
      if (it != entry.docs.end() && *it == slot_index) {
        const auto at = it - entry.docs.begin();
        entry.docs.erase(it);
        entry.tfs.erase(entry.tfs.begin() + at);
      }
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      total_length[f] -= slot.lengths[f];
    }
    for (const std::uint32_t tag : slot.tags) {
      SetTagBit(tag, slot_index, false);
    }
    slot = Slot{};
    --live;
  }

  void Fill(std::uint32_t slot_index, const Document& document, Analysed& analysed,
            std::vector<std::uint32_t> tags) {
    Slot& slot = slots[slot_index];
    slot.id = document.id;
    slot.live = true;
    slot.lengths = analysed.lengths;
    slot.tags = std::move(tags);
    for (const std::uint32_t tag : slot.tags) {
      SetTagBit(tag, slot_index, true);
    }
    slot.terms.reserve(analysed.tfs.size());
    for (const auto& [term, packed] : analysed.tfs) {
      const std::uint32_t id = TermId(term);
      TermEntry& entry = terms[id];
      const auto it = std::lower_bound(entry.docs.begin(), entry.docs.end(), slot_index);
      const auto at = it - entry.docs.begin();
      entry.docs.insert(it, slot_index);
      entry.tfs.insert(entry.tfs.begin() + at, packed);
      slot.terms.push_back(id);
    }
    std::sort(slot.terms.begin(), slot.terms.end());
    for (const auto& [surface, term] : analysed.surfaces) {
      const std::uint32_t id = term_ids.at(term);
      if (surfaces.emplace(surface, id).second) {
        surface_terms.emplace(surface, id);
      }
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      total_length[f] += slot.lengths[f];
    }
    if (options.keep_text) {
      const auto& fields = document.fields;
      slot.title = fields[static_cast<std::size_t>(Field::kTitle)];
      const auto& summary = fields[static_cast<std::size_t>(Field::kSummary)];
      const auto& body = fields[static_cast<std::size_t>(Field::kBody)];
      slot.text = summary.empty() ? body : summary + "\n" + body;
    }
    ++live;
  }

  [[nodiscard]] Clause SingleWordClause(const Token& token, bool is_prefix) const;
  [[nodiscard]] bool SynonymClause(const std::vector<Token>& tokens, std::size_t& i,
                                   Clause& clause) const;
  [[nodiscard]] std::vector<Clause> Plan(const std::vector<Token>& tokens, bool prefix_last) const;
  struct TermFactors {
    double idf = 0;
    std::array<double, kFieldCount> length_factor{};
  };
  [[nodiscard]] TermFactors Factors(std::uint32_t term) const;
  [[nodiscard]] double TermScore(std::uint32_t term, std::size_t posting,
                                 const TermFactors& factors) const;
  // With `only_touched`, only documents some earlier clause matched are scored.
  void ScoreClause(const Clause& clause, Scratch& scratch, bool only_touched) const;
  [[nodiscard]] std::size_t MaxDf(const Clause& clause) const;
};

Clause Index::State::SingleWordClause(const Token& token, bool is_prefix) const {
  Clause clause;
  std::size_t exact_df = 0;
  std::uint32_t exact = 0;
  if (const auto it = term_ids.find(token.term); it != term_ids.end() && Df(it->second) > 0) {
    exact = it->second;
    exact_df = Df(exact);
    clause.alternatives.push_back({{exact}, 1.0, false, 1});
  }
  if (is_prefix) {
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
  for (const std::uint32_t candidate : deletions.Candidates(token.term, allowed)) {
    if ((exact_df > 0 && candidate == exact) || Df(candidate) <= exact_df * kCorrectionDominance) {
      continue;
    }
    const int distance = EditDistance(token.term, terms[candidate].text, allowed);
    if (distance == 0 || distance > allowed) {
      continue;
    }
    clause.alternatives.push_back(
        {{candidate}, distance == 1 ? kOneTypoWeight : kTwoTyposWeight, false, 1});
  }
  return clause;
}

// The longest synonym phrase starting at tokens[i]; on a match, advances i past it and
// fills `clause` with every phrase of its group that the index can match.
bool Index::State::SynonymClause(const std::vector<Token>& tokens, std::size_t& i,
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

std::vector<Clause> Index::State::Plan(const std::vector<Token>& tokens, bool prefix_last) const {
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

// BM25F: field frequencies are length-normalised and weighted per field, summed, then
// saturated once, so a word repeated in the body cannot outweigh one title mention. The parts
// that do not depend on the document are worked out once per term and query.
Index::State::TermFactors Index::State::Factors(std::uint32_t term) const {
  TermFactors factors;
  const auto n = static_cast<double>(live);
  const auto df = static_cast<double>(terms[term].docs.size());
  factors.idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const double average = std::max(1.0, static_cast<double>(total_length[f]) / n);
    factors.length_factor[f] = options.ranking.b[f] / average;
  }
  return factors;
}

double Index::State::TermScore(std::uint32_t term, std::size_t posting,
                               const TermFactors& factors) const {
  const TermEntry& entry = terms[term];
  const Slot& slot = slots[entry.docs[posting]];
  const std::uint32_t packed = entry.tfs[posting];
  const Ranking& ranking = options.ranking;
  double tf = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto count = (packed >> (static_cast<unsigned>(f) * kTfBits)) & kTfMax;
    if (count != 0) {
      const double norm = 1 - ranking.b[f] + factors.length_factor[f] * slot.lengths[f];
      tf += ranking.weight[f] * count / norm;
    }
  }
  return factors.idf * tf * (ranking.k1 + 1) / (tf + ranking.k1);
}

std::size_t Index::State::MaxDf(const Clause& clause) const {
  std::size_t df = 0;
  for (const Alternative& alternative : clause.alternatives) {
    for (const std::uint32_t term : alternative.terms) {
      df = std::max(df, Df(term));
    }
  }
  return df;
}

void Index::State::ScoreClause(const Clause& clause, Scratch& scratch, bool only_touched) const {
  const auto keep = [&scratch, only_touched](std::uint32_t slot, double score) {
    if (only_touched && scratch.total[slot] == 0) {
      return;
    }
    float& best = scratch.clause[slot];
    if (best == 0) {
      scratch.clause_touched.push_back(slot);
    }
    best = std::max(best, static_cast<float>(score));
  };
  for (const Alternative& alternative : clause.alternatives) {
    const double words = alternative.words;
    if (alternative.terms.size() == 1) {
      const std::uint32_t term = alternative.terms.front();
      const TermFactors factors = Factors(term);
      const double weight = alternative.weight / words;
      for (std::size_t p = 0; p < terms[term].docs.size(); ++p) {
        keep(terms[term].docs[p], weight * TermScore(term, p, factors));
      }
      continue;
    }
    if (alternative.partial) {
      std::unordered_map<std::uint32_t, double> sums;
      for (const std::uint32_t term : alternative.terms) {
        const TermFactors factors = Factors(term);
        for (std::size_t p = 0; p < terms[term].docs.size(); ++p) {
          sums[terms[term].docs[p]] += TermScore(term, p, factors);
        }
      }
      for (const auto& [slot, sum] : sums) {
        keep(slot, alternative.weight * sum / words);
      }
      continue;
    }
    // A whole phrase: documents holding every word, walked from the rarest word's postings.
    const auto rarest =
        *std::min_element(alternative.terms.begin(), alternative.terms.end(),
                          [this](std::uint32_t a, std::uint32_t b) { return Df(a) < Df(b); });
    for (const std::uint32_t slot : terms[rarest].docs) {
      double sum = 0;
      for (const std::uint32_t term : alternative.terms) {
        const auto& docs = terms[term].docs;
        const auto it = std::lower_bound(docs.begin(), docs.end(), slot);
        if (it == docs.end() || *it != slot) {
          sum = -1;
          break;
        }
        sum += TermScore(term, static_cast<std::size_t>(it - docs.begin()), Factors(term));
      }
      if (sum > 0) {
        keep(slot, alternative.weight * sum / words);
      }
    }
  }
  for (const std::uint32_t slot : scratch.clause_touched) {
    if (scratch.total[slot] == 0) {
      scratch.touched.push_back(slot);
    }
    scratch.total[slot] += scratch.clause[slot];
    ++scratch.matched[slot];
    scratch.clause[slot] = 0;
  }
  scratch.clause_touched.clear();
}

Index::Index(IndexOptions options) : state_(std::make_unique<State>()) {
  state_->options = options;
}

Index::~Index() = default;

void Index::Put(const Document& document) {
  Analysed analysed = AnalyseDocument(document);
  std::unique_lock lock(mutex_);
  State& s = *state_;
  std::vector<std::uint32_t> tags;
  for (const std::string& tag : document.tags) {
    tags.push_back(
        s.tag_ids.emplace(tag, static_cast<std::uint32_t>(s.tag_ids.size())).first->second);
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  std::uint32_t slot = 0;
  if (const auto it = s.slot_of.find(document.id); it != s.slot_of.end()) {
    slot = it->second;
    s.Clear(slot);  // in place: same slot, so the postings of other documents do not move
  } else if (!s.free_slots.empty()) {
    slot = s.free_slots.back();
    s.free_slots.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(s.slots.size());
    s.slots.emplace_back();
  }
  s.slot_of[document.id] = slot;
  s.Fill(slot, document, analysed, std::move(tags));
}

bool Index::Remove(std::int64_t id) {
  std::unique_lock lock(mutex_);
  State& s = *state_;
  const auto it = s.slot_of.find(id);
  if (it == s.slot_of.end()) {
    return false;
  }
  s.Clear(it->second);
  s.free_slots.push_back(it->second);
  s.slot_of.erase(it);
  return true;
}

void Index::SetSynonyms(const std::vector<std::vector<std::string>>& groups) {
  std::vector<std::vector<std::vector<std::string>>> analysed;
  for (const auto& group : groups) {
    std::vector<std::vector<std::string>> phrases;
    for (const std::string& phrase : group) {
      std::vector<std::string> words;
      for (const Token& token : Analyse(phrase)) {
        words.push_back(token.term);
      }
      if (!words.empty() && std::find(phrases.begin(), phrases.end(), words) == phrases.end()) {
        phrases.push_back(std::move(words));
      }
    }
    if (phrases.size() >= 2) {
      analysed.push_back(std::move(phrases));
    }
  }
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> starts;
  for (std::size_t g = 0; g < analysed.size(); ++g) {
    for (std::size_t p = 0; p < analysed[g].size(); ++p) {
      starts[analysed[g][p].front()].emplace_back(g, p);
    }
  }
  std::unique_lock lock(mutex_);
  state_->synonyms = std::move(analysed);
  state_->synonym_starts = std::move(starts);
}

Results Index::Search(const Query& query) const {
  const auto tokens = Analyse(query.text);
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  Results results;
  if (tokens.empty() || s.live == 0) {
    return results;
  }
  const auto clauses = s.Plan(tokens, query.prefix_last);
  std::vector<std::vector<std::uint32_t>> filters;
  for (const auto& group : query.filters) {
    std::vector<std::uint32_t> ids;
    for (const std::string& tag : group) {
      if (const auto it = s.tag_ids.find(tag); it != s.tag_ids.end()) {
        ids.push_back(it->second);
      }
    }
    if (ids.empty()) {
      return results;  // a filter nothing carries
    }
    filters.push_back(std::move(ids));
  }
  Scratch& scratch = ThreadScratch(s.slots.size());
  // Rarer clauses first. A clause met by more than a quarter of the documents ("bin" in a
  // knowledge base about bins) then only adds to documents a rarer clause found: alone it
  // would say little (its idf is small) and cost a pass over most of the index.
  std::vector<std::pair<std::size_t, const Clause*>> ordered;
  for (const Clause& clause : clauses) {
    ordered.emplace_back(s.MaxDf(clause), &clause);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [df, clause] : ordered) {
    const bool common = df > s.live / 4 && !scratch.touched.empty();
    s.ScoreClause(*clause, scratch, common);
  }
  std::vector<std::pair<double, std::uint32_t>> ranked;
  const auto n = static_cast<double>(clauses.size());
  for (const std::uint32_t slot : scratch.touched) {
    const bool passes = std::all_of(filters.begin(), filters.end(), [&s, slot](const auto& group) {
      return std::any_of(group.begin(), group.end(),
                         [&s, slot](std::uint32_t tag) { return s.HasTag(tag, slot); });
    });
    if (passes) {
      // Coordination: of two documents, the one that answers more of the query ranks
      // higher even when the other repeats one word often.
      const double coverage = scratch.matched[slot] / n;
      ranked.emplace_back(scratch.total[slot] * coverage, slot);
    }
    scratch.total[slot] = 0;
    scratch.matched[slot] = 0;
  }
  scratch.touched.clear();
  results.total = ranked.size();
  const std::size_t first = std::min(query.offset, ranked.size());
  const std::size_t last = first + std::min(query.limit, ranked.size() - first);
  const auto better = [&s](const auto& a, const auto& b) {
    if (a.first != b.first) {
      return a.first > b.first;
    }
    return s.slots[a.second].id < s.slots[b.second].id;
  };
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(last),
                    ranked.end(), better);
  std::vector<std::uint32_t> marked;
  if (query.snippets && s.options.keep_text) {
    for (const Clause& clause : clauses) {
      for (const Alternative& alternative : clause.alternatives) {
        marked.insert(marked.end(), alternative.terms.begin(), alternative.terms.end());
      }
    }
    std::sort(marked.begin(), marked.end());
  }
  // Most words of a text match nothing; a word whose first letter no matched term starts
  // with (folded words start like their stems) is passed over without hashing it.
  std::array<bool, 256> first_letters{};
  for (const std::uint32_t term : marked) {
    if (!s.terms[term].text.empty()) {
      first_letters[static_cast<unsigned char>(s.terms[term].text.front())] = true;
    }
  }
  const Matcher match = [&s, &marked, &first_letters](const Token& token) -> std::size_t {
    if (token.surface.empty() || !first_letters[static_cast<unsigned char>(token.surface[0])]) {
      return 0;
    }
    const auto it = s.surface_terms.find(token.surface);
    if (it == s.surface_terms.end() ||
        !std::binary_search(marked.begin(), marked.end(), it->second)) {
      return 0;
    }
    return std::size_t{it->second} + 1;
  };
  for (std::size_t k = first; k < last; ++k) {
    const Slot& slot = s.slots[ranked[k].second];
    Hit hit{slot.id, ranked[k].first, {}, {}};
    if (query.snippets && s.options.keep_text) {
      hit.title_html = Highlight(slot.title, AnalyseWords(slot.title), match);
      // The snippet comes from the opening of long texts: enough to find the query's words
      // in any real article, and a bound on the work per hit.
      const std::string_view text = std::string_view(slot.text).substr(0, kSnippetScanBytes);
      const std::size_t cut = text.size() < slot.text.size() ? text.rfind(' ') : text.size();
      const std::string_view scanned = text.substr(0, cut == std::string_view::npos ? 0 : cut);
      hit.snippet_html = Snippet(scanned, AnalyseWords(scanned), match);
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

bool Index::Contains(std::int64_t id) const {
  std::shared_lock lock(mutex_);
  return state_->slot_of.contains(id);
}

std::size_t Index::size() const {
  std::shared_lock lock(mutex_);
  return state_->live;
}

IndexStats Index::Stats() const {
  std::shared_lock lock(mutex_);
  const State& s = *state_;
  IndexStats stats;
  stats.documents = s.live;
  for (const TermEntry& entry : s.terms) {
    stats.terms += entry.docs.empty() ? 0U : 1U;
    stats.postings += entry.docs.size();
    stats.approximate_bytes += entry.text.capacity() + sizeof(TermEntry) +
                               (entry.docs.capacity() + entry.tfs.capacity()) * 4;
  }
  stats.deletion_entries = s.deletions.entries();
  stats.approximate_bytes +=
      stats.deletion_entries * 12 + s.surfaces.size() * 64 + s.term_ids.size() * 48;
  for (const Slot& slot : s.slots) {
    stats.approximate_bytes += sizeof(Slot) + slot.terms.capacity() * 4 + slot.tags.capacity() * 4 +
                               slot.title.capacity() + slot.text.capacity();
  }
  return stats;
}

}  // namespace frontdoor::search
