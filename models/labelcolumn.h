#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Triage {

// One dictionary-coded column of the index: a small integer per record and the distinct texts.
// A label column also has views cut at each level: level L maps every value code to the code
// of its level-L label, so a filter or a count at any level is one table lookup per record,
// and a relabel changes one integer.
class LabelColumn
{
public:
    // How a value reads at a level (1..levels).
    using LevelFunction = std::function<QString(const QString &value, int level)>;

    explicit LabelColumn(int levels = 1, LevelFunction levelOf = {});

    // The code of `value`, adding it (and its level labels) when new.
    quint32 intern(const QString &value);
    std::optional<quint32> find(const QString &value) const;
    const QString &value(quint32 code) const { return m_values[qsizetype(code)]; }
    int valueCount() const { return int(m_values.size()); }

    int levels() const { return m_levels; }
    // Value code -> level code, and the level's labels by level code.
    const std::vector<quint32> &levelMap(int level) const { return m_levelMaps[size_t(level - 1)]; }
    const QStringList &levelLabels(int level) const { return m_levelLabels[size_t(level - 1)]; }
    std::optional<quint32> findLevel(int level, const QString &label) const;

    // The per-record codes. Change one through setCode(), which keeps the counts.
    std::vector<quint32> codes;
    // How many records have each value (by value code).
    qint64 uses(quint32 code) const { return code < m_uses.size() ? m_uses[code] : 0; }
    void countUses();
    void setCode(quint32 row, quint32 code);

private:
    int m_levels;
    LevelFunction m_levelOf;
    QStringList m_values;
    QHash<QString, quint32> m_valueCodes;
    std::vector<std::vector<quint32>> m_levelMaps;
    std::vector<QStringList> m_levelLabels;
    std::vector<QHash<QString, quint32>> m_levelCodes;
    std::vector<qint64> m_uses;
};

} // namespace Triage
