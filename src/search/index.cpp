#include "frontdoor/search/index.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <string_view>
#include <utility>

#include "frontdoor/search/analyser.hpp"

#include "index_state.hpp"
#include "typo.hpp"

namespace frontdoor::search {
namespace {

// Scores are normalised with the field averages of the last rebuild until the true averages
// move this far (by this factor, either way): BM25F barely changes when an average moves by
// a tenth, and each rebuild is a pass over every posting.
constexpr double kAverageDrift = 1.1;
constexpr std::uint32_t kMaxSpanOffset = (1U << 24U) - 1;

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint32_t Span(const Token& token, std::size_t shift) {
  const std::size_t begin = token.begin + shift;
  const std::size_t length = std::min<std::size_t>(token.end - token.begin, 255);
  return static_cast<std::uint32_t>(begin << 8U) | static_cast<std::uint32_t>(length);
}

// The smallest float not below `value`: block bounds are stored as floats and must stay bounds.
float RoundUp(double value) {
  auto rounded = static_cast<float>(value);
  if (static_cast<double>(rounded) < value) {
    rounded = std::nextafter(rounded, std::numeric_limits<float>::infinity());
  }
  return rounded;
}

std::size_t TierBytes(const std::vector<Tier>& tiers) {
  std::size_t bytes = tiers.capacity() * sizeof(Tier);
  for (const Tier& tier : tiers) {
    bytes += tier.postings.capacity() * sizeof(Posting) + tier.parts.capacity() * sizeof(float);
  }
  return bytes;
}

std::size_t TierBytes(const TermEntry& entry) {
  std::size_t bytes = TierBytes(entry.tiers) + entry.tag_tiers.capacity() * sizeof(TagTiers);
  for (const TagTiers& tagged : entry.tag_tiers) {
    bytes += TierBytes(tagged.tiers);
  }
  return bytes;
}

// A tag's postings are kept whole when they are at most this share of the list (a 16th).
constexpr unsigned kWholeTagShift = 4;

// The tiers of a list (postings and their parts side by side), smallest first; none when the
// list is too short for the smallest tier size.
std::vector<Tier> MakeTiers(const std::vector<Posting>& postings,
                            const std::vector<double>& parts) {
  std::vector<Tier> tiers;
  std::vector<double> sorted = parts;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  for (const unsigned shift : kTierShifts) {
    const std::size_t rank = sorted.size() >> shift;
    if (rank < kTierMinSize) {
      continue;
    }
    // At most `rank` parts are above the rank-th largest; ties at the cut stay out, so a
    // list of many equal parts gives a small tier rather than a useless large one.
    Tier tier{RoundUp(sorted[rank]), shift, {}, {}};
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i] > static_cast<double>(tier.cut)) {
        tier.postings.push_back(postings[i]);
        tier.parts.push_back(static_cast<float>(parts[i]));
      }
    }
    // Kept when empty: a list whose best parts tie (a surname, every case of a street)
    // then still says that none of it scores above the cut, instead of being walked whole.
    tiers.push_back(std::move(tier));
  }
  return tiers;
}

}  // namespace

std::size_t ScanLength(std::string_view summary, std::string_view body) {
  const std::size_t shift = summary.empty() ? 0 : summary.size() + 1;
  if (shift + body.size() <= kSnippetScanBytes) {
    return shift + body.size();
  }
  // The last space before the limit in summary + "\n" + body, without joining them.
  for (std::size_t i = kSnippetScanBytes; i-- > 0;) {
    const char c = i >= shift ? body[i - shift] : (i < summary.size() ? summary[i] : '\n');
    if (c == ' ') {
      return i;
    }
  }
  return 0;
}

Analysed AnalyseDocument(const Document& document, bool keep_text) {
  Analysed out;
  const auto& summary = document.fields[static_cast<std::size_t>(Field::kSummary)];
  // The stored text is summary + "\n" + body (see Fill): body offsets move by that much.
  const std::size_t body_shift = summary.empty() ? 0 : summary.size() + 1;
  const auto& body = document.fields[static_cast<std::size_t>(Field::kBody)];
  const std::size_t scan = keep_text ? ScanLength(summary, body) : 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto tokens = Analyse(document.fields[f]);
    out.lengths[f] = static_cast<std::uint16_t>(std::min<std::size_t>(tokens.size(), 0xFFFF));
    const unsigned shift = static_cast<unsigned>(f) * kTfBits;
    const auto field = static_cast<Field>(f);
    for (const Token& token : tokens) {
      TermInfo& info = out.terms[token.term];
      if (((info.packed >> shift) & kTfMax) < kTfMax) {
        info.packed += 1U << shift;
      }
      // Completing a number as it is typed helps nobody, and a million case references would
      // fill the prefix dictionary.
      if (!HasDigit(token.surface)) {
        out.surfaces.emplace(token.surface, token.term);
      }
      if (!keep_text) {
        continue;
      }
      if (field == Field::kTitle && token.end <= kMaxSpanOffset) {
        out.title_tokens.push_back({&info, Span(token, 0)});
      } else if (field == Field::kSummary && token.end <= scan) {
        out.text_tokens.push_back({&info, Span(token, 0)});
      } else if (field == Field::kBody && token.end + body_shift <= scan) {
        out.text_tokens.push_back({&info, Span(token, body_shift)});
      }
    }
  }
  return out;
}

void IndexState::SetTagBit(std::uint32_t tag, std::uint32_t slot, bool on) {
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

bool IndexState::HasTag(std::uint32_t tag, std::uint32_t slot) const {
  if (tag >= tag_bits.size() || slot / 64 >= tag_bits[tag].size()) {
    return false;
  }
  return ((tag_bits[tag][slot / 64] >> (slot % 64)) & 1U) != 0;
}

std::uint32_t IndexState::TermId(const std::string& term) {
  auto [it, inserted] = term_ids.emplace(term, static_cast<std::uint32_t>(terms.size()));
  if (inserted) {
    terms.push_back(TermEntry{term, {}, 0, {}, {}, {}, 0, {}});
  }
  return it->second;
}

void IndexState::Clear(std::uint32_t slot_index) {
  Slot& slot = slots[slot_index];
  for (const std::uint32_t term : slot.terms) {
    auto& postings = terms[term].postings;
    const auto it = std::lower_bound(
        postings.begin(), postings.end(), slot_index,
        [](const Posting& posting, std::uint32_t wanted) { return posting.slot < wanted; });
    if (it != postings.end() && it->slot == slot_index) {
      postings.erase(it);
      ShiftBlocks(terms[term], slot_index, -1);
    }
    RemoveFromTiers(terms[term].tiers, slot_index);
    // The tag bits are still the document's: they are cleared below.
    for (TagTiers& tagged : terms[term].tag_tiers) {
      if (HasTag(tagged.tag, slot_index)) {
        RemoveFromTiers(tagged.tiers, slot_index);
      }
    }
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    total_length[f] -= slot.lengths[f];
  }
  for (const std::uint32_t tag : slot.tags) {
    SetTagBit(tag, slot_index, false);
  }
  slot = Slot{};
  lengths[slot_index] = {};
  ids[slot_index] = 0;
  UpdateBlockMinId(slot_index);
  --live;
}

void IndexState::UpdateBlockMinId(std::uint32_t slot_index) {
  const std::size_t block = slot_index >> kBlockShift;
  if (block_min_ids.size() <= block) {
    block_min_ids.resize(block + 1, std::numeric_limits<std::int64_t>::max());
  }
  std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
  const std::size_t first = block << kBlockShift;
  const std::size_t last = std::min(slots.size(), first + (std::size_t{1} << kBlockShift));
  for (std::size_t s = first; s < last; ++s) {
    if (slots[s].live) {
      lowest = std::min(lowest, ids[s]);
    }
  }
  block_min_ids[block] = lowest;
  const std::size_t span = block >> kSpanShift;
  if (span_min_ids.size() <= span) {
    span_min_ids.resize(span + 1, std::numeric_limits<std::int64_t>::max());
  }
  const auto first_block = block_min_ids.begin() + static_cast<std::ptrdiff_t>(span << kSpanShift);
  span_min_ids[span] = *std::min_element(
      first_block, block_min_ids.begin() + static_cast<std::ptrdiff_t>(std::min(
                                               block_min_ids.size(), (span + 1) << kSpanShift)));
}

void IndexState::Fill(std::uint32_t slot_index, const Document& document, Analysed& analysed,
                      std::vector<std::uint32_t> tags) {
  Slot& slot = slots[slot_index];
  slot.id = document.id;
  slot.live = true;
  slot.lengths = analysed.lengths;
  lengths[slot_index] = analysed.lengths;
  ids[slot_index] = document.id;
  slot.tags = std::move(tags);
  for (const std::uint32_t tag : slot.tags) {
    SetTagBit(tag, slot_index, true);
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    total_length[f] += slot.lengths[f];
  }
  ++live;
  if (const std::size_t block = slot_index >> kBlockShift; block_min_ids.size() <= block) {
    block_min_ids.resize(block + 1, std::numeric_limits<std::int64_t>::max());
  }
  block_min_ids[slot_index >> kBlockShift] =
      std::min(block_min_ids[slot_index >> kBlockShift], document.id);
  if (const std::size_t span = slot_index >> (kBlockShift + kSpanShift);
      span_min_ids.size() <= span) {
    span_min_ids.resize(span + 1, std::numeric_limits<std::int64_t>::max());
  }
  span_min_ids[slot_index >> (kBlockShift + kSpanShift)] =
      std::min(span_min_ids[slot_index >> (kBlockShift + kSpanShift)], document.id);
  slot.terms.reserve(analysed.terms.size());
  for (auto& [term, info] : analysed.terms) {
    info.id = TermId(term);
    TermEntry& entry = terms[info.id];
    const auto it = std::lower_bound(
        entry.postings.begin(), entry.postings.end(), slot_index,
        [](const Posting& posting, std::uint32_t wanted) { return posting.slot < wanted; });
    const Posting posting{slot_index, info.packed};
    entry.postings.insert(it, posting);
    RaiseBounds(entry, posting, Part(info.packed, slot.lengths));
    slot.terms.push_back(info.id);
  }
  std::sort(slot.terms.begin(), slot.terms.end());
  for (const auto& [surface, term] : analysed.surfaces) {
    const auto [entry, inserted] = surfaces.emplace(surface, term_ids.at(term));
    // Words with digits never get here (AnalyseDocument): a near miss of a reference or a
    // postcode is another one, and a million of them would fill the deletion index.
    if (inserted) {
      deletions.Add(surface, static_cast<std::uint32_t>(surface_list.size()));
      surface_list.push_back(entry);
    }
  }
  if (options.keep_text) {
    const auto& fields = document.fields;
    slot.title = fields[static_cast<std::size_t>(Field::kTitle)];
    const auto& summary = fields[static_cast<std::size_t>(Field::kSummary)];
    const auto& body = fields[static_cast<std::size_t>(Field::kBody)];
    slot.text = summary.empty() ? body : summary + "\n" + body;
    slot.title_tokens = static_cast<std::uint32_t>(analysed.title_tokens.size());
    for (const auto* part : {&analysed.title_tokens, &analysed.text_tokens}) {
      for (const StoredToken& token : *part) {
        slot.token_terms.push_back(token.term->id);
        slot.token_spans.push_back(token.span);
      }
    }
  }
  KeepBoundsValid();
}

std::array<double, kFieldCount> IndexState::Averages() const {
  std::array<double, kFieldCount> averages{};
  const auto n = static_cast<double>(std::max<std::size_t>(live, 1));
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    averages[f] = std::max(1.0, static_cast<double>(total_length[f]) / n);
  }
  return averages;
}

double IndexState::Saturated(std::uint32_t packed,
                             const std::array<std::uint16_t, kFieldCount>& field_lengths,
                             const std::array<double, kFieldCount>& length_factor) const {
  const Ranking& ranking = options.ranking;
  double tf = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto count = (packed >> (static_cast<unsigned>(f) * kTfBits)) & kTfMax;
    if (count != 0) {
      const double norm = 1 - ranking.b[f] + length_factor[f] * field_lengths[f];
      tf += ranking.weight[f] * count / norm;
    }
  }
  return tf * (ranking.k1 + 1) / (tf + ranking.k1);
}

double IndexState::Part(std::uint32_t packed,
                        const std::array<std::uint16_t, kFieldCount>& field_lengths) const {
  return static_cast<double>(static_cast<float>(Saturated(packed, field_lengths, part_factor)));
}

// Parts are worked out against bound_average, not the averages of the moment, so bounds hold
// whatever the averages do; bound_average follows the true averages once they have drifted.
void IndexState::KeepBoundsValid() {
  const auto averages = Averages();
  bool valid = true;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    valid = valid && averages[f] <= bound_average[f] * kAverageDrift &&
            averages[f] * kAverageDrift >= bound_average[f];
  }
  if (valid) {
    return;
  }
  bound_average = averages;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    part_factor[f] = options.ranking.b[f] / bound_average[f];
  }
  for (TermEntry& entry : terms) {
    RebuildBounds(entry);
  }
}

void IndexState::RebuildBounds(TermEntry& entry) const {
  entry.bound = 0;
  entry.blocks.clear();
  const bool blocked = entry.postings.size() >= kBlockMinDf;
  const bool tiered = entry.postings.size() >= kTierMinDf;
  std::vector<double> parts;
  parts.reserve(tiered ? entry.postings.size() : 0);
  for (std::size_t i = 0; i < entry.postings.size(); ++i) {
    const Posting& posting = entry.postings[i];
    const double score = Part(posting.tfs, lengths[posting.slot]);
    entry.bound = std::max(entry.bound, score);
    if (tiered) {
      parts.push_back(score);
    }
    const std::uint32_t block = posting.slot >> kBlockShift;
    if (!blocked) {
      continue;
    }
    if (entry.blocks.empty() || entry.blocks.back().block != block) {
      entry.blocks.push_back({block, 0, static_cast<std::uint32_t>(i)});
    }
    entry.blocks.back().bound = std::max(entry.blocks.back().bound, RoundUp(score));
  }
  entry.span_bounds.clear();
  for (const BlockBound& block : entry.blocks) {
    RaiseSpan(entry, block.block, block.bound);
  }
  BuildTiers(entry, parts);
}

void IndexState::RaiseSpan(TermEntry& entry, std::uint32_t block, float bound) {
  const std::size_t span = block >> kSpanShift;
  if (entry.span_bounds.size() <= span) {
    entry.span_bounds.resize(span + 1, 0.0F);
  }
  entry.span_bounds[span] = std::max(entry.span_bounds[span], bound);
}

void IndexState::BuildTiers(TermEntry& entry, const std::vector<double>& parts) const {
  entry.tiers.clear();
  entry.tag_tiers.clear();
  entry.tiers_df = 0;
  if (entry.postings.size() < kTierMinDf) {
    return;
  }
  entry.tiers_df = entry.postings.size();
  entry.tiers = MakeTiers(entry.postings, parts);
  std::vector<Posting> tagged;
  std::vector<double> tagged_parts;
  for (const std::uint32_t tag : tiered_tags) {
    tagged.clear();
    tagged_parts.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (HasTag(tag, entry.postings[i].slot)) {
        tagged.push_back(entry.postings[i]);
        tagged_parts.push_back(parts[i]);
      }
    }
    if (tagged.size() >= kTierMinSize << kTierShifts.back()) {
      entry.tag_tiers.push_back({tag, MakeTiers(tagged, tagged_parts)});
      continue;
    }
    if (tagged.size() > entry.postings.size() >> kWholeTagShift) {
      continue;  // the list's own tiers will do: a copy of the tag's postings costs too much
    }
    // Too few for tiers within the tag, and far fewer than the list holds (a word of another
    // department's cases): all of them, above a cut of 0, so a search filtered by the tag
    // walks these instead of the list.
    Tier whole{0, 0, tagged, {}};
    whole.parts.assign(tagged_parts.begin(), tagged_parts.end());
    entry.tag_tiers.push_back({tag, {std::move(whole)}});
  }
}

void IndexState::AddToTiers(std::vector<Tier>& tiers, const Posting& posting, double value) {
  const auto by_slot = [](const Posting& p, std::uint32_t wanted) { return p.slot < wanted; };
  for (Tier& tier : tiers) {
    if (value > static_cast<double>(tier.cut)) {
      const auto at =
          std::lower_bound(tier.postings.begin(), tier.postings.end(), posting.slot, by_slot);
      tier.parts.insert(tier.parts.begin() + (at - tier.postings.begin()),
                        static_cast<float>(value));
      tier.postings.insert(at, posting);
    }
  }
}

void IndexState::RemoveFromTiers(std::vector<Tier>& tiers, std::uint32_t slot) {
  for (Tier& tier : tiers) {
    const auto at = std::lower_bound(
        tier.postings.begin(), tier.postings.end(), slot,
        [](const Posting& posting, std::uint32_t wanted) { return posting.slot < wanted; });
    if (at != tier.postings.end() && at->slot == slot) {
      tier.parts.erase(tier.parts.begin() + (at - tier.postings.begin()));
      tier.postings.erase(at);
    }
  }
}

void IndexState::RaiseBounds(TermEntry& entry, const Posting& posting, double value) const {
  entry.bound = std::max(entry.bound, value);
  const std::size_t df = entry.postings.size();
  if ((entry.blocks.empty() && df >= kBlockMinDf) ||
      (df >= kTierMinDf && df >= 2 * entry.tiers_df)) {
    // The list has just grown long enough for blocks, or for (new) tiers: work them out
    // from every posting.
    RebuildBounds(entry);
    return;
  }
  AddToTiers(entry.tiers, posting, value);
  // The document's tag bits are set before its postings are added (Fill).
  for (TagTiers& tagged : entry.tag_tiers) {
    if (HasTag(tagged.tag, posting.slot)) {
      AddToTiers(tagged.tiers, posting, value);
    }
  }
  if (entry.blocks.empty()) {
    return;
  }
  ShiftBlocks(entry, posting.slot, 1);
  const std::uint32_t block = posting.slot >> kBlockShift;
  auto it = std::lower_bound(
      entry.blocks.begin(), entry.blocks.end(), block,
      [](const BlockBound& bound, std::uint32_t wanted) { return bound.block < wanted; });
  if (it == entry.blocks.end() || it->block != block) {
    // The postings before the block's start: those before the new one, which is its first.
    const auto before =
        std::lower_bound(entry.postings.begin(), entry.postings.end(), posting.slot,
                         [](const Posting& p, std::uint32_t wanted) { return p.slot < wanted; });
    it = entry.blocks.insert(
        it, BlockBound{block, 0, static_cast<std::uint32_t>(before - entry.postings.begin())});
  }
  it->bound = std::max(it->bound, RoundUp(value));
  RaiseSpan(entry, block, it->bound);
}

// Only the blocks after the posting's own move: a block's start counts the postings before
// its first slot, and the posting is not before its own block's.
void IndexState::ShiftBlocks(TermEntry& entry, std::uint32_t slot, int by) {
  const std::uint32_t block = slot >> kBlockShift;
  auto it = std::upper_bound(
      entry.blocks.begin(), entry.blocks.end(), block,
      [](std::uint32_t wanted, const BlockBound& bound) { return wanted < bound.block; });
  for (; it != entry.blocks.end(); ++it) {
    it->first = by > 0 ? it->first + 1 : it->first - 1;
  }
}

Index::Index(IndexOptions options) : state_(std::make_unique<IndexState>()) {
  state_->options = options;
}

Index::~Index() = default;

void Index::Put(const Document& document) {
  Analysed analysed = AnalyseDocument(document, state_->options.keep_text);
  std::unique_lock lock(mutex_);
  IndexState& s = *state_;
  std::vector<std::uint32_t> tags;
  for (const std::string& tag : document.tags) {
    const auto [it, inserted] =
        s.tag_ids.emplace(tag, static_cast<std::uint32_t>(s.tag_ids.size()));
    tags.push_back(it->second);
    const auto& prefixes = s.options.tiered_tag_prefixes;
    if (inserted && std::any_of(prefixes.begin(), prefixes.end(),
                                [&tag](const std::string& p) { return tag.starts_with(p); })) {
      s.tiered_tags.push_back(it->second);  // ids grow, so the list stays sorted
    }
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
    s.lengths.emplace_back();
    s.ids.emplace_back();
  }
  s.slot_of[document.id] = slot;
  s.Fill(slot, document, analysed, std::move(tags));
}

bool Index::Remove(std::int64_t id) {
  std::unique_lock lock(mutex_);
  IndexState& s = *state_;
  const auto it = s.slot_of.find(id);
  if (it == s.slot_of.end()) {
    return false;
  }
  s.Clear(it->second);
  s.free_slots.push_back(it->second);
  s.slot_of.erase(it);
  s.KeepBoundsValid();
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
  const IndexState& s = *state_;
  if (tokens.empty() || s.live == 0) {
    return {};
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
      return {};  // a filter nothing carries
    }
    filters.push_back(std::move(ids));
  }
  return s.Rank(clauses, filters, query);
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
  const IndexState& s = *state_;
  IndexStats stats;
  stats.documents = s.live;
  // Node sizes of the standard containers are estimates (libstdc++ on 64-bit): a hash node
  // holds its key, value, next pointer and cached hash; a tree node three pointers and a colour.
  constexpr std::size_t kHashNode = 16 + 32 + 8;
  constexpr std::size_t kTreeNode = 32 + 32 + 8;
  for (const TermEntry& entry : s.terms) {
    stats.terms += entry.postings.empty() ? 0U : 1U;
    stats.postings += entry.postings.size();
    stats.approximate_bytes += sizeof(TermEntry) + entry.postings.capacity() * sizeof(Posting) +
                               entry.blocks.capacity() * sizeof(BlockBound) + TierBytes(entry) +
                               entry.span_bounds.capacity() * sizeof(float) +
                               (entry.text.capacity() > 15 ? entry.text.capacity() + 1 : 0);
  }
  stats.deletion_entries = s.deletions.entries();
  stats.approximate_bytes += stats.deletion_entries * 12 + s.surfaces.size() * (kTreeNode + 8) +
                             s.term_ids.size() * (kHashNode + 8) + s.slot_of.size() * kHashNode;
  for (const Slot& slot : s.slots) {
    stats.approximate_bytes += sizeof(Slot) + slot.terms.capacity() * 4 + slot.tags.capacity() * 4 +
                               slot.title.capacity() + slot.text.capacity() +
                               (slot.token_terms.capacity() + slot.token_spans.capacity()) * 4;
  }
  stats.approximate_bytes += s.lengths.capacity() * sizeof(s.lengths[0]) + s.ids.capacity() * 8 +
                             s.block_min_ids.capacity() * 8 + s.span_min_ids.capacity() * 8;
  for (const auto& bits : s.tag_bits) {
    stats.approximate_bytes += bits.capacity() * 8;
  }
  return stats;
}

}  // namespace frontdoor::search
