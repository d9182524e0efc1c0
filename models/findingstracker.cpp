#include "findingstracker.h"

#include "workspace.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>

#include <cmath>
#include <limits>

namespace Triage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FindingsTracker", text);
}

QString pValue(double p)
{
    return std::isnan(p) ? QStringLiteral("n/a") : QString::number(p, 'g', 2);
}

TopLabel topOf(const QVector<TopLabel> &tops, const QString &of)
{
    for (const TopLabel &top : tops) {
        if (top.of == of)
            return top;
    }
    return TopLabel{of, QString(), 0, 0};
}

// The lowest r between two series as text; "n/a" without a pair or when one is undefined,
// as the rule itself reports it (a card must not say 1.00 beside "does not hold").
QString lowestPearson(const std::vector<std::vector<double>> &matrix)
{
    double lowest = std::numeric_limits<double>::quiet_NaN();
    for (size_t a = 0; a < matrix.size(); ++a) {
        for (size_t b = a + 1; b < matrix.size(); ++b) {
            if (std::isnan(matrix[a][b]))
                return QStringLiteral("n/a");
            if (std::isnan(lowest) || matrix[a][b] < lowest)
                lowest = matrix[a][b];
        }
    }
    return std::isnan(lowest) ? QStringLiteral("n/a") : QString::number(lowest, 'f', 2);
}

} // namespace

QString FindingsTracker::name(Which which)
{
    switch (which) {
    case Divergence:
        return tr("Diagnostic divergence");
    case Homogeneity:
        return tr("Systemic homogeneity");
    case Escalation:
        return tr("Lifecycle escalation");
    }
    return {};
}

const QVector<FindingCheck> &FindingsTracker::checks(Which which) const
{
    switch (which) {
    case Divergence:
        return m_findings.divergence.checks;
    case Homogeneity:
        return m_findings.homogeneity.checks;
    default:
        return m_findings.escalation.checks;
    }
}

bool FindingsTracker::holds(Which which) const
{
    return Triage::holds(checks(which));
}

QString FindingsTracker::describe(const RecordIndex &index, const QVector<AppliedEdit> &edits)
{
    if (edits.isEmpty())
        return tr("the records read from the workspace");
    const AppliedEdit &first = edits.constFirst();
    QSet<qint64> records;
    QStringList fields;
    QSet<QString> newValues;
    for (const AppliedEdit &e : edits) {
        records.insert(e.rid);
        if (!fields.contains(editFieldName(e.field)))
            fields.append(editFieldName(e.field));
        newValues.insert(e.newValue);
    }
    if (records.size() == 1) { // one record, maybe several of its fields: name each change
        const std::optional<quint32> row = index.rowOf(first.rid);
        QStringList changes;
        for (const AppliedEdit &e : edits)
            changes.append(tr("%1 \u201c%2\u201d \u2192 \u201c%3\u201d").arg(editFieldName(e.field), e.oldValue, e.newValue));
        return tr("%1: %2 by %3")
            .arg(row ? index.id(*row) : QString::number(first.rid), changes.join(QStringLiteral("; ")), first.annotator);
    }
    const QString count = QLocale().toString(qint64(records.size()));
    if (fields.size() == 1 && newValues.size() == 1)
        return tr("%1 records: %2 \u2192 \u201c%3\u201d by %4").arg(count, fields.constFirst(), first.newValue, first.annotator);
    return tr("%1 records: %2 changed by %3").arg(count, fields.join(QStringLiteral(", ")), first.annotator);
}

void FindingsTracker::update(const RecordIndex &index, const QVector<AppliedEdit> &edits)
{
    m_findings = Findings::compute(index, index.allRows());
    m_records = qint64(index.size());
    for (int w = 0; w < Count; ++w) {
        const bool now = holds(Which(w));
        if (m_computed && now != m_holds[size_t(w)])
            m_flipNotes[size_t(w)] = (now ? tr("Holds again since %1") : tr("No longer holds since %1"))
                                         .arg(describe(index, edits));
        m_holds[size_t(w)] = now;
    }
    m_computed = true;
}

QString FindingsTracker::statement(Which which) const
{
    const FindingRules rules;
    switch (which) {
    case Divergence: {
        const DivergenceFinding &d = m_findings.divergence;
        const TopLabel crash = topOf(d.topCauses, rules.crash);
        const int crashRow = d.table.rowOf(rules.crash);
        const qint64 crashes = crashRow < 0 ? 0 : d.table.rowTotal(crashRow);
        return tr("Crashes point at the environment (%1: %2 of %3 crashes, %4), wrong output at "
                  "tokenizers (%5 of tokenizer causes show as %6); \u03c7\u00b2 p = %7, V = %8.")
            .arg(crash.label.isEmpty() ? tr("none") : crash.label, QLocale().toString(crash.count),
                 QLocale().toString(crashes), Statistics::formatShare(crash.share),
                 Statistics::formatShare(d.tokenizerTopSymptom.share),
                 d.tokenizerTopSymptom.label.isEmpty() ? tr("none") : d.tokenizerTopSymptom.label, pValue(d.test.p),
                 std::isnan(d.test.cramersV) ? QStringLiteral("n/a") : QString::number(d.test.cramersV, 'f', 2));
    }
    case Homogeneity: {
        const HomogeneityFinding &h = m_findings.homogeneity;
        return tr("The %1 series fail alike: lowest correlation between two of them %2 over symptom "
                  "categories and %3 over cause categories; each fails most on %4.")
            .arg(h.series.size())
            .arg(lowestPearson(h.symptomPearson), lowestPearson(h.causePearson),
                 h.topCauses.isEmpty() ? tr("nothing") : h.topCauses.constFirst().label);
    }
    case Escalation: {
        const EscalationFinding &e = m_findings.escalation;
        const TopLabel ft = topOf(e.topCauses, rules.fineTuning);
        const TopLabel inf = topOf(e.topCauses, rules.inference);
        return tr("Fine-tuning fails most on %1 (%2 of its records), inference on %3 (%4); stage and "
                  "cause \u03c7\u00b2 p = %5.")
            .arg(ft.label.isEmpty() ? tr("nothing") : ft.label, Statistics::formatShare(ft.share),
                 inf.label.isEmpty() ? tr("nothing") : inf.label, Statistics::formatShare(inf.share), pValue(e.test.p));
    }
    }
    return {};
}

} // namespace Triage
