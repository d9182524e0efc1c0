#include "selection.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace Triage {

namespace {

struct FieldMask
{
    const std::vector<quint32> *codes = nullptr;
    std::vector<char> accepts; // by value code
};

std::string folded(const QString &text)
{
    return text.toCaseFolded().toStdString();
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

// Ids and links are a text shared by every record of a model or repository ("qwen2.5#",
// "https://github.com/qwenlm/qwen/issues/") followed by the record's own number. A needle
// matches inside that prefix, across its end (a tail of the prefix, then the number's leading
// digits) or inside the digits. The first two are settled once per prefix, so a row costs one
// integer formatting into a stack buffer, not two strings composed on the heap.
class NumberedTextMatcher
{
public:
    NumberedTextMatcher(const std::vector<std::string> &prefixes, const std::string &needle)
        : m_needle(needle)
        , m_allDigits(!needle.empty() && std::all_of(needle.begin(), needle.end(), isDigit))
    {
        for (const std::string &prefix : prefixes) {
            Prefix p;
            p.hit = contains(prefix, needle);
            for (size_t split = 1; split < needle.size(); ++split) {
                const std::string_view head(needle.data(), split);
                const std::string_view digits(needle.data() + split, needle.size() - split);
                if (std::all_of(digits.begin(), digits.end(), isDigit) && endsWith(prefix, head))
                    p.leadingDigits.emplace_back(digits);
            }
            m_prefixes.push_back(std::move(p));
        }
    }

    bool operator()(quint32 prefixCode, qint64 number) const
    {
        const Prefix &p = m_prefixes[prefixCode];
        if (p.hit)
            return true;
        if (p.leadingDigits.empty() && !m_allDigits)
            return false;
        char buffer[24];
        const std::to_chars_result end = std::to_chars(buffer, buffer + sizeof buffer, number);
        const std::string_view digits(buffer, size_t(end.ptr - buffer));
        for (const std::string &leading : p.leadingDigits) {
            if (digits.substr(0, leading.size()) == leading)
                return true;
        }
        return m_allDigits && digits.find(m_needle) != std::string_view::npos;
    }

private:
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }
    static bool endsWith(const std::string &text, std::string_view tail)
    {
        return text.size() >= tail.size()
            && std::string_view(text).substr(text.size() - tail.size()) == tail;
    }

    struct Prefix
    {
        bool hit = false;                       // the needle lies inside the prefix
        std::vector<std::string> leadingDigits; // or ends the prefix and goes on with these
    };
    std::string m_needle;
    bool m_allDigits;
    std::vector<Prefix> m_prefixes; // by model or repository code
};

// The text search: a label matches through its column's table, an id or link through its
// prefix and number, a note through the sorted list of records whose note matched.
class TextMatcher
{
public:
    TextMatcher(const RecordIndex &index, const QString &text)
        : m_index(index)
        , m_models(index.column(Field::Model).codes)
        , m_repositories(index.column(Field::Series).codes)
    {
        const std::string needle = folded(text);
        for (Field field : {Field::Symptom, Field::Cause, Field::Stage, Field::Model,
                            Field::Architecture, Field::Status}) {
            const LabelColumn &column = index.column(field);
            FieldMask mask{&column.codes, {}};
            bool any = false;
            for (int code = 0; code < column.valueCount(); ++code) {
                const bool hit = contains(folded(column.value(quint32(code))), needle);
                mask.accepts.push_back(hit);
                any = any || hit;
            }
            if (any)
                m_labelMasks.push_back(std::move(mask));
        }
        std::vector<std::string> idPrefixes;
        const LabelColumn &models = index.column(Field::Model);
        for (int code = 0; code < models.valueCount(); ++code)
            idPrefixes.push_back(folded(models.value(quint32(code))) + '#');
        std::vector<std::string> linkPrefixes;
        const LabelColumn &repos = index.column(Field::Series);
        for (int code = 0; code < repos.valueCount(); ++code)
            linkPrefixes.push_back(folded(QStringLiteral("https://github.com/")
                                          + repos.value(quint32(code))
                                          + QStringLiteral("/issues/")));
        m_ids.emplace(idPrefixes, needle);
        m_links.emplace(linkPrefixes, needle);
        for (auto it = index.notes().cbegin(); it != index.notes().cend(); ++it) {
            if (contains(folded(it.value()), needle))
                m_noteRids.push_back(it.key());
        }
        std::sort(m_noteRids.begin(), m_noteRids.end());
    }

    bool operator()(quint32 row) const
    {
        for (const FieldMask &mask : m_labelMasks) {
            if (mask.accepts[(*mask.codes)[row]])
                return true;
        }
        return (*m_ids)(m_models[row], m_index.number(row))
            || (*m_links)(m_repositories[row], m_index.issue(row))
            || (!m_noteRids.empty()
                && std::binary_search(m_noteRids.begin(), m_noteRids.end(), m_index.rid(row)));
    }

private:
    const RecordIndex &m_index;
    const std::vector<quint32> &m_models;
    const std::vector<quint32> &m_repositories;
    std::vector<FieldMask> m_labelMasks;
    std::optional<NumberedTextMatcher> m_ids;
    std::optional<NumberedTextMatcher> m_links;
    std::vector<qint64> m_noteRids;
};

CompiledFilter::CompiledFilter(const RecordIndex &index, const Filter &filter)
{
    for (const Condition &condition : filter.conditions) {
        const LabelColumn &column = index.column(condition.on.field);
        const int level = std::clamp(condition.on.level, 1, column.levels());
        std::vector<char> levelAccepts(size_t(column.levelLabels(level).size()), 0);
        for (const QString &value : condition.values) {
            if (const std::optional<quint32> code = column.findLevel(level, value))
                levelAccepts[*code] = 1;
        }
        Mask &mask = m_masks[size_t(condition.on.field)];
        if (!mask.codes) {
            mask.codes = &column.codes;
            mask.accepts.assign(size_t(column.valueCount()), 1);
        }
        const std::vector<quint32> &map = column.levelMap(level);
        for (size_t code = 0; code < mask.accepts.size(); ++code)
            mask.accepts[code] = mask.accepts[code] && levelAccepts[map[code]];
    }
    for (Field field : AllFields) {
        if (m_masks[size_t(field)].codes)
            m_active.push_back(field);
    }
    if (!filter.text.isEmpty())
        m_text = std::make_unique<TextMatcher>(index, filter.text);
}

CompiledFilter::~CompiledFilter() = default;

bool CompiledFilter::passesText(quint32 row)
{
    return !m_text || (*m_text)(row);
}

bool CompiledFilter::passes(quint32 row)
{
    for (Field field : m_active) {
        if (!passesField(field, row))
            return false;
    }
    return passesText(row);
}

RowSet select(const RecordIndex &index, const Filter &filter)
{
    CompiledFilter compiled(index, filter);
    RowSet rows;
    const auto n = quint32(index.size());
    rows.reserve(filter.isEmpty() ? n : n / 4);
    for (quint32 row = 0; row < n; ++row) {
        if (compiled.passes(row))
            rows.push_back(row);
    }
    return rows;
}

} // namespace Triage
