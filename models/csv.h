#pragma once

#include <QString>
#include <QStringList>

// RFC 4180, as spreadsheet programs read it: cells joined by commas, CRLF after each record,
// a cell quoted when it holds a comma, a quote or a line break, quotes inside doubled.
namespace Triage::Csv {

QString cell(const QString &text);
QString line(const QStringList &cells);

} // namespace Triage::Csv
