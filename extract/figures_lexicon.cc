// Reading extract/lexicons/figures_*.tsv and chips.tsv into typed rows.
#include "figures_lexicon.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <mutex>

#include <unicode/bytestrie.h>
#include <unicode/bytestriebuilder.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "figures_utf8.h"
#include "newsfacts/lexicon.h"

namespace newsfacts::figures_internal {
namespace {

std::vector<std::string_view> SplitBy(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = s.find(sep);
    std::string_view part = s.substr(0, at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

LangSet ParseLangs(std::string_view field) {
  LangSet set;
  for (std::string_view l : SplitBy(field, ',')) {
    if (l == "*") {
      set.all = true;
    } else {
      set.langs.emplace_back(l);
    }
  }
  return set;
}

bool ParseDouble(std::string_view s, double* out) {
  std::string tmp(s);
  char* end = nullptr;
  *out = std::strtod(tmp.c_str(), &end);
  return !tmp.empty() && end == tmp.c_str() + tmp.size();
}

bool HasFlag(std::string_view flags, std::string_view flag) {
  for (std::string_view f : SplitBy(flags, ',')) {
    if (f == flag) return true;
  }
  return false;
}

// Value of "name=value" in a flags field, or "" when absent.
std::string_view FlagValue(std::string_view flags, std::string_view name) {
  for (std::string_view f : SplitBy(flags, ',')) {
    if (f.size() > name.size() && f.substr(0, name.size()) == name && f[name.size()] == '=') {
      return f.substr(name.size() + 1);
    }
  }
  return {};
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    out.push_back(CodePointAt(s, i, &len));
    i += len;
  }
  return out;
}

// Runs `row` over a lexicon; the first error it returns (with the file name
// and line) stops the walk.
bool g_user_files = true;  // set for the duration of one LoadFigureLexicon call

Status ForEachRow(std::string_view name, std::size_t min_cols,
                  const std::function<Status(const std::vector<std::string_view>&)>& row) {
  std::string text = g_user_files ? LoadLexicon(name) : std::string(EmbeddedLexicon(name));
  if (text.empty()) return Status::NotFound("lexicon " + std::string(name) + " is missing");
  Status first = Status::Ok();
  ForEachTsvRow(text, [&](const std::vector<std::string_view>& cols, int line_no) {
    if (!first.ok()) return;
    Status s = cols.size() < min_cols
                   ? Status::InvalidArgument("expected " + std::to_string(min_cols) + " columns, got " +
                                             std::to_string(cols.size()))
                   : row(cols);
    if (!s.ok()) {
      first = Status::InvalidArgument(std::string(name) + ":" + std::to_string(line_no) + ": " + s.message());
    }
  });
  return first;
}

template <typename Info>
void AddSurfaces(std::vector<LexiconRow<Info>>* rows, std::string_view surfaces, bool case_sensitive,
                 const LangSet& langs, const Info& info) {
  for (std::string_view s : SplitBy(surfaces, '|')) {
    rows->push_back(LexiconRow<Info>{std::string(s), case_sensitive, langs, info});
  }
}

Status LoadCurrencies(FigureLexicon* lex) {
  return ForEachRow("figures_currencies.tsv", 5, [&](const std::vector<std::string_view>& c) {
    CurrencyInfo info;
    info.code = std::string(c[0]);
    if (c[1] == "pre") {
      info.pre = true;
    } else if (c[1] == "post") {
      info.post = true;
    } else if (c[1] == "any") {
      info.pre = info.post = true;
    } else {
      return Status::InvalidArgument("where must be pre, post or any, not '" + std::string(c[1]) + "'");
    }
    std::string_view flags = c[3];
    if (auto v = FlagValue(flags, "minor"); !v.empty() && !ParseDouble(v, &info.minor)) {
      return Status::InvalidArgument("bad minor= value");
    }
    if (auto v = FlagValue(flags, "mult"); !v.empty() && !ParseDouble(v, &info.mult)) {
      return Status::InvalidArgument("bad mult= value");
    }
    info.compound = HasFlag(flags, "compound");
    info.generic = HasFlag(flags, "generic");
    AddSurfaces(&lex->currencies, c[4], HasFlag(flags, "case"), ParseLangs(c[2]), info);
    return Status::Ok();
  });
}

Status LoadScales(FigureLexicon* lex) {
  return ForEachRow("figures_scales.tsv", 4, [&](const std::vector<std::string_view>& c) {
    ScaleInfo info;
    if (!ParseDouble(c[0], &info.value) || info.value <= 0) {
      return Status::InvalidArgument("bad value '" + std::string(c[0]) + "'");
    }
    info.attach = HasFlag(c[2], "attach");
    info.tight = HasFlag(c[2], "tight");
    info.money = HasFlag(c[2], "money");
    info.word = HasFlag(c[2], "word");
    info.one = HasFlag(c[2], "one");
    info.join = HasFlag(c[2], "join");
    AddSurfaces(&lex->scales, c[3], HasFlag(c[2], "case"), ParseLangs(c[1]), info);
    return Status::Ok();
  });
}

Status LoadQualifiers(FigureLexicon* lex) {
  return ForEachRow("figures_qualifiers.tsv", 4, [&](const std::vector<std::string_view>& c) {
    QualifierInfo info;
    info.qualifier = QualifierFromName(c[0]);
    if (info.qualifier == Qualifier::kNone) {
      return Status::InvalidArgument("qualifier must be over, under or about");
    }
    std::vector<LexiconRow<QualifierInfo>>* rows = c[1] == "pre"    ? &lex->qualifiers_pre
                                                   : c[1] == "post" ? &lex->qualifiers_post
                                                   : c[1] == "round" ? &lex->qualifiers_round
                                                                     : nullptr;
    if (rows == nullptr) return Status::InvalidArgument("where must be pre, post or round");
    AddSurfaces(rows, c[3], false, ParseLangs(c[2]), info);
    return Status::Ok();
  });
}

Status LoadPercents(FigureLexicon* lex) {
  return ForEachRow("figures_percent.tsv", 6, [&](const std::vector<std::string_view>& c) {
    PercentInfo info;
    static const std::pair<std::string_view, PercentType> kTypes[] = {
        {"pct", PercentType::kPct},     {"pp", PercentType::kPp},         {"tenth", PercentType::kTenth},
        {"fixed", PercentType::kFixed}, {"change", PercentType::kChange}, {"base", PercentType::kBase}};
    bool known = false;
    for (const auto& [name, type] : kTypes) {
      if (c[0] == name) {
        info.type = type;
        known = true;
      }
    }
    if (!known) return Status::InvalidArgument("unknown type '" + std::string(c[0]) + "'");
    if (!ParseDouble(c[1], &info.factor)) return Status::InvalidArgument("bad factor");
    if (c[2] != "pre" && c[2] != "post") return Status::InvalidArgument("where must be pre or post");
    info.pre = c[2] == "pre";
    info.tight = HasFlag(c[4], "tight");
    info.not_next = ToU32(FlagValue(c[4], "notnext"));
    AddSurfaces(&lex->percents, c[5], false, ParseLangs(c[3]), info);
    return Status::Ok();
  });
}

Status LoadNumbers(FigureLexicon* lex) {
  return ForEachRow("figures_numbers.tsv", 4, [&](const std::vector<std::string_view>& c) {
    static const std::pair<std::string_view, NumberRole> kRoles[] = {
        {"word", NumberRole::kWord},           {"weak", NumberRole::kWeak},
        {"article", NumberRole::kArticle},     {"join", NumberRole::kJoin},
        {"morph", NumberRole::kMorph},         {"sign", NumberRole::kSign},
        {"point", NumberRole::kPoint},         {"den", NumberRole::kDen},
        {"den1", NumberRole::kDen1},           {"den-of", NumberRole::kDenOf},
        {"den-suffix", NumberRole::kDenSuffix}, {"part-of", NumberRole::kPartOf},
        {"cjk-digit", NumberRole::kCjkDigit},  {"cjk-zero", NumberRole::kCjkZero},
        {"cjk-unit", NumberRole::kCjkUnit},    {"cjk-big", NumberRole::kCjkBig},
        {"cjk-point", NumberRole::kCjkPoint},  {"cjk-approx", NumberRole::kCjkApprox},
        {"after-digit", NumberRole::kAfterDigit}};
    NumberWordInfo info;
    bool known = false;
    for (const auto& [name, role] : kRoles) {
      if (c[0] == name) {
        info.role = role;
        known = true;
      }
    }
    if (!known) return Status::InvalidArgument("unknown role '" + std::string(c[0]) + "'");
    if (c[1] != "-" && !ParseDouble(c[1], &info.value)) return Status::InvalidArgument("bad value");
    AddSurfaces(&lex->numbers, c[3], false, ParseLangs(c[2]), info);
    return Status::Ok();
  });
}

Status LoadWords(FigureLexicon* lex) {
  return ForEachRow("figures_words.tsv", 4, [&](const std::vector<std::string_view>& c) {
    static const std::pair<std::string_view, WordClass> kClasses[] = {
        {"range", WordClass::kRange},         {"between", WordClass::kBetween},
        {"from", WordClass::kFrom},           {"to", WordClass::kTo},
        {"vague", WordClass::kVague},
        {"idiom", WordClass::kIdiom},
        {"indefinite", WordClass::kIndefinite},
        {"cur-join", WordClass::kCurJoin},
        {"minor-join", WordClass::kMinorJoin}, {"modal", WordClass::kModal},
        {"clue", WordClass::kClue},           {"skip-after", WordClass::kSkipAfter},
        {"month", WordClass::kMonth},         {"fraction", WordClass::kFraction},   {"particle", WordClass::kParticle},
        {"over", WordClass::kOver},           {"mixed", WordClass::kMixed}};
    WordInfo info;
    bool known = false;
    for (const auto& [name, cls] : kClasses) {
      if (c[0] == name) {
        info.cls = cls;
        known = true;
      }
    }
    if (!known) return Status::InvalidArgument("unknown class '" + std::string(c[0]) + "'");
    std::string_view flags = c[2];
    if (info.cls == WordClass::kRange) {
      if (flags == "always") {
        info.range = RangeRule::kAlways;
      } else if (flags == "unless-from") {
        info.range = RangeRule::kUnlessFrom;
      } else if (flags == "needs-between") {
        info.range = RangeRule::kNeedsBetween;
      } else if (flags == "needs-from") {
        info.range = RangeRule::kNeedsFrom;
      } else {
        return Status::InvalidArgument("range flags must be always, unless-from, needs-between or needs-from");
      }
    } else if (info.cls == WordClass::kClue) {
      if (flags.size() != 3) return Status::InvalidArgument("a clue names a currency code");
      info.code = std::string(flags);
    }
    // Range connectors are punctuation or short words that must match as
    // written; the other classes fold case.
    AddSurfaces(&lex->words, c[3], false, ParseLangs(c[1]), info);
    return Status::Ok();
  });
}

Status LoadUnits(FigureLexicon* lex) {
  return ForEachRow("figures_units.tsv", 5, [&](const std::vector<std::string_view>& c) {
    UnitInfo info;
    if (c[0] == "junk") {
      info.cls = UnitClass::kJunk;
    } else if (c[0] == "measure") {
      info.cls = UnitClass::kMeasure;
    } else if (c[0] == "count") {
      info.cls = UnitClass::kCount;
    } else if (c[0] == "mult") {
      info.cls = UnitClass::kMult;
    } else {
      return Status::InvalidArgument("unknown class '" + std::string(c[0]) + "'");
    }
    if (c[1] != "-") info.unit = std::string(c[1]);
    info.tight = HasFlag(c[3], "tight");
    AddSurfaces(&lex->units, c[4], info.cls == UnitClass::kMeasure,
                ParseLangs(c[2]), info);
    return Status::Ok();
  });
}

Status LoadChips(FigureLexicon* lex) {
  return ForEachRow("chips.tsv", 5, [&](const std::vector<std::string_view>& c) {
    if (c[0] == "context") {
      for (std::string_view w : SplitBy(c[4], '|')) lex->chip_context.emplace_back(w);
      return Status::Ok();
    }
    if (c[0] != "chip") return Status::InvalidArgument("kind must be chip or context");
    ChipInfo info;
    info.canonical = std::string(c[1]);
    info.vendor = std::string(c[2]);
    info.ctx = HasFlag(c[3], "ctx");
    if (info.canonical.empty() || info.canonical == "-") return Status::InvalidArgument("chip without a name");
    AddSurfaces(&lex->chips, c[4], HasFlag(c[3], "case"), LangSet{true, {}}, info);
    return Status::Ok();
  });
}

}  // namespace

bool LangSet::Has(std::string_view lang) const {
  if (all) return true;
  for (const std::string& l : langs) {
    if (l == lang) return true;
  }
  return false;
}

Result<FigureLexicon> LoadFigureLexicon(bool user_files) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  g_user_files = user_files;
  FigureLexicon lex;
  NF_RETURN_IF_ERROR(LoadCurrencies(&lex));
  NF_RETURN_IF_ERROR(LoadScales(&lex));
  NF_RETURN_IF_ERROR(LoadQualifiers(&lex));
  NF_RETURN_IF_ERROR(LoadPercents(&lex));
  NF_RETURN_IF_ERROR(LoadNumbers(&lex));
  NF_RETURN_IF_ERROR(LoadWords(&lex));
  NF_RETURN_IF_ERROR(LoadUnits(&lex));
  NF_RETURN_IF_ERROR(LoadChips(&lex));
  return lex;
}

// ------------------------------------------------------------- SurfaceTrie

namespace {

bool HasLetters(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) return true;
  }
  return false;
}

// Per UTF-8 lead byte: true when every code point it starts folds to
// itself (CJK, kana, Hangul, ...), so such a character's bytes are already
// its folded bytes and u_foldCase need not be asked. From ICU's data, once.
const std::array<bool, 256>& FoldStableLeads() {
  static const std::array<bool, 256> table = [] {
    std::array<bool, 256> t{};
    for (int b = 0xC2; b <= 0xEF; ++b) t[static_cast<std::size_t>(b)] = true;
    for (UChar32 c = 0x80; c <= 0xFFFF; ++c) {
      if (U_IS_SURROGATE(c) || u_foldCase(c, U_FOLD_CASE_DEFAULT) == c) continue;
      t[static_cast<std::size_t>(c < 0x800 ? 0xC0 | (c >> 6) : 0xE0 | (c >> 12))] = false;
    }
    return t;
  }();
  return table;
}

char FoldAscii(unsigned char b, bool fold) {
  return static_cast<char>(fold && b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
}

// The code point at s[*i] (advancing *i), folded when `fold`, as UTF-8 in
// buf; false on invalid UTF-8 (RE2 matches no surface across it).
bool NextUnit(std::string_view s, std::size_t* i, bool fold, char32_t* cp, char* buf, int32_t* len) {
  auto b = static_cast<unsigned char>(s[*i]);
  if (b < 0x80) {
    *cp = b;
    buf[0] = FoldAscii(b, fold);
    *len = 1;
    ++*i;
    return true;
  }
  auto n = static_cast<int32_t>(s.size());
  auto j = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(s.data(), j, n, c);
  if (c < 0) return false;
  *cp = static_cast<char32_t>(c);
  if (fold && !FoldStableLeads()[b]) c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  *len = 0;
  U8_APPEND_UNSAFE(buf, *len, c);
  *i = static_cast<std::size_t>(j);
  return true;
}

// Spellings one surface allows: SurfacePattern's " ?" and "[- ]?" each
// multiply them; beyond this many the surface is refused.
constexpr std::size_t kMaxSpellings = 4096;

}  // namespace

struct SurfaceTrie::Impl {
  std::unique_ptr<icu::BytesTrie> trie;
  // The trie after its first byte, per byte: the root is the widest branch
  // and the one every lookup searches, so it is searched once, at Build.
  std::array<int16_t, 256> root{};  // index into after_root, -1 when no key starts so
  std::vector<std::pair<icu::BytesTrie::State, UStringTrieResult>> after_root;
  // Per after_root entry, the bytes that can come second: most lookups end
  // here, without a walk.
  std::vector<std::array<std::uint64_t, 4>> second;
  bool CanFollow(std::size_t first, unsigned char b) const { return (second[first][b >> 6] >> (b & 63)) & 1; }
};

SurfaceTrie::SurfaceTrie() = default;
SurfaceTrie::SurfaceTrie(bool fold) : fold_(fold) {}
SurfaceTrie::~SurfaceTrie() = default;
SurfaceTrie::SurfaceTrie(SurfaceTrie&&) noexcept = default;
SurfaceTrie& SurfaceTrie::operator=(SurfaceTrie&&) noexcept = default;

void SurfaceTrie::Add(std::string_view surface, int32_t value) {
  // Read the surface as SurfacePattern does: literal code points, and the
  // optional separators between them as choices.
  bool letters = HasLetters(surface);
  std::vector<std::string> spellings = {""};
  auto append = [&](std::initializer_list<std::string_view> choices) {
    std::vector<std::string> out;
    out.reserve(spellings.size() * choices.size());
    for (const std::string& s : spellings) {
      for (std::string_view c : choices) out.push_back(s + std::string(c));
    }
    spellings = std::move(out);
  };
  char buf[4];
  int32_t len = 0;
  char32_t cp = 0;
  for (std::size_t i = 0; i < surface.size();) {
    char c = surface[i];
    if (c == ' ') {
      append({"", " "});
      ++i;
    } else if (c == '-' && letters) {
      append({"", "-", " "});
      ++i;
    } else {
      if (!NextUnit(surface, &i, fold_, &cp, buf, &len)) return;  // not UTF-8: RE2 would not match it either
      std::string_view unit(buf, static_cast<std::size_t>(len));
      for (std::string& s : spellings) s.append(unit);
      std::size_t next_len;
      if (IsCjk(cp) && i < surface.size() && IsCjk(CodePointAt(surface, i, &next_len))) append({"", " "});
    }
    if (spellings.size() > kMaxSpellings) {
      if (error_.empty()) {
        error_ = "the surface '" + std::string(surface) + "' allows more than " + std::to_string(kMaxSpellings) +
                 " spellings (too many spaces or hyphens, or CJK characters in a row); split it";
      }
      return;
    }
  }
  for (std::string& s : spellings) {
    if (!s.empty()) keys_[std::move(s)] = value;  // a later surface with the same spelling wins
  }
}

Status SurfaceTrie::Build() {
  impl_ = std::make_unique<Impl>();
  if (!error_.empty()) return Status::InvalidArgument("figures: " + error_);
  if (keys_.empty()) return Status::Ok();
  UErrorCode status = U_ZERO_ERROR;
  icu::BytesTrieBuilder builder(status);
  for (const auto& [k, v] : keys_) builder.add(icu::StringPiece(k.data(), static_cast<int32_t>(k.size())), v, status);
  impl_->trie.reset(builder.build(USTRINGTRIE_BUILD_SMALL, status));
  if (U_FAILURE(status)) {
    impl_->trie.reset();
    return Status::InvalidArgument(std::string("figures: cannot build a surface trie: ") + u_errorName(status));
  }
  keys_.clear();
  impl_->root.fill(-1);
  icu::BytesTrie t(*impl_->trie);
  for (int b = 0; b < 256; ++b) {
    t.reset();
    UStringTrieResult r = t.next(b);
    if (!USTRINGTRIE_MATCHES(r)) continue;
    icu::BytesTrie::State st;
    t.saveState(st);
    impl_->root[static_cast<std::size_t>(b)] = static_cast<int16_t>(impl_->after_root.size());
    impl_->after_root.emplace_back(st, r);
    std::array<std::uint64_t, 4> follow{};
    for (int c = 0; c < 256 && r != USTRINGTRIE_FINAL_VALUE; ++c) {
      t.resetToState(st);
      if (USTRINGTRIE_MATCHES(t.next(c))) follow[static_cast<std::size_t>(c >> 6)] |= std::uint64_t{1} << (c & 63);
    }
    impl_->second.push_back(follow);
  }
  return Status::Ok();
}

std::size_t SurfaceTrie::LongestAt(std::string_view s, std::size_t pos, int32_t* value) const {
  if (impl_ == nullptr || impl_->trie == nullptr || pos >= s.size()) return 0;
  char unit[4];
  int32_t len = 0;
  char32_t cp = 0;
  std::size_t i = pos;
  // The first code point: its first byte from the root table.
  if (auto b = static_cast<unsigned char>(s[i]); b < 0x80) {
    unit[0] = FoldAscii(b, fold_);
    len = 1;
    ++i;
  } else if (!NextUnit(s, &i, fold_, &cp, unit, &len)) {
    return 0;
  }
  const int16_t first = impl_->root[static_cast<unsigned char>(unit[0])];
  if (first < 0) return 0;
  const auto& [state, first_result] = impl_->after_root[static_cast<std::size_t>(first)];
  // The second byte, when it is known without folding a code point, must
  // continue some key (unless a one-byte key has matched already).
  if (len > 1) {
    if (!impl_->CanFollow(static_cast<std::size_t>(first), static_cast<unsigned char>(unit[1]))) return 0;
  } else if (!USTRINGTRIE_HAS_VALUE(first_result)) {
    if (i >= s.size()) return 0;
    auto b = static_cast<unsigned char>(s[i]);
    if ((b < 0x80 || !fold_ || FoldStableLeads()[b]) &&
        !impl_->CanFollow(static_cast<std::size_t>(first), static_cast<unsigned char>(FoldAscii(b, fold_)))) {
      return 0;
    }
  }
  icu::BytesTrie t(*impl_->trie);
  t.resetToState(state);
  UStringTrieResult r = first_result;
  for (int32_t k = 1; k < len; ++k) {
    if (r == USTRINGTRIE_FINAL_VALUE) return 0;  // the key ended inside the code point
    r = t.next(static_cast<unsigned char>(unit[k]));
    if (!USTRINGTRIE_MATCHES(r)) return 0;
  }
  std::size_t best = 0;
  for (;;) {
    if (USTRINGTRIE_HAS_VALUE(r)) {
      best = i;
      if (value != nullptr) *value = t.getValue();
    }
    if (r == USTRINGTRIE_FINAL_VALUE || i >= s.size()) break;
    if (auto b = static_cast<unsigned char>(s[i]); b < 0x80) {
      r = t.next(static_cast<unsigned char>(FoldAscii(b, fold_)));
      ++i;
      if (!USTRINGTRIE_MATCHES(r)) break;
    } else {
      if (!NextUnit(s, &i, fold_, &cp, unit, &len)) break;
      bool matched = true;
      for (int32_t k = 0; k < len && matched; ++k) {
        if (k > 0 && r == USTRINGTRIE_FINAL_VALUE) {
          matched = false;
          break;
        }
        r = t.next(static_cast<unsigned char>(unit[k]));
        matched = USTRINGTRIE_MATCHES(r);
      }
      if (!matched) break;
    }
  }
  return best;
}

std::string SurfacePattern(std::string_view surface) {
  bool has_letters = false;
  for (char c : surface) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) has_letters = true;
  }
  std::string out;
  for (std::size_t i = 0; i < surface.size();) {
    std::size_t len;
    char32_t c = CodePointAt(surface, i, &len);
    std::string_view ch = surface.substr(i, len);
    i += len;
    if (c == ' ') {
      out += " ?";
    } else if (c == '-' && has_letters) {
      out += "[- ]?";
    } else {
      out += RE2::QuoteMeta(re2::StringPiece(ch.data(), ch.size()));
    }
    if (IsCjk(c) && i < surface.size()) {
      std::size_t next_len;
      if (IsCjk(CodePointAt(surface, i, &next_len))) out += " ?";
    }
  }
  return out;
}

void AddFirstBytes(std::string_view surface, bool fold, std::bitset<256>* set) {
  if (surface.empty()) return;
  bool has_letters = false;
  for (char c : surface) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) has_letters = true;
  }
  std::size_t i = 0;
  // A leading space or hyphen is optional in the pattern: the next character
  // may start the match too.
  while (i < surface.size() && (surface[i] == ' ' || (surface[i] == '-' && has_letters))) {
    set->set(static_cast<unsigned char>(surface[i]));
    if (surface[i] == '-') set->set(' ');
    ++i;
  }
  if (i >= surface.size()) return;
  std::size_t len;
  CodePointAt(surface, i, &len);
  std::string first(surface.substr(i, len));
  set->set(static_cast<unsigned char>(first[0]));
  if (!fold) return;
  // Every case variant of the first character (RE2 folds case the same way).
  std::size_t cp_len;
  auto cp = static_cast<UChar32>(CodePointAt(first, 0, &cp_len));
  for (UChar32 v : {u_toupper(cp), u_tolower(cp), u_totitle(cp), u_foldCase(cp, U_FOLD_CASE_DEFAULT)}) {
    char bytes[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(bytes, n, 4, v, error);
    if (!error && n > 0) set->set(static_cast<unsigned char>(bytes[0]));
  }
  // RE2 also folds 'k' with U+212A KELVIN SIGN and 's' with U+017F LONG S.
  unsigned char b = static_cast<unsigned char>(first[0]);
  if (b == 'k' || b == 'K') set->set(0xE2);
  if (b == 's' || b == 'S') set->set(0xC5);
}

std::string WordStart(const std::string& pattern) {
  if (pattern.empty()) return pattern;
  char c = pattern[0];
  bool ascii_word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return ascii_word ? "\\b" + pattern : pattern;
}

std::string SurfaceKey(std::string_view text, bool case_sensitive) {
  bool has_letters = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) has_letters = true;
  }
  std::string key;
  key.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || (c == '-' && has_letters)) continue;
    key.push_back(c);
  }
  return case_sensitive ? key : FoldCase(key);
}

RE2::Options FigureRegexOptions() {
  RE2::Options opt;
  opt.set_encoding(RE2::Options::EncodingUTF8);
  opt.set_longest_match(true);
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  return opt;
}

}  // namespace newsfacts::figures_internal
