#include "texttable.h"

#include <algorithm>

namespace Triage::Cli {

TextTable::TextTable(const QStringList &header)
    : m_header(header)
    , m_right(header.size(), false)
{
}

void TextTable::addRow(const QStringList &cells)
{
    m_rows.append(cells);
}

void TextTable::addRule()
{
    m_rows.append(QStringList());
}

void TextTable::setRightAligned(int column, bool right)
{
    m_right[column] = right;
}

QString TextTable::toString() const
{
    QVector<qsizetype> widths(m_header.size(), 0);
    const auto measure = [&](const QStringList &cells) {
        for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], cells[i].size());
    };
    measure(m_header);
    for (const QStringList &row : m_rows)
        measure(row);

    const auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            if (i > 0)
                text += QStringLiteral("  ");
            const bool last = i == widths.size() - 1;
            text += m_right[i] ? cell.rightJustified(widths[i])
                               : (last ? cell : cell.leftJustified(widths[i]));
        }
        return text + QLatin1Char('\n');
    };
    qsizetype totalWidth = 2 * (widths.size() - 1);
    for (qsizetype w : widths)
        totalWidth += w;

    QString text = line(m_header) + QString(totalWidth, QLatin1Char('-')) + QLatin1Char('\n');
    for (const QStringList &row : m_rows)
        text += row.isEmpty() ? QString(totalWidth, QLatin1Char('-')) + QLatin1Char('\n') : line(row);
    return text;
}

} // namespace Triage::Cli
