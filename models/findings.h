#pragma once

#include "crosstab.h"
#include "recordindex.h"
#include "statistics.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace Triage {

// The labels and thresholds the paper's three findings are judged by (docs/findings.md says
// why each value was chosen).
struct FindingRules
{
    QString crash = QStringLiteral("Crash");
    QString wrongOutput = QStringLiteral("Incorrect Functionality");
    QString environment = QStringLiteral("Environment Compatibility Issues");
    QString tokenizer = QStringLiteral("Tokenizer and Text Processing Issues");
    QString configuration = QStringLiteral("Configuration and Parameter Setting Errors");
    QString fineTuning = QStringLiteral("Fine-tuning");
    QString inference = QStringLiteral("Inference");
    double alpha = 0.05;       // significance level of the chi-squared tests
    double minPearson = 0.3;   // Cohen's lower bound of a medium correlation
};

// One part of a finding's rule, and whether the data meets it now.
struct FindingCheck
{
    QString description;
    bool passed = false;
};

struct TopLabel
{
    QString of;    // the row it is the top of (a symptom category, a series, a stage)
    QString label; // its most frequent label
    qint64 count = 0;
    double share = 0; // count / the row's total
};

// Crashes point at the environment, wrong output at tokenizers.
struct DivergenceFinding
{
    Crosstab table; // symptom category x cause category
    Statistics::ChiSquare test;
    QVector<TopLabel> topCauses; // per symptom category, in table order
    TopLabel tokenizerTopSymptom;
    QVector<FindingCheck> checks;
};

// The three series fail alike.
struct HomogeneityFinding
{
    QStringList series;
    std::vector<std::vector<double>> symptomPearson; // series x series, over symptom categories
    std::vector<std::vector<double>> causePearson;   // series x series, over cause categories
    QVector<TopLabel> topCauses;                     // per series
    QVector<FindingCheck> checks;
};

// Fine-tuning fails on configuration, inference on the environment.
struct EscalationFinding
{
    Crosstab table; // stage x cause category
    Statistics::ChiSquare test;
    QVector<TopLabel> topCauses; // per stage
    QVector<FindingCheck> checks;
};

bool holds(const QVector<FindingCheck> &checks);

struct Findings
{
    DivergenceFinding divergence;
    HomogeneityFinding homogeneity;
    EscalationFinding escalation;

    static Findings compute(const RecordIndex &index, const RowSet &rows,
                            const FindingRules &rules = FindingRules());
    // The homogeneity finding alone (its Pearson matrices are a chart of their own).
    static HomogeneityFinding computeHomogeneity(const RecordIndex &index, const RowSet &rows,
                                                 const FindingRules &rules = FindingRules());
};

} // namespace Triage
