// Impact tiers at query time: looking for the page among the postings that score high before
// walking whole lists (the tiers themselves are kept by index.cpp).
#include <algorithm>
#include <utility>

#include "top_k.hpp"

namespace frontdoor::search {
namespace {

// The smallest of `tiers` at least as large as asked for (`shift`); null if none.
const Tier* TierFor(const std::vector<Tier>& tiers, unsigned shift) {
  for (const Tier& tier : tiers) {
    if (tier.shift <= shift) {
      return &tier;
    }
  }
  return nullptr;
}

}  // namespace

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
    // The smallest tier at least as large as asked for, or else the whole list. A filter of
    // one tag lets through only documents with it: the tiers within the tag bound the rest
    // of them as well, with far fewer candidates.
    const Tier* chosen = TierFor(entry.tiers, shift);
    for (const auto& group : filters_) {
      if (group.size() != 1) {
        continue;
      }
      const auto tagged = std::lower_bound(
          entry.tag_tiers.begin(), entry.tag_tiers.end(), group.front(),
          [](const TagTiers& tiers, std::uint32_t tag) { return tiers.tag < tag; });
      if (tagged == entry.tag_tiers.end() || tagged->tag != group.front()) {
        continue;
      }
      const Tier* within = TierFor(tagged->tiers, shift);
      if (within != nullptr &&
          (chosen == nullptr || within->postings.size() <= chosen->postings.size())) {
        chosen = within;
      }
    }
    const auto& list = chosen == nullptr ? entry.postings : chosen->postings;
    lists.push_back({list.data(), list.data() + list.size(),
                     chosen == nullptr ? nullptr : chosen->parts.data()});
    low[c] = chosen == nullptr ? 0.0 : cursors_[c].factors.idf * static_cast<double>(chosen->cut);
    candidates += list.size();
    postings += entry.postings.size();
  }
  // A shorter list has no tier this small: the same lists as the attempt before, which failed.
  bool same = tried_.size() == lists.size();
  for (std::size_t c = 0; c < lists.size() && same; ++c) {
    same = tried_[c] == lists[c].at;
  }
  if (same) {
    return false;
  }
  tried_.clear();
  for (const List& list : lists) {
    tried_.push_back(list.at);
  }
  // Not worth it when the candidates are not far fewer than the postings MaxScore would walk.
  if (candidates * 4 > postings) {
    return false;
  }
  // The most a document in none of the lists can score. A clause whose lists are whole (a
  // cut of 0) it does not match, and the coordination factor counts that.
  double reach = 0;
  std::size_t matched = 0;
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
    matched += best > 0 ? 1U : 0U;
  }
  reach *= static_cast<double>(matched) / clause_count_;
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
    // The filter first: a bit test, where the bound reads the document's field lengths.
    // A tier posting is a copy of the list's: the candidate's part in a list whose tier
    // holds it is read from there, and only the other lists are probed (galloping through
    // cold memory is most of a candidate's cost).
    if (!Done(slot) && (!Passes(slot) || !TierCandidateFallsShort(walk, low, slot))) {
      Consider(slot, &walk);
    }
    for (List& list : walk) {
      if (list.at != list.end && list.at->slot == slot) {
        list.Next();
      }
    }
  }
  // A reach of 0: every list is whole (within the filter's tag), so nothing else matches.
  if ((heap_.size() == k_ && reach < threshold_) || reach == 0) {
    return true;
  }
  Rewind();
  done_ = std::move(lists);
  return false;
}

// Scoring a candidate probes every list it is not found in, by galloping through cold
// memory. Its part in the lists of this attempt that hold it is known from their postings,
// and in the others it is at most their cut (it would be in their tier otherwise): when that
// cannot reach the page, the candidate is passed over, for this attempt and the later ones
// (whose cuts are lower and the page no worse).
bool TopK::TierCandidateFallsShort(const std::vector<List>& walk, const std::vector<double>& low,
                                   std::uint32_t slot) {
  if (heap_.size() < k_) {
    return false;
  }
  double reach = 0;
  std::size_t matched = 0;
  for (const PlannedClause& plan : planned_) {
    double best = 0;
    for (const PlannedAlternative& alternative : plan.alternatives) {
      double sum = 0;
      for (std::size_t c = alternative.first; c < alternative.first + alternative.count; ++c) {
        const List& list = walk[c];
        if (list.at == list.end || list.at->slot != slot) {
          sum += low[c];
        } else {
          sum += cursors_[c].factors.idf * (list.part != nullptr
                                                ? static_cast<double>(*list.part)
                                                : state_.Part(list.at->tfs, state_.lengths[slot]));
        }
      }
      best = std::max(best, alternative.scale * sum * kBoundRounding);
    }
    reach += best;
    matched += best > 0 ? 1U : 0U;
  }
  reach *= static_cast<double>(matched) / clause_count_;
  if (reach >= threshold_) {
    return false;
  }
  ++dropped_;
  return true;
}

bool TopK::Done(std::uint32_t slot) {
  bool done = false;
  for (List& list : done_) {
    while (list.at != list.end && list.at->slot < slot) {
      list.Next();
    }
    done = done || (list.at != list.end && list.at->slot == slot);
  }
  return done;
}

void TopK::Rewind() {
  for (Cursor& cursor : cursors_) {
    cursor.at = cursor.begin;
    cursor.block = cursor.block == nullptr ? nullptr : state_.terms[cursor.term].blocks.data();
    cursor.skip = cursor.block;
  }
  checked_block_ = kNoSlot;
}

}  // namespace frontdoor::search
