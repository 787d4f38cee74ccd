#include "typo.hpp"

#include <algorithm>
#include <string>

namespace frontdoor::search {
namespace {

std::u32string Decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t length = 1;
    char32_t cp = lead;
    if (lead >= 0xF0) {
      length = 4;
      cp = lead & 0x07U;
    } else if (lead >= 0xE0) {
      length = 3;
      cp = lead & 0x0FU;
    } else if (lead >= 0xC0) {
      length = 2;
      cp = lead & 0x1FU;
    }
    if (i + length > utf8.size()) {
      length = 1;
      cp = lead;
    }
    for (std::size_t k = 1; k < length; ++k) {
      cp = (cp << 6U) | (static_cast<unsigned char>(utf8[i + k]) & 0x3FU);
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

// FNV-1a over the code points: stable, cheap, and good enough since matches are verified.
std::uint64_t Hash(const std::u32string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char32_t cp : text) {
    hash ^= cp;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Every string obtained from `word` by deleting up to `depth` code points, `word` included.
void Deletions(const std::u32string& word, int depth, std::vector<std::u32string>& out) {
  out.push_back(word);
  if (depth == 0 || word.size() <= 1) {
    return;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    // Deleting either of two equal neighbours gives the same string; keep the first only.
    if (i > 0 && word[i] == word[i - 1]) {
      continue;
    }
    std::u32string shorter = word;
    shorter.erase(i, 1);
    Deletions(shorter, depth - 1, out);
  }
}

std::vector<std::uint64_t> DeletionHashes(std::string_view term, int depth) {
  std::vector<std::u32string> strings;
  Deletions(Decode(term), depth, strings);
  std::vector<std::uint64_t> hashes;
  hashes.reserve(strings.size());
  for (const auto& s : strings) {
    hashes.push_back(Hash(s));
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

constexpr std::size_t kMergeAt = 8192;
constexpr std::size_t kLongestFuzzyTerm = 24;

}  // namespace

std::size_t CountLetters(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

int TyposAllowed(std::size_t letters) {
  if (letters >= 8) {
    return 2;
  }
  return letters >= 4 ? 1 : 0;
}

int EditDistance(std::string_view a_utf8, std::string_view b_utf8, int limit) {
  const std::u32string a = Decode(a_utf8);
  const std::u32string b = Decode(b_utf8);
  const auto gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<std::size_t>(limit)) {
    return limit + 1;
  }
  // Three rows of the dynamic programme: the swap of neighbours looks two rows back.
  std::vector<int> before(b.size() + 1);
  std::vector<int> previous(b.size() + 1);
  std::vector<int> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    previous[j] = static_cast<int>(j);
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    int row_best = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
      row_best = std::min(row_best, best);
    }
    if (row_best > limit) {
      return limit + 1;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], limit + 1);
}

void DeletionIndex::Add(std::string_view term, std::uint32_t id) {
  const std::size_t letters = CountLetters(term);
  // Long words are rare in queries and would cost hundreds of deletions each.
  if (letters < 3 || letters > kLongestFuzzyTerm) {
    return;
  }
  const int depth = letters >= 8 ? 2 : 1;
  for (const std::uint64_t key : DeletionHashes(term, depth)) {
    const std::pair entry{key, id};
    recent_.insert(std::upper_bound(recent_.begin(), recent_.end(), entry), entry);
  }
  if (recent_.size() >= kMergeAt) {
    Merge();
  }
}

void DeletionIndex::Merge() {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> ids;
  keys.reserve(keys_.size() + recent_.size());
  ids.reserve(keys.capacity());
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < keys_.size() || j < recent_.size()) {
    if (j == recent_.size() || (i < keys_.size() && keys_[i] <= recent_[j].first)) {
      keys.push_back(keys_[i]);
      ids.push_back(ids_[i++]);
    } else {
      keys.push_back(recent_[j].first);
      ids.push_back(recent_[j++].second);
    }
  }
  keys_ = std::move(keys);
  ids_ = std::move(ids);
  recent_.clear();
}

std::vector<std::uint32_t> DeletionIndex::Candidates(std::string_view word,
                                                     int max_distance) const {
  std::vector<std::uint32_t> out;
  for (const std::uint64_t key : DeletionHashes(word, max_distance)) {
    auto [first, last] = std::equal_range(keys_.begin(), keys_.end(), key);
    for (auto it = first; it != last; ++it) {
      out.push_back(ids_[static_cast<std::size_t>(it - keys_.begin())]);
    }
    auto lower = std::lower_bound(recent_.begin(), recent_.end(), std::pair{key, std::uint32_t{0}});
    for (; lower != recent_.end() && lower->first == key; ++lower) {
      out.push_back(lower->second);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace frontdoor::search
