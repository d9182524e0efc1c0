#pragma once

#include "record.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

// The rules a record must meet to enter a workspace, on UTF-8 text as the JSON reader hands it
// over. The importer and every edit apply the same rules, so no path lets in what another
// path would refuse.
namespace Triage {

inline constexpr int MaxLabelLength = 256; // characters (code points)
inline constexpr qint64 MaxNumber = 2147483647;
// Unknown fields are kept as compact JSON up to this size. ordered_json, which keeps their order
// for export, finds a key by walking the members: 100,000 of them took minutes to export.
inline constexpr size_t MaxExtraBytes = 65536;

struct IssueLinkParts
{
    std::string_view owner;
    std::string_view repo;
    qint64 number = 0;
};

// Accepts exactly https://github.com/OWNER/REPO/issues/N with a GitHub owner and repository
// name and N from 1 to MaxNumber without leading zeros; anything else is nullopt.
std::optional<IssueLinkParts> parseIssueLink(std::string_view url);

// Why `text` may not be a value of the text field `name` (a label, a model, an annotator's
// name), or an empty string when it may: not empty, no control characters, at most
// MaxLabelLength characters.
std::string textProblem(std::string_view name, std::string_view text);
QString textProblem(const QString &name, const QString &text);

// Why `text` may not be the value of `key` (a string field), or an empty string when it may:
// no control characters, at most MaxLabelLength characters, not empty, and for SYMPTOM 2-3
// and ROOT CAUSE exactly 2 non-empty parts.
std::string labelProblem(RecordKey key, std::string_view text);
QString labelProblem(RecordKey key, const QString &text);
// How many " - " parts a label of `key` has at least and at most (1 and 1 for plain fields).
std::pair<int, int> labelParts(RecordKey key);

// Fine-tuning or Inference for the spellings people use ("inference", "fine tuning",
// "finetuning", "FINE_TUNING", surrounding spaces); nullopt for anything else. *normalised is
// set when the text was not already canonical.
std::optional<QStringView> canonicalStage(std::string_view text, bool *normalised);

// Quotes a value for a message, escaping control characters and characters that show as nothing
// or as a plain space (<U+00A0>), and cutting it to a readable length.
std::string quoteValue(std::string_view text);
// The last `characters` characters of `text`, with "..." before them when it was cut; control
// and invisible characters (as quoteValue) and bytes that are not UTF-8 are written as codes
// (<U+001B>, <0xFF>), so a message quoting what a parser read from a binary file carries no raw
// bytes to a terminal.
std::string printableTail(std::string_view text, size_t characters);

} // namespace Triage
