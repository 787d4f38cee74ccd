#include "frontdoor/search/analyser.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <libstemmer.h>

namespace frontdoor::search {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// One code point from `text` at `i` (advanced past it); kInvalid for a malformed sequence,
// which then counts as one byte, so hostile input can never stall the loop.
char32_t Decode(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    cp = lead & 0x1FU;
    min = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    cp = lead & 0x0FU;
    min = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    cp = lead & 0x07U;
    min = 0x10000;
  } else {
    ++i;
    return kInvalid;
  }
  if (i + length > text.size()) {
    ++i;
    return kInvalid;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char next = byte(i + k);
    if ((next & 0xC0U) != 0x80U) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6U) | (next & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kInvalid;
  }
  i += length;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  }
}

// Base letters of U+00C0..U+00FF; '*' is not a letter (x and division signs), digits mark
// the letters that fold to two: 1 ae, 2 th, 3 ss.
constexpr std::string_view kLatin1 =
    "aaaaaa1ceeeeiiiidnooooo*ouuuuy23"
    "aaaaaa1ceeeeiiiidnooooo*ouuuuy2y";
// Base letters of U+0100..U+017F (Latin Extended-A: Welsh, Central European, Maltese...);
// 4 is the ligature ij, 5 is oe.
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllll"
    "nnnnnnnnnoooooo55rrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatinExtendedA.size() == 128);

std::string_view Expand(char base) {
  switch (base) {
    case '1': return "ae";
    case '2': return "th";
    case '3': return "ss";
    case '4': return "ij";
    case '5': return "oe";
    default: return {};
  }
}

// The dotted consonants of the old Irish script (ḃ ḋ ḟ ṁ ṗ ṡ ṫ; ċ and ġ are Latin
// Extended-A), which modern spelling writes with a following h but readers type bare.
char DottedIrish(char32_t cp) {
  switch (cp | 1U) {
    case 0x1E03: return 'b';
    case 0x1E0B: return 'd';
    case 0x1E1F: return 'f';
    case 0x1E41: return 'm';
    case 0x1E57: return 'p';
    case 0x1E61: return 's';
    case 0x1E6B: return 't';
    default: return 0;
  }
}

enum class Kind { kBreak, kApostrophe, kMark, kWord };

Kind Classify(char32_t cp) {
  if (cp == kInvalid) {
    return Kind::kBreak;
  }
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
      return Kind::kWord;
    }
    return cp == '\'' ? Kind::kApostrophe : Kind::kBreak;
  }
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
    return Kind::kApostrophe;
  }
  if (cp >= 0x0300 && cp <= 0x036F) {
    return Kind::kMark;  // combining accents of decomposed text: folded away
  }
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) {
    return Kind::kBreak;  // Latin-1 punctuation, symbols, no-break space
  }
  // Punctuation, symbols, arrows, box drawing, CJK punctuation, private use, full-width
  // punctuation and pictographs break words; every other code point is taken as a letter.
  const bool symbol = (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                      (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                      (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
                      (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFEFF;
  return symbol ? Kind::kBreak : Kind::kWord;
}

void AppendBase(std::string& out, char base) {
  const auto two = Expand(base);
  if (two.empty()) {
    out.push_back(base);
  } else {
    out.append(two);
  }
}

// Appends the lower-cased, folded form of a word character.
void AppendFolded(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char base = kLatin1[cp - 0xC0];
    AppendBase(out, base);
    return;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    const char base = kLatinExtendedA[cp - 0x100];
    AppendBase(out, base);
    return;
  }
  if (const char dotted = DottedIrish(cp); dotted != 0) {
    out.push_back(dotted);
    return;
  }
  char32_t lower = cp;
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) {
    lower = cp + 0x20;  // Greek and Russian capitals
  } else if (cp >= 0x400 && cp <= 0x40F) {
    lower = cp + 0x50;  // Cyrillic capitals with diacritics (Ukrainian, Serbian)
  }
  AppendUtf8(out, lower);
}

using namespace std::string_view_literals;

// Sorted, for binary search.
constexpr std::array kStopWords = {
    "a"sv,     "about"sv, "an"sv,   "and"sv,   "are"sv,   "as"sv,     "at"sv,   "be"sv,   "been"sv,
    "but"sv,   "by"sv,    "can"sv,  "do"sv,    "does"sv,  "for"sv,    "from"sv, "has"sv,  "have"sv,
    "how"sv,   "i"sv,     "if"sv,   "in"sv,    "into"sv,  "is"sv,     "it"sv,   "its"sv,  "me"sv,
    "my"sv,    "of"sv,    "on"sv,   "or"sv,    "our"sv,   "should"sv, "so"sv,   "that"sv, "the"sv,
    "their"sv, "them"sv,  "then"sv, "there"sv, "these"sv, "they"sv,   "this"sv, "to"sv,   "was"sv,
    "we"sv,    "were"sv,  "what"sv, "when"sv,  "where"sv, "which"sv,  "who"sv,  "why"sv,  "will"sv,
    "with"sv,  "would"sv, "you"sv,  "your"sv};

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

// Snowball stemmers keep state between calls, so each thread gets its own.
sb_stemmer* ThreadStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Walks `text` word by word; `emit(folded, begin, end)` receives each word.
template <class Emit>
void ForEachWord(std::string_view text, Emit&& emit) {
  std::string word;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool in_word = false;
  bool pending_apostrophe = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t cp = Decode(text, i);
    const Kind kind = Classify(cp);
    if (kind == Kind::kWord) {
      if (!in_word) {
        in_word = true;
        begin = at;
        word.clear();
      }
      pending_apostrophe = false;
      AppendFolded(word, cp);
      end = i;
      continue;
    }
    if (kind == Kind::kMark && in_word) {
      end = i;
      continue;
    }
    if (kind == Kind::kApostrophe && in_word && !pending_apostrophe) {
      pending_apostrophe = true;  // dropped if a letter follows, a break otherwise
      continue;
    }
    if (in_word) {
      emit(word, begin, end);
      in_word = false;
    }
    pending_apostrophe = false;
  }
  if (in_word) {
    emit(word, begin, end);
  }
}

}  // namespace

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachWord(text, [&out](const std::string& word, std::size_t, std::size_t) {
    if (!out.empty()) {
      out.push_back(' ');
    }
    out += word;
  });
  return out;
}

bool IsStopWord(std::string_view folded_word) {
  return std::binary_search(kStopWords.begin(), kStopWords.end(), folded_word);
}

std::string Stem(std::string_view folded_word) {
  if (folded_word.size() <= 2 || HasDigit(folded_word)) {
    return std::string(folded_word);
  }
  sb_stemmer* stemmer = ThreadStemmer();
  if (stemmer == nullptr) {
    return std::string(folded_word);
  }
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                      static_cast<int>(folded_word.size()));
  if (stem == nullptr) {
    return std::string(folded_word);  // out of memory inside the stemmer: keep the word
  }
  const auto length = static_cast<std::size_t>(sb_stemmer_length(stemmer));
  return {reinterpret_cast<const char*>(stem), length};
}

namespace {

std::vector<Token> Tokens(std::string_view text, bool stem) {
  std::vector<Token> tokens;
  std::uint32_t position = 0;
  ForEachWord(text, [&](const std::string& word, std::size_t begin, std::size_t end) {
    const std::uint32_t here = position++;
    if (word.size() > kMaxWordBytes || IsStopWord(word)) {
      return;
    }
    tokens.push_back(Token{stem ? Stem(word) : std::string(), word, here, begin, end});
  });
  return tokens;
}

}  // namespace

std::vector<Token> Analyse(std::string_view text) {
  return Tokens(text, true);
}

std::vector<Token> AnalyseWords(std::string_view text) {
  return Tokens(text, false);
}

}  // namespace frontdoor::search
