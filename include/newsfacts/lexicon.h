// newsfacts/lexicon.h — the data files (lexicons) that drive extraction.
//
// Lexicons are plain UTF-8 text files under extract/lexicons/ (TSV, one entry
// per line, '#' starts a comment line). They are compiled into the binary, so
// newsfacts runs from any directory, and users extend them without
// recompiling: every directory named by SetLexiconDirs() (the CLI's
// --lexicons DIR flag) or by the NEWSFACTS_LEXICONS environment variable
// (colon-separated) may hold a file of the same name whose lines are appended
// after the built-in ones. Later lines win where a lexicon's entries collide.
//
//   std::string entities = LoadLexicon("entities.tsv");
//   ForEachTsvRow(entities, [](const std::vector<std::string_view>& cols) {...});
//
// Thread-safety: SetLexiconDirs must be called before extraction starts;
// everything else is reentrant.
#ifndef NEWSFACTS_LEXICON_H_
#define NEWSFACTS_LEXICON_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts {

// The built-in copy of extract/lexicons/<name>, or "" if there is none.
std::string_view EmbeddedLexicon(std::string_view name);

// Names of all built-in lexicons ("currencies.tsv", ...), sorted.
std::vector<std::string> EmbeddedLexiconNames();

// Extra directories searched for user lexicons (in addition to
// $NEWSFACTS_LEXICONS). Replaces any earlier call's list.
void SetLexiconDirs(std::vector<std::string> dirs);

// Built-in contents of `name` followed by every user file of that name.
std::string LoadLexicon(std::string_view name);

// Calls `row` for each non-empty, non-comment line of `tsv`, split on TAB,
// with fields trimmed of surrounding spaces. Line numbers start at 1.
void ForEachTsvRow(std::string_view tsv,
                   const std::function<void(const std::vector<std::string_view>& cols,
                                            int line_no)>& row);

}  // namespace newsfacts

#endif  // NEWSFACTS_LEXICON_H_
