#include "frontdoor/core/name_match.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <utility>
#include <vector>

#include "frontdoor/core/text.hpp"

namespace frontdoor {
namespace {

// Two-byte UTF-8 Latin-1 letters with accents, folded to their base letter. Irish uses the
// acute (fada); the others cover names from elsewhere in Europe.
char FoldLatin1(unsigned char second) {
  static constexpr std::array<std::pair<const char*, char>, 10> kGroups = {{
      {"\x80\x81\x82\x83\x84\x85\xa0\xa1\xa2\xa3\xa4\xa5", 'a'},
      {"\x87\xa7", 'c'},
      {"\x88\x89\x8a\x8b\xa8\xa9\xaa\xab", 'e'},
      {"\x8c\x8d\x8e\x8f\xac\xad\xae\xaf", 'i'},
      {"\x91\xb1", 'n'},
      {"\x92\x93\x94\x95\x96\x98\xb2\xb3\xb4\xb5\xb6\xb8", 'o'},
      {"\x99\x9a\x9b\x9c\xb9\xba\xbb\xbc", 'u'},
      {"\x9d\xbd\xbf", 'y'},
      {"\x9f", 's'},
      {"\x86\xa6", 'a'},  // æ: close enough for matching
  }};
  for (const auto& [bytes, letter] : kGroups) {
    if (std::string_view(bytes).find(static_cast<char>(second)) != std::string_view::npos) {
      return letter;
    }
  }
  return 0;
}

bool IsTitle(std::string_view word) {
  return word == "mr" || word == "mrs" || word == "ms" || word == "miss" || word == "dr" ||
         word == "mx";
}

std::vector<std::string> Words(std::string_view normalised) {
  std::vector<std::string> words;
  std::istringstream in{std::string(normalised)};
  for (std::string word; in >> word;) {
    words.push_back(word);
  }
  return words;
}

// The best average similarity pairing each word of the shorter list with a word of the
// longer, so order does not matter and extra words are not punished much.
double WordsSimilarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.empty()) {
    return longer.empty() ? 1.0 : 0.0;
  }
  double total = 0;
  std::vector<bool> used(longer.size(), false);
  for (const std::string& word : shorter) {
    double best = 0;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < longer.size(); ++i) {
      const double score = used[i] ? 0 : JaroWinkler(word, longer[i]);
      if (score > best) {
        best = score;
        best_index = i;
      }
    }
    used[best_index] = true;
    total += best;
  }
  const double matched = total / static_cast<double>(shorter.size());
  // Each unmatched extra word (a middle name) costs a little.
  const double extra = static_cast<double>(longer.size() - shorter.size());
  return matched * (1.0 - 0.05 * extra);
}

std::string_view Outward(std::string_view postcode) {
  return postcode.substr(0, postcode.find(' '));
}

}  // namespace

std::string NormaliseName(std::string_view name) {
  std::string folded;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      if (const char letter = FoldLatin1(static_cast<unsigned char>(name[i + 1])); letter != 0) {
        folded += letter;
        ++i;
        continue;
      }
    }
    if (c < 0x80 && std::isalnum(c)) {
      folded += static_cast<char>(std::tolower(c));
    } else if (c == '\'' || c == '.') {
      // O'Neill and ONeill, Jr. and Jr are the same.
    } else if (c == 0xE2 && i + 2 < name.size() && name[i + 1] == '\x80' &&
               (name[i + 2] == '\x98' || name[i + 2] == '\x99')) {
      i += 2;  // curly apostrophes
    } else if (c >= 0x80) {
      folded += static_cast<char>(c);  // other scripts kept as they are
    } else {
      folded += ' ';
    }
  }
  std::string out;
  for (std::string word : Words(folded)) {
    if (IsTitle(word)) {
      continue;
    }
    if (word.starts_with("mac") && word.size() > 5) {
      word = "mc" + word.substr(3);
    }
    out += out.empty() ? "" : " ";
    out += word;
  }
  return out;
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  if (a.empty() || b.empty()) {
    return 0.0;
  }
  const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::vector<bool> a_matched(a.size(), false);
  std::vector<bool> b_matched(b.size(), false);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t from = i > window ? i - window : 0;
    const std::size_t to = std::min(i + window + 1, b.size());
    for (std::size_t j = from; j < to; ++j) {
      if (!b_matched[j] && a[i] == b[j]) {
        a_matched[i] = b_matched[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) {
    return 0.0;
  }
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) {
      continue;
    }
    while (!b_matched[j]) {
      ++j;
    }
    transpositions += a[i] != b[j] ? 1U : 0U;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

double NameSimilarity(std::string_view a, std::string_view b) {
  const std::string left = NormaliseName(a);
  const std::string right = NormaliseName(b);
  if (left == right) {
    return 1.0;
  }
  // Comparing the whole strings would reward shared spaces and common letters between
  // different people; word by word does not.
  return WordsSimilarity(Words(left), Words(right));
}

double CandidateScore(std::string_view query_name, const std::optional<std::string>& query_postcode,
                      std::string_view candidate_name,
                      const std::optional<std::string>& candidate_postcode) {
  double postcode = 0;
  if (query_postcode && candidate_postcode) {
    if (*query_postcode == *candidate_postcode) {
      postcode = 1.0;
    } else if (Outward(*query_postcode) == Outward(*candidate_postcode)) {
      postcode = 0.5;
    }
  }
  return 0.8 * NameSimilarity(query_name, candidate_name) + 0.2 * postcode;
}

}  // namespace frontdoor
