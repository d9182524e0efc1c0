#pragma once

#include "jsonrecordreader.h"
#include "record.h"

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

namespace Triage {

// A record that passed every rule, its labels as codes into the validator's dictionaries.
struct CodedRecord
{
    qint64 number = 0;
    qint64 issue = 0;
    qint64 offset = 0; // where its text is in the file, for messages and conflicts
    qint64 length = 0;
    std::array<quint32, RecordLabelCount> labels{}; // indexed by LabelKind (Model .. Repo)
    qint32 extra = -1;                              // index into extras(), -1 for none
};

// Applies the import rules to the records of one file and dictionary-codes what passes, so
// that each distinct label is checked once per file and a million records carry a few dozen
// strings. One validator per file (and so per thread).
class RecordValidator
{
public:
    // True when the record is accepted (then *out holds it); otherwise *problem says every
    // rule it breaks. *warning is set for what was accepted but changed (a stage spelling).
    bool validate(const RawRecord &raw, CodedRecord *out, std::string *problem,
                  std::string *warning);

    // The texts by code, of refused records too: the importer adds a text to the workspace's
    // label table only when an accepted record uses it.
    const std::vector<std::string> &labels(LabelKind kind) const;
    const std::vector<std::string> &extras() const { return m_extras; }

private:
    struct Dictionary
    {
        std::vector<std::string> texts;
        std::vector<std::string> problems; // per code; empty when the text is acceptable
        std::unordered_map<std::string, quint32> codes;
    };

    // The code of `text` in the kind's dictionary, checking it against the rules the first
    // time it is seen; returns the problem, if any.
    const std::string &code(LabelKind kind, RecordKey key, const std::string &text,
                            quint32 *out);

    std::array<Dictionary, RecordLabelCount> m_dictionaries;
    std::vector<std::string> m_extras;
    std::string m_repoBuffer;
};

} // namespace Triage
