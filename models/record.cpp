#include "record.h"

#include "recordrules.h"

namespace Triage {

namespace {
constexpr std::string_view UpstreamKeys[RecordKeyCount] = {
    "number", "link", "status", "SYMPTOM", "ROOT CAUSE", "STAGE", "model", "architecture"};
}

std::string_view upstreamKey(RecordKey key)
{
    return UpstreamKeys[int(key)];
}

std::optional<RecordKey> recordKeyFromName(std::string_view name)
{
    for (int i = 0; i < RecordKeyCount; ++i) {
        if (UpstreamKeys[i] == name)
            return RecordKey(i);
    }
    return std::nullopt;
}

QString labelKindName(LabelKind kind)
{
    switch (kind) {
    case LabelKind::Model:
        return QStringLiteral("model");
    case LabelKind::Status:
        return QStringLiteral("status");
    case LabelKind::Symptom:
        return QStringLiteral("symptom");
    case LabelKind::Cause:
        return QStringLiteral("cause");
    case LabelKind::Stage:
        return QStringLiteral("stage");
    case LabelKind::Architecture:
        return QStringLiteral("architecture");
    case LabelKind::Repo:
        return QStringLiteral("repo");
    case LabelKind::Source:
        return QStringLiteral("source");
    case LabelKind::Annotator:
        return QStringLiteral("annotator");
    }
    return {};
}

QString GitHubIssue::url() const
{
    return QStringLiteral("https://github.com/") + owner + QLatin1Char('/') + repo
        + QStringLiteral("/issues/") + QString::number(number);
}

std::optional<GitHubIssue> GitHubIssue::parse(QStringView url)
{
    const QByteArray utf8 = url.toUtf8();
    const std::optional<IssueLinkParts> parts
        = parseIssueLink(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (!parts)
        return std::nullopt;
    return GitHubIssue{QString::fromUtf8(parts->owner.data(), qsizetype(parts->owner.size())),
                       QString::fromUtf8(parts->repo.data(), qsizetype(parts->repo.size())),
                       parts->number};
}

GitHubIssue GitHubIssue::fromRepoPath(QStringView repoPath, qint64 number)
{
    const qsizetype slash = repoPath.indexOf(QLatin1Char('/'));
    return GitHubIssue{repoPath.left(slash).toString(), repoPath.mid(slash + 1).toString(),
                       number};
}

QString seriesForOwner(QStringView owner)
{
    if (owner.compare(u"deepseek-ai", Qt::CaseInsensitive) == 0)
        return QStringLiteral("DeepSeek");
    if (owner.compare(u"meta-llama", Qt::CaseInsensitive) == 0)
        return QStringLiteral("Llama");
    if (owner.compare(u"QwenLM", Qt::CaseInsensitive) == 0)
        return QStringLiteral("Qwen");
    return owner.toString();
}

QString recordId(QStringView model, qint64 number)
{
    return model.toString() + QLatin1Char('#') + QString::number(number);
}

std::optional<std::pair<QString, qint64>> splitRecordId(QStringView id)
{
    const qsizetype hash = id.lastIndexOf(QLatin1Char('#'));
    if (hash <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 number = id.mid(hash + 1).toLongLong(&ok);
    if (!ok || number < 1)
        return std::nullopt;
    return std::make_pair(id.left(hash).toString(), number);
}

QString Record::label(LabelKind kind) const
{
    switch (kind) {
    case LabelKind::Model:
        return model;
    case LabelKind::Status:
        return status;
    case LabelKind::Symptom:
        return symptom;
    case LabelKind::Cause:
        return cause;
    case LabelKind::Stage:
        return stage;
    case LabelKind::Architecture:
        return architecture;
    case LabelKind::Repo:
        return issue.repoPath();
    case LabelKind::Source:
        return source;
    case LabelKind::Annotator:
        return updatedBy;
    }
    return {};
}

QVector<FieldChange> differences(const Record &before, const Record &after)
{
    QVector<FieldChange> changes;
    const auto compare = [&](const char *field, const QString &oldValue, const QString &newValue) {
        if (oldValue != newValue)
            changes.append({QLatin1String(field), oldValue, newValue});
    };
    compare("link", before.link(), after.link());
    compare("status", before.status, after.status);
    compare("symptom", before.symptom, after.symptom);
    compare("cause", before.cause, after.cause);
    compare("stage", before.stage, after.stage);
    compare("architecture", before.architecture, after.architecture);
    compare("extra", QString::fromUtf8(before.extra), QString::fromUtf8(after.extra));
    return changes;
}

} // namespace Triage
