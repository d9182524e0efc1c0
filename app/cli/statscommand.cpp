#include "commandline.h"
#include "commands.h"
#include "jsonoutput.h"
#include "texttable.h"

#include "crosstab.h"
#include "csv.h"
#include "recordindex.h"
#include "selection.h"
#include "statistics.h"
#include "workspace.h"

namespace Triage::Cli {

namespace {

QString formatTable(const Crosstab &table)
{
    QStringList header{table.rowField().toString()};
    const bool twoWay = table.columnField().has_value();
    if (twoWay)
        header += table.columnLabels() + QStringList{QStringLiteral("total")};
    else
        header += QStringList{QStringLiteral("count"), QStringLiteral("share")};
    TextTable text(header);
    for (int j = 1; j < int(header.size()); ++j)
        text.setRightAligned(j);
    for (int i = 0; i < table.rowCount(); ++i) {
        QStringList row{table.rowLabels()[i]};
        for (int j = 0; j < table.columnCount(); ++j)
            row.append(QString::number(table.count(i, j)));
        if (twoWay)
            row.append(QString::number(table.rowTotal(i)));
        else
            row.append(Statistics::formatShare(Statistics::share(double(table.rowTotal(i)), double(table.total()))));
        text.addRow(row);
    }
    text.addRule();
    QStringList total{QStringLiteral("total")};
    if (twoWay) {
        for (int j = 0; j < table.columnCount(); ++j)
            total.append(QString::number(table.columnTotal(j)));
        total.append(QString::number(table.total()));
    } else {
        total += QStringList{QString::number(table.total()), Statistics::formatShare(table.total() > 0 ? 1.0 : 0.0)};
    }
    text.addRow(total);
    return text.toString();
}

QString formatCsv(const Crosstab &table)
{
    QString text = Csv::line(QStringList{table.rowField().toString()} + table.columnLabels());
    for (int i = 0; i < table.rowCount(); ++i) {
        QStringList row{table.rowLabels()[i]};
        for (int j = 0; j < table.columnCount(); ++j)
            row.append(QString::number(table.count(i, j)));
        text += Csv::line(row);
    }
    return text;
}

} // namespace

int runStats(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("stats"),
                   QStringLiteral("Counts records by one field, or by two against each other. "
                                  "Fields: symptom (levels 1-3), cause (1-2), stage, series, "
                                  "model, architecture, status; level 1 by default. A label at "
                                  "level L is its first L parts joined by \" - \"."),
                   arguments);
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("The row field."),
                                        QStringLiteral("FIELD[:LEVEL]"));
    const QCommandLineOption colsOption(QStringLiteral("cols"),
                                        QStringLiteral("The column field (optional)."),
                                        QStringLiteral("FIELD[:LEVEL]"));
    cl.parser().addOption(rowsOption);
    cl.parser().addOption(colsOption);
    cl.addWhereOption();
    cl.addFormatOption({QStringLiteral("table"), QStringLiteral("csv"), QStringLiteral("json")},
                       QStringLiteral("table"));
    if (const auto stop = cl.parse(0, 0))
        return *stop;
    if (!cl.parser().isSet(rowsOption))
        return cl.usageError(QStringLiteral("--rows FIELD[:LEVEL] is required"));
    QString error;
    const std::optional<FieldLevel> rows = FieldLevel::parse(cl.parser().value(rowsOption), &error);
    if (!rows)
        return cl.usageError(QStringLiteral("--rows: ") + error);
    std::optional<FieldLevel> cols;
    if (cl.parser().isSet(colsOption)) {
        cols = FieldLevel::parse(cl.parser().value(colsOption), &error);
        if (!cols)
            return cl.usageError(QStringLiteral("--cols: ") + error);
    }
    const std::optional<Filter> filter = cl.filter();
    if (!filter)
        return ExitUsage;

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    RecordIndex index;
    index.build(*workspace);
    cl.warnAboutUnknownValues(index, *filter);
    const Crosstab table = Crosstab::compute(index, select(index, *filter), *rows, cols);

    if (cl.format() == QLatin1String("json"))
        cl.out() << dumpLine(toJson(table));
    else if (cl.format() == QLatin1String("csv"))
        cl.out() << formatCsv(table);
    else
        cl.out() << formatTable(table);
    return ExitOk;
}

} // namespace Triage::Cli
