#include "selection.h"

#include <algorithm>
#include <array>
#include <string>

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

// The text search: a label matches through its column's table; ids, links and notes, which
// differ per record, are composed per row only for rows no label matched.
class TextMatcher
{
public:
    TextMatcher(const RecordIndex &index, const QString &text)
        : m_index(index)
        , m_needle(folded(text))
    {
        for (Field field : {Field::Symptom, Field::Cause, Field::Stage, Field::Model,
                            Field::Architecture, Field::Status}) {
            const LabelColumn &column = index.column(field);
            FieldMask mask{&column.codes, {}};
            bool any = false;
            for (int code = 0; code < column.valueCount(); ++code) {
                const bool hit = contains(folded(column.value(quint32(code))), m_needle);
                mask.accepts.push_back(hit);
                any = any || hit;
            }
            if (any)
                m_labelMasks.push_back(std::move(mask));
        }
        const LabelColumn &models = index.column(Field::Model);
        for (int code = 0; code < models.valueCount(); ++code)
            m_idPrefixes.push_back(folded(models.value(quint32(code))) + '#');
        const LabelColumn &repos = index.column(Field::Series);
        for (int code = 0; code < repos.valueCount(); ++code)
            m_linkPrefixes.push_back(folded(QStringLiteral("https://github.com/")
                                            + repos.value(quint32(code))
                                            + QStringLiteral("/issues/")));
        for (auto it = index.notes().cbegin(); it != index.notes().cend(); ++it) {
            if (contains(folded(it.value()), m_needle))
                m_noteRids.push_back(it.key());
        }
        std::sort(m_noteRids.begin(), m_noteRids.end());
        // A needle without a digit cannot reach into an id's or a link's number: it matches
        // within the text before it, the same for every record of that model or repository.
        m_digitFree = std::none_of(m_needle.begin(), m_needle.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
        if (m_digitFree) {
            for (const std::string &prefix : m_idPrefixes)
                m_idPrefixHits.push_back(contains(prefix, m_needle));
            for (const std::string &prefix : m_linkPrefixes)
                m_linkPrefixHits.push_back(contains(prefix, m_needle));
        }
    }

    bool operator()(quint32 row)
    {
        for (const FieldMask &mask : m_labelMasks) {
            if (mask.accepts[(*mask.codes)[row]])
                return true;
        }
        if (m_digitFree) {
            return m_idPrefixHits[m_index.column(Field::Model).codes[row]]
                || m_linkPrefixHits[m_index.column(Field::Series).codes[row]]
                || std::binary_search(m_noteRids.begin(), m_noteRids.end(), m_index.rid(row));
        }
        const std::string number = std::to_string(m_index.number(row));
        m_buffer = m_idPrefixes[m_index.column(Field::Model).codes[row]];
        m_buffer += number;
        if (contains(m_buffer, m_needle))
            return true;
        m_buffer = m_linkPrefixes[m_index.column(Field::Series).codes[row]];
        m_buffer += std::to_string(m_index.issue(row));
        if (contains(m_buffer, m_needle))
            return true;
        return std::binary_search(m_noteRids.begin(), m_noteRids.end(), m_index.rid(row));
    }

private:
    const RecordIndex &m_index;
    std::string m_needle;
    std::vector<FieldMask> m_labelMasks;
    std::vector<std::string> m_idPrefixes;
    std::vector<std::string> m_linkPrefixes;
    std::vector<qint64> m_noteRids;
    bool m_digitFree = false;
    std::vector<char> m_idPrefixHits;   // by model code, when m_digitFree
    std::vector<char> m_linkPrefixHits; // by repository code, when m_digitFree
    std::string m_buffer;
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
