#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QVector>

#include <optional>
#include <string_view>

namespace Triage {

// The keys of an upstream record, in the order the dataset writes them.
enum class RecordKey { Number, Link, Status, Symptom, Cause, Stage, Model, Architecture };
inline constexpr int RecordKeyCount = 8;

// "number", "link", ..., "SYMPTOM", "ROOT CAUSE", "STAGE", ...: exactly as upstream spells them.
std::string_view upstreamKey(RecordKey key);
std::optional<RecordKey> recordKeyFromName(std::string_view name);

// The dictionary-coded text columns of a record in the store; the first seven are the
// labels a record carries, Source and Annotator describe where it came from and who edited it.
enum class LabelKind { Model, Status, Symptom, Cause, Stage, Architecture, Repo, Source, Annotator };
inline constexpr int RecordLabelCount = 7; // Model .. Repo
inline constexpr int LabelKindCount = 9;
QString labelKindName(LabelKind kind);

inline constexpr QStringView StageFineTuning = u"Fine-tuning";
inline constexpr QStringView StageInference = u"Inference";

// A link of the only form the dataset uses: https://github.com/OWNER/REPO/issues/N.
struct GitHubIssue
{
    QString owner;
    QString repo;
    qint64 number = 0;

    QString url() const;
    QString repoPath() const { return owner + QLatin1Char('/') + repo; }
    static std::optional<GitHubIssue> parse(QStringView url);
    // From the "owner/repo" text the store keeps.
    static GitHubIssue fromRepoPath(QStringView repoPath, qint64 number);
};

// The model series a GitHub owner stands for: deepseek-ai -> DeepSeek, meta-llama -> Llama,
// QwenLM -> Qwen (GitHub owners are case-insensitive); any other owner stands for itself.
QString seriesForOwner(QStringView owner);

QString recordId(QStringView model, qint64 number);
// Splits "model#number" at the last '#'; nullopt when there is no valid number after it.
std::optional<std::pair<QString, qint64>> splitRecordId(QStringView id);

// One failure report, decoded from the store: what export, the detail view and tests read.
struct Record
{
    qint64 rid = 0; // the store's key
    QString model;
    qint64 number = 0;
    GitHubIssue issue;
    QString status;
    QString symptom;
    QString cause;
    QString stage;
    QString architecture;
    QString source;   // the file it came from, relative to the folder imported
    QByteArray extra; // JSON object of the fields we do not know, in file order; empty if none
    QString updatedAt;
    QString updatedBy;

    QString id() const { return recordId(model, number); }
    QString link() const { return issue.url(); }
    QString series() const { return seriesForOwner(issue.owner); }
    QString label(LabelKind kind) const;
};

// One field that differs between two versions of a record.
struct FieldChange
{
    QString field; // as the history names it: link, status, symptom, cause, stage, architecture, extra
    QString oldValue;
    QString newValue;
};

// What an import with --replace would change, and what a conflict reports: every field but the
// id (model and number) and the source file.
QVector<FieldChange> differences(const Record &before, const Record &after);

} // namespace Triage
