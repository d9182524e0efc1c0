#pragma once

#include <QCollator>
#include <QString>

namespace Triage {

// The order people expect for labels and ids: case-insensitive, numbers by value ("#2" before
// "#10"). One collator for every sorted list and column, so they all agree.
class NaturalOrder
{
public:
    NaturalOrder()
    {
        m_collator.setNumericMode(true);
        m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    }
    bool operator()(const QString &a, const QString &b) const { return m_collator.compare(a, b) < 0; }
    int compare(const QString &a, const QString &b) const { return m_collator.compare(a, b); }

private:
    QCollator m_collator;
};

} // namespace Triage
