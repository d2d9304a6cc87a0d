#include "output.h"

#include <unistd.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace newsfacts::cli {

nlohmann::json NumberJson(std::optional<double> v) {
  if (!v) return nullptr;
  double x = *v;
  if (std::isfinite(x) && std::fabs(x) < 9e15 && x == std::floor(x)) {
    return static_cast<long long>(x);
  }
  return x;
}

nlohmann::json FactToJson(const Fact& f) {
  nlohmann::json j;
  j["entity"] = f.entity;
  j["metric"] = f.metric;
  j["period"] = f.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.period);
  if (!f.period_hint.empty()) j["period_hint"] = f.period_hint;
  j["value"] = NumberJson(f.value);
  j["unit"] = f.unit.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.unit);
  j["change_pct"] = NumberJson(f.change_pct);
  std::string_view q = QualifierName(f.qualifier);
  j["qualifier"] = q.empty() ? nlohmann::json(nullptr) : nlohmann::json(q);
  j["low"] = NumberJson(f.low);
  j["high"] = NumberJson(f.high);
  nlohmann::json alt = nlohmann::json::array();
  for (const AltValue& a : f.alt) alt.push_back({{"value", NumberJson(a.value)}, {"unit", a.unit}});
  j["alt"] = alt;
  j["source"] = f.source;
  j["published"] = f.published.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.published);
  j["lang"] = f.lang.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.lang);
  j["modality"] = ModalityName(f.modality);
  j["evidence"] = f.evidence;
  j["confidence"] = std::round(f.confidence * 1000) / 1000;
  return j;
}

void WriteJsonLine(std::ostream& out, const nlohmann::json& j) {
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string HumanNumber(double v) {
  struct Scale {
    double factor;
    const char* suffix;
  };
  static const Scale kScales[] = {{1e12, "tn"}, {1e9, "bn"}, {1e6, "m"}, {1e3, "k"}};
  char buf[64];
  for (const Scale& s : kScales) {
    if (std::fabs(v) >= s.factor) {
      std::snprintf(buf, sizeof buf, "%.4g%s", v / s.factor, s.suffix);
      return buf;
    }
  }
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

namespace {

// Display width: East Asian wide characters take two columns.
std::size_t DisplayWidth(const std::string& s, std::size_t max_bytes = std::string::npos) {
  std::size_t width = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(std::min(s.size(), max_bytes));
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string Clip(const std::string& s, std::size_t max_width) {
  if (DisplayWidth(s) <= max_width) return s;
  std::string out;
  std::size_t width = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    std::size_t w = (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    if (width + w + 1 > max_width) break;
    out.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    width += w;
  }
  return out + "\u2026";
}

}  // namespace

void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, std::size_t max_width) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header);
  for (const auto& r : rows) {
    std::vector<std::string> clipped;
    for (const auto& c : r) {
      std::string flat = c;
      for (char& ch : flat) {
        if (ch == '\n' || ch == '\t') ch = ' ';
      }
      clipped.push_back(Clip(flat, max_width));
    }
    cells.push_back(std::move(clipped));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& r : cells) {
    for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(r[i]));
    }
  }
  for (std::size_t row = 0; row < cells.size(); ++row) {
    const auto& r = cells[row];
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < r.size() ? r[i] : "";
      line += cell;
      if (i + 1 < widths.size()) line += std::string(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    if (row == 0) {
      std::size_t total = 0;
      for (std::size_t w : widths) total += w + 2;
      out << std::string(total > 2 ? total - 2 : total, '-') << '\n';
    }
  }
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace newsfacts::cli
