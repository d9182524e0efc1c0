#include "jsonoutput.h"

#include "crosstab.h"
#include "findings.h"

namespace Triage::Cli {

namespace {

Json checksJson(const QVector<FindingCheck> &checks)
{
    Json array = Json::array();
    for (const FindingCheck &check : checks)
        array.push_back({{"rule", utf8(check.description)}, {"passed", check.passed}});
    return array;
}

Json matrixJson(const std::vector<std::vector<double>> &matrix)
{
    Json rows = Json::array();
    for (const auto &row : matrix)
        rows.push_back(row); // NaN becomes null when dumped
    return rows;
}

void addTest(Json &object, const Statistics::ChiSquare &test)
{
    object["chi2"] = test.statistic;
    object["dof"] = test.dof;
    object["p"] = test.p;
    object["cramers_v"] = test.cramersV;
}

} // namespace

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json toJson(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &item : list)
        array.push_back(utf8(item));
    return array;
}

Json toJson(const Crosstab &table)
{
    Json counts = Json::array();
    for (int i = 0; i < table.rowCount(); ++i) {
        Json row = Json::array();
        for (int j = 0; j < table.columnCount(); ++j)
            row.push_back(table.count(i, j));
        counts.push_back(std::move(row));
    }
    return {{"rows", toJson(table.rowLabels())},
            {"cols", toJson(table.columnLabels())},
            {"counts", std::move(counts)},
            {"total", table.total()}};
}

Json toJson(const Findings &findings)
{
    const DivergenceFinding &d = findings.divergence;
    Json divergence = toJson(d.table);
    addTest(divergence, d.test);
    Json topCauses = Json::array();
    for (const TopLabel &top : d.topCauses)
        topCauses.push_back({{"symptom", utf8(top.of)},
                             {"cause", utf8(top.label)},
                             {"count", top.count},
                             {"share", top.share}});
    divergence["top_causes"] = std::move(topCauses);
    divergence["tokenizer_top_symptom"] = {{"symptom", utf8(d.tokenizerTopSymptom.label)},
                                           {"count", d.tokenizerTopSymptom.count},
                                           {"share", d.tokenizerTopSymptom.share}};
    divergence["holds"] = holds(d.checks);
    divergence["checks"] = checksJson(d.checks);

    const HomogeneityFinding &h = findings.homogeneity;
    Json homogeneity = {{"series", toJson(h.series)},
                        {"symptom_pearson", matrixJson(h.symptomPearson)},
                        {"cause_pearson", matrixJson(h.causePearson)}};
    Json seriesTop = Json::array();
    for (const TopLabel &top : h.topCauses)
        seriesTop.push_back({{"series", utf8(top.of)},
                             {"cause", utf8(top.label)},
                             {"count", top.count},
                             {"share", top.share}});
    homogeneity["top_causes"] = std::move(seriesTop);
    homogeneity["holds"] = holds(h.checks);
    homogeneity["checks"] = checksJson(h.checks);

    const EscalationFinding &e = findings.escalation;
    Json stages = Json::object();
    for (int i = 0; i < e.table.rowCount(); ++i) {
        Json causes = Json::array();
        const qint64 total = e.table.rowTotal(i);
        for (int j = 0; j < e.table.columnCount(); ++j) {
            if (e.table.count(i, j) == 0)
                continue;
            causes.push_back({{"cause", utf8(e.table.columnLabels()[j])},
                              {"count", e.table.count(i, j)},
                              {"share", Statistics::share(double(e.table.count(i, j)), double(total))}});
        }
        std::stable_sort(causes.begin(), causes.end(), [](const Json &a, const Json &b) {
            return a["count"].get<qint64>() > b["count"].get<qint64>();
        });
        stages[utf8(e.table.rowLabels()[i])] = {{"total", total}, {"causes", std::move(causes)}};
    }
    Json escalation = {{"stages", std::move(stages)}};
    addTest(escalation, e.test);
    escalation["holds"] = holds(e.checks);
    escalation["checks"] = checksJson(e.checks);

    return {{"divergence", std::move(divergence)},
            {"homogeneity", std::move(homogeneity)},
            {"escalation", std::move(escalation)}};
}

QString dumpLine(const Json &json)
{
    return QString::fromStdString(json.dump(-1, ' ', false, Json::error_handler_t::replace))
        + QLatin1Char('\n');
}

} // namespace Triage::Cli
