// app/output.h — how the CLI prints facts and tables (JSON lines, CSV, text).
#ifndef NEWSFACTS_APP_OUTPUT_H_
#define NEWSFACTS_APP_OUTPUT_H_

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/facts.h"

namespace newsfacts::cli {

enum class Format { kTable, kJson, kCsv };

// The `facts --json` object (field names are a stable interface).
nlohmann::json FactToJson(const Fact& fact);

// A number as JSON: integral values print without a fraction.
nlohmann::json NumberJson(std::optional<double> v);

// Writes one JSON value on its own line; invalid UTF-8 is replaced.
void WriteJsonLine(std::ostream& out, const nlohmann::json& j);

// RFC 4180 CSV field quoting.
std::string CsvField(const std::string& s);

// Human formatting of a scaled value: 50000000000 -> "50bn", 1200000 -> "1.2m".
std::string HumanNumber(double v);

// Prints rows as an aligned text table; cells longer than `max_width`
// display columns are cut with an ellipsis.
void PrintTable(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, std::size_t max_width = 60);

// True if stderr is a terminal (progress lines are shown only then).
bool StderrIsTerminal();

}  // namespace newsfacts::cli

#endif  // NEWSFACTS_APP_OUTPUT_H_
