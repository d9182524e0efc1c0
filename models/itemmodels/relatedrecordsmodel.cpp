#include "relatedrecordsmodel.h"

#include "plaintext.h"
#include "workbenchsession.h"

namespace Triage {

RelatedRecordsModel::RelatedRecordsModel(WorkbenchSession &session, QObject *parent)
    : QAbstractListModel(parent)
    , m_session(session)
{
    connect(&session, &WorkbenchSession::recordsEdited, this, &RelatedRecordsModel::refresh);
    connect(&session, &WorkbenchSession::reloaded, this, &RelatedRecordsModel::refresh);
}

void RelatedRecordsModel::setRecord(qint64 rid)
{
    m_rid = rid;
    refresh();
}

void RelatedRecordsModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    const RecordIndex &index = m_session.index();
    if (const std::optional<quint32> row = index.rowOf(m_rid)) {
        const std::vector<quint32> &repos = index.column(Field::Series).codes;
        const quint32 repo = repos[*row];
        const qint64 issue = index.issue(*row);
        // Every record change scans all rows: the issue number, the rare match, is tested first.
        for (quint32 other = 0; other < quint32(index.size()); ++other) {
            if (index.issue(other) == issue && repos[other] == repo && other != *row)
                m_rows.append(other);
        }
    }
    endResetModel();
}

int RelatedRecordsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RelatedRecordsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const quint32 row = m_rows[index.row()];
    const RecordIndex &records = m_session.index();
    switch (role) {
    case Qt::DisplayRole:
        return records.id(row) + QStringLiteral(" \u2014 ") + records.text({Field::Symptom, 3}, row);
    case Qt::ToolTipRole:
        return plainTextTooltip(records.text({Field::Cause, 2}, row));
    case RidRole:
        return records.rid(row);
    default:
        return {};
    }
}

} // namespace Triage
