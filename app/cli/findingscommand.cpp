#include "commandline.h"
#include "commands.h"
#include "jsonoutput.h"
#include "texttable.h"

#include "findings.h"
#include "recordindex.h"
#include "selection.h"
#include "workspace.h"

#include <cmath>

namespace Triage::Cli {

namespace {

QString number(double value, int decimals = 3)
{
    return std::isnan(value) ? QStringLiteral("n/a") : QString::number(value, 'f', decimals);
}

QString pValue(double p)
{
    return std::isnan(p) ? QStringLiteral("n/a") : QString::number(p, 'g', 3);
}

QString heading(const QString &name, const QVector<FindingCheck> &checks, const QString &claim)
{
    QString text = name + QStringLiteral(": ")
        + (holds(checks) ? QStringLiteral("holds") : QStringLiteral("does NOT hold")) + QLatin1Char('\n')
        + QStringLiteral("  ") + claim + QLatin1Char('\n');
    for (const FindingCheck &check : checks)
        text += QStringLiteral("  [%1] ").arg(check.passed ? QLatin1Char('x') : QLatin1Char(' '))
            + check.description + QLatin1Char('\n');
    return text;
}

QString testLine(const Statistics::ChiSquare &test)
{
    return QStringLiteral("  chi2 = %1, dof = %2, p = %3, Cramer's V = %4, n = %5\n")
        .arg(number(test.statistic, 2))
        .arg(test.dof)
        .arg(pValue(test.p), number(test.cramersV))
        .arg(test.n);
}

QString matrix(const QStringList &series, const std::vector<std::vector<double>> &values)
{
    TextTable table(QStringList{QString()} + series);
    for (int j = 1; j <= int(series.size()); ++j)
        table.setRightAligned(j);
    for (size_t i = 0; i < values.size(); ++i) {
        QStringList row{series[qsizetype(i)]};
        for (double r : values[i])
            row.append(number(r));
        table.addRow(row);
    }
    QString text;
    for (const QString &line : table.toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        text += QStringLiteral("    ") + line + QLatin1Char('\n');
    return text;
}

QString topCauses(const QString &per, const QVector<TopLabel> &tops)
{
    QString text = QStringLiteral("  Most frequent cause category per %1:\n").arg(per);
    for (const TopLabel &top : tops)
        text += QStringLiteral("    %1: %2 (%3 records, %4)\n")
                    .arg(top.of, top.label)
                    .arg(top.count)
                    .arg(Statistics::formatShare(top.share));
    return text;
}

QString formatTable(const Findings &f)
{
    QString text = heading(QStringLiteral("Diagnostic divergence"), f.divergence.checks,
                           QStringLiteral("Crashes point at the environment, wrong output at "
                                          "tokenizers."));
    text += testLine(f.divergence.test);
    text += topCauses(QStringLiteral("symptom category"), f.divergence.topCauses);

    text += QLatin1Char('\n')
        + heading(QStringLiteral("Systemic homogeneity"), f.homogeneity.checks,
                  QStringLiteral("The model series fail alike."));
    text += QStringLiteral("  Pearson r between the series over symptom categories:\n")
        + matrix(f.homogeneity.series, f.homogeneity.symptomPearson);
    text += QStringLiteral("  Pearson r between the series over cause categories:\n")
        + matrix(f.homogeneity.series, f.homogeneity.causePearson);

    text += QLatin1Char('\n')
        + heading(QStringLiteral("Lifecycle escalation"), f.escalation.checks,
                  QStringLiteral("Fine-tuning fails on configuration, inference on the "
                                 "environment."));
    text += testLine(f.escalation.test);
    text += topCauses(QStringLiteral("stage"), f.escalation.topCauses);
    return text;
}

} // namespace

int runFindings(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("findings"),
                   QStringLiteral("The paper's three findings (diagnostic divergence, systemic "
                                  "homogeneity, lifecycle escalation) with their current numbers "
                                  "and whether each still holds under the current labels; "
                                  "docs/findings.md defines the rules."),
                   arguments);
    cl.addWhereOption();
    cl.addFormatOption({QStringLiteral("table"), QStringLiteral("json")}, QStringLiteral("table"));
    if (const auto stop = cl.parse(0, 0))
        return *stop;
    const std::optional<Filter> filter = cl.filter();
    if (!filter)
        return ExitUsage;

    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    RecordIndex index;
    index.build(*workspace);
    cl.warnAboutUnknownValues(index, *filter);
    const Findings findings = Findings::compute(index, select(index, *filter));
    if (cl.format() == QLatin1String("json"))
        cl.out() << dumpLine(toJson(findings));
    else
        cl.out() << formatTable(findings);
    return ExitOk;
}

} // namespace Triage::Cli
