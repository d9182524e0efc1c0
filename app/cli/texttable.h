#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace Triage::Cli {

// A plain-text table for the terminal: columns padded to their widest cell, numbers aligned
// right, an optional rule under the header.
class TextTable
{
public:
    explicit TextTable(const QStringList &header);
    void addRow(const QStringList &cells);
    void addRule();
    void setRightAligned(int column, bool right = true);
    QString toString() const;

private:
    QStringList m_header;
    QVector<QStringList> m_rows; // an empty row is a rule
    QVector<bool> m_right;
};

} // namespace Triage::Cli
