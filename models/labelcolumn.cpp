#include "labelcolumn.h"

namespace Triage {

LabelColumn::LabelColumn(int levels, LevelFunction levelOf)
    : m_levels(levels)
    , m_levelOf(std::move(levelOf))
    , m_levelMaps(size_t(levels))
    , m_levelLabels(size_t(levels))
    , m_levelCodes(size_t(levels))
{
}

quint32 LabelColumn::intern(const QString &value)
{
    const auto found = m_valueCodes.constFind(value);
    if (found != m_valueCodes.cend())
        return *found;
    const auto code = quint32(m_values.size());
    m_values.append(value);
    m_valueCodes.insert(value, code);
    for (int level = 1; level <= m_levels; ++level) {
        const QString label = m_levelOf ? m_levelOf(value, level) : value;
        QHash<QString, quint32> &codes = m_levelCodes[size_t(level - 1)];
        auto it = codes.constFind(label);
        if (it == codes.cend()) {
            it = codes.insert(label, quint32(m_levelLabels[size_t(level - 1)].size()));
            m_levelLabels[size_t(level - 1)].append(label);
        }
        m_levelMaps[size_t(level - 1)].push_back(*it);
    }
    return code;
}

void LabelColumn::countUses()
{
    m_uses.assign(size_t(m_values.size()), 0);
    for (quint32 code : codes)
        ++m_uses[code];
}

void LabelColumn::setCode(quint32 row, quint32 code)
{
    if (m_uses.size() < size_t(m_values.size()))
        m_uses.resize(size_t(m_values.size()), 0);
    --m_uses[codes[row]];
    ++m_uses[code];
    codes[row] = code;
}

std::optional<quint32> LabelColumn::find(const QString &value) const
{
    const auto found = m_valueCodes.constFind(value);
    if (found == m_valueCodes.cend())
        return std::nullopt;
    return *found;
}

std::optional<quint32> LabelColumn::findLevel(int level, const QString &label) const
{
    const QHash<QString, quint32> &codes = m_levelCodes[size_t(level - 1)];
    const auto found = codes.constFind(label);
    if (found == codes.cend())
        return std::nullopt;
    return *found;
}

} // namespace Triage
