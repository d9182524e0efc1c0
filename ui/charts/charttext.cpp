#include "charttext.h"

#include <QCoreApplication>
#include <QLocale>

namespace Triage::ChartText {

QString records(qint64 count)
{
    return count == 1 ? QCoreApplication::translate("ChartText", "1 record")
                      : QCoreApplication::translate("ChartText", "%1 records").arg(QLocale().toString(count));
}

QString noRecords()
{
    return QCoreApplication::translate("ChartText", "No records under the current filter");
}

} // namespace Triage::ChartText
