#include "recordindex.h"

#include "labelpath.h"
#include "naturalorder.h"
#include "record.h"
#include "workspace.h"


#include <algorithm>
#include <numeric>

namespace Triage {

namespace {
QString seriesOfRepo(const QString &repoPath, int)
{
    return seriesForOwner(QStringView(repoPath).left(repoPath.indexOf(QLatin1Char('/'))));
}
} // namespace

RecordIndex::RecordIndex()
    : m_symptom(maxLevel(Field::Symptom), LabelPath::cut)
    , m_cause(maxLevel(Field::Cause), LabelPath::cut)
    , m_repo(1, seriesOfRepo)
{
}

void RecordIndex::build(Workspace &workspace, qint64 snapshotFrom)
{
    // Built aside and swapped in: should reading fail half way, the index stays as it was.
    RecordIndex fresh;
    IndexColumns columns;
    bool fromSnapshot = false;
    bool store = false; // the next open of a large workspace reads them in one piece (step 3)
    // One snapshot for the rows and the notes, with every label they refer to.
    workspace.readSnapshot([&] {
        columns = workspace.indexColumns(&fromSnapshot);
        store = !fromSnapshot && qint64(columns.size()) >= snapshotFrom;
        // The index takes the columns' arrays over, unless they are still to be stored.
        if (store)
            fresh.buildFrom(workspace, columns);
        else
            fresh.buildFrom(workspace, std::move(columns));
    });
    if (store)
        workspace.storeIndexColumns(columns);
    fresh.m_fromSnapshot = fromSnapshot;
    *this = std::move(fresh);
}

// Takes the columns by value so that their arrays become the index's: a copy of 48 MB at 1M
// records, and its page faults, cost more than the lookups.
void RecordIndex::buildFrom(Workspace &workspace, IndexColumns columns)
{
    const LabelTable &labels = workspace.labels();

    // Label ids -> column codes, filled as ids are met.
    constexpr quint32 Unmapped = ~quint32(0);
    std::vector<quint32> codeOfLabel(size_t(labels.maxId() + 1), Unmapped);
    const auto code = [&](LabelColumn &column, quint32 labelId) {
        quint32 *slot = labelId < codeOfLabel.size() ? &codeOfLabel[labelId] : nullptr;
        if (slot && *slot != Unmapped)
            return *slot;
        if (!slot || !labels.contains(labelId))
            throw WorkspaceError(QStringLiteral("%1: a record refers to label %2, which the "
                                                "workspace does not hold; the file is damaged")
                                     .arg(workspace.path())
                                     .arg(labelId));
        *slot = column.intern(labels.text(labelId));
        return *slot;
    };
    const std::pair<LabelKind, LabelColumn *> columnsByKind[] = {
        {LabelKind::Symptom, &m_symptom}, {LabelKind::Cause, &m_cause},
        {LabelKind::Stage, &m_stage},     {LabelKind::Model, &m_model},
        {LabelKind::Architecture, &m_architecture}, {LabelKind::Status, &m_status},
        {LabelKind::Repo, &m_repo}};
    // Label ids become codes in place; a label met before is one table lookup, inline.
    const auto recode = [&](LabelColumn &column, std::vector<quint32> &&ids) {
        column.codes = std::move(ids);
        const size_t known = codeOfLabel.size();
        for (quint32 &value : column.codes) {
            const quint32 mapped = value < known ? codeOfLabel[value] : Unmapped;
            value = mapped != Unmapped ? mapped : code(column, value);
        }
    };
    // The editor first, while 0 ("never edited", no label has id 0) stands for the empty name;
    // in a label column 0 is damage and must not map to anything.
    if (codeOfLabel.empty())
        codeOfLabel.push_back(Unmapped);
    codeOfLabel[0] = m_editor.intern(QString());
    recode(m_editor, std::move(columns.updatedBy));
    codeOfLabel[0] = Unmapped;
    for (const auto &[kind, column] : columnsByKind)
        recode(*column, std::move(columns.labels[size_t(kind)]));
    m_rids.assign(std::move(columns.rids));
    m_numbers = std::move(columns.numbers);
    m_issues = std::move(columns.issues);
    m_notes = workspace.notes();
    for (const auto &[kind, column] : columnsByKind)
        column->countUses();
    m_editor.countUses();
}

void RecordIndex::buildCombinations()
{
    std::array<const std::vector<quint32> *, FacetCombinations::FieldCount> columns{};
    for (Field field : AllFields)
        columns[size_t(field)] = &column(field).codes;
    m_combinations.build(columns);
}

void RecordIndex::applyEdits(const QVector<AppliedEdit> &edits)
{
    for (const AppliedEdit &edit : edits) {
        const std::optional<quint32> row = rowOf(edit.rid);
        if (!row)
            continue;
        switch (edit.field) {
        case EditField::Note:
            if (edit.newValue.isEmpty())
                m_notes.remove(edit.rid);
            else
                m_notes.insert(edit.rid, edit.newValue);
            continue;
        case EditField::Symptom:
            m_symptom.setCode(*row, m_symptom.intern(edit.newValue));
            break;
        case EditField::Cause:
            m_cause.setCode(*row, m_cause.intern(edit.newValue));
            break;
        case EditField::Stage:
            m_stage.setCode(*row, m_stage.intern(edit.newValue));
            break;
        }
        m_editor.setCode(*row, m_editor.intern(edit.annotator));
        if (!hasCombinations())
            continue;
        FacetCombinations::Codes codes{};
        for (Field field : AllFields)
            codes[size_t(field)] = column(field).codes[*row];
        if (!m_combinations.update(*row, codes))
            m_combinations = {}; // too many now: counted record by record from here on
    }
}

std::optional<QString> RecordIndex::editableValue(qint64 rid, EditField field) const
{
    const std::optional<quint32> row = rowOf(rid);
    if (!row)
        return std::nullopt;
    switch (field) {
    case EditField::Note:
        return m_notes.value(rid);
    case EditField::Symptom:
        return text({Field::Symptom, 3}, *row);
    case EditField::Cause:
        return text({Field::Cause, 2}, *row);
    case EditField::Stage:
        break;
    }
    return text({Field::Stage, 1}, *row);
}

RowSet RecordIndex::allRows() const
{
    RowSet rows(m_rids.size());
    std::iota(rows.begin(), rows.end(), 0u);
    return rows;
}

const LabelColumn &RecordIndex::column(Field field) const
{
    return const_cast<RecordIndex *>(this)->mutableColumn(field);
}

LabelColumn &RecordIndex::mutableColumn(Field field)
{
    switch (field) {
    case Field::Symptom:
        return m_symptom;
    case Field::Cause:
        return m_cause;
    case Field::Stage:
        return m_stage;
    case Field::Series:
        return m_repo;
    case Field::Model:
        return m_model;
    case Field::Architecture:
        return m_architecture;
    case Field::Status:
        return m_status;
    }
    return m_symptom;
}

RecordIndex::LevelView RecordIndex::view(FieldLevel fieldLevel) const
{
    const LabelColumn &c = column(fieldLevel.field);
    const int level = std::clamp(fieldLevel.level, 1, c.levels());
    return {c.codes, c.levelMap(level), c.levelLabels(level)};
}

QStringList RecordIndex::labelsInUse(Field field) const
{
    const LabelColumn &c = column(field);
    const int deepest = c.levels();
    std::vector<char> used(size_t(c.levelLabels(deepest).size()), 0);
    const std::vector<quint32> &map = c.levelMap(deepest);
    for (int code = 0; code < c.valueCount(); ++code) {
        if (c.uses(quint32(code)) > 0)
            used[map[size_t(code)]] = 1;
    }
    QStringList labels;
    for (size_t code = 0; code < used.size(); ++code) {
        if (used[code])
            labels.append(c.levelLabels(deepest)[qsizetype(code)]);
    }
    std::sort(labels.begin(), labels.end(), NaturalOrder());
    return labels;
}

bool RecordIndex::isInUse(Field field, const QString &label) const
{
    const LabelColumn &c = column(field);
    const std::optional<quint32> code = c.find(label);
    return code && c.uses(*code) > 0;
}

QString RecordIndex::text(FieldLevel fieldLevel, quint32 row) const
{
    const LevelView v = view(fieldLevel);
    return v.labels[qsizetype(v(row))];
}

std::optional<quint32> RecordIndex::rowOf(qint64 rid) const
{
    return m_rids.find(rid);
}

QString RecordIndex::id(quint32 row) const
{
    return recordId(m_model.value(m_model.codes[row]), m_numbers[row]);
}

QString RecordIndex::repo(quint32 row) const
{
    return m_repo.value(m_repo.codes[row]);
}

QString RecordIndex::link(quint32 row) const
{
    return GitHubIssue::fromRepoPath(repo(row), m_issues[row]).url();
}

QString RecordIndex::note(quint32 row) const
{
    return m_notes.value(m_rids[row]);
}

} // namespace Triage
