#pragma once

#include <QString>
#include <QStringList>

// RFC 4180, as spreadsheet programs read it: cells joined by commas, CRLF after each record,
// a cell quoted when it holds a comma, a quote or a line break, quotes inside doubled.
//
// Guarded against formula injection: a spreadsheet runs a cell that starts with '=', '+', '-'
// or '@' (and some first skip a leading tab or carriage return) as a formula, so a label
// "=HYPERLINK(...)" from a stranger's file would run when the export is opened. Such a cell is
// written with a leading apostrophe, which spreadsheets read as "this is text" (OWASP, CSV
// injection). Every CSV the program writes (the record export, `stats --format csv`) goes
// through here; the program never reads CSV back, so nothing has to take the apostrophe off.
// JSON and the upstream layout are written exactly, unguarded: no spreadsheet evaluates them,
// and the upstream export must stay byte-identical.
namespace Triage::Csv {

QString cell(const QString &text);
QString line(const QStringList &cells);

} // namespace Triage::Csv
