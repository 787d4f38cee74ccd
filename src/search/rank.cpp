// Ranking: BM25F per clause and a coordination factor; the top k is found by TopK
// (top_k.hpp), and snippets are made for the page only.
#include <algorithm>
#include <cmath>

#include "frontdoor/search/snippet.hpp"

#include "index_state.hpp"
#include "top_k.hpp"

namespace frontdoor::search {

// BM25F: field frequencies are length-normalised and weighted per field, summed, then
// saturated once, so a word repeated in the body cannot outweigh one title mention (Part).
// The idf does not depend on the document: worked out once per term and query.
TermFactors IndexState::Factors(std::uint32_t term) const {
  TermFactors factors;
  const auto n = static_cast<double>(live);
  const auto df = static_cast<double>(Df(term));
  factors.idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
  return factors;
}

double IndexState::TermScore(const Posting& posting, const TermFactors& factors) const {
  return factors.idf * Part(posting.tfs, lengths[posting.slot]);
}

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
