#include "findingstracker.h"

#include "workspace.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

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

double lowestPearson(const std::vector<std::vector<double>> &matrix)
{
    double lowest = 1;
    for (size_t a = 0; a < matrix.size(); ++a) {
        for (size_t b = a + 1; b < matrix.size(); ++b) {
            if (!std::isnan(matrix[a][b]))
                lowest = std::min(lowest, matrix[a][b]);
        }
    }
    return lowest;
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
    const std::optional<quint32> row = index.rowOf(first.rid);
    const QString id = row ? index.id(*row) : QString::number(first.rid);
    if (edits.size() == 1)
        return tr("%1: %2 \u201c%3\u201d \u2192 \u201c%4\u201d by %5")
            .arg(id, editFieldName(first.field), first.oldValue, first.newValue, first.annotator);
    return tr("%1 records: %2 \u2192 \u201c%3\u201d by %4")
        .arg(QLocale().toString(edits.size()), editFieldName(first.field), first.newValue, first.annotator);
}

void FindingsTracker::update(const RecordIndex &index, const QVector<AppliedEdit> &edits)
{
    m_findings = Findings::compute(index, index.allRows());
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
            .arg(QString::number(lowestPearson(h.symptomPearson), 'f', 2),
                 QString::number(lowestPearson(h.causePearson), 'f', 2),
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
