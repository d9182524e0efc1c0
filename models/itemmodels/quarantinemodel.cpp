#include "quarantinemodel.h"

#include "plaintext.h"
#include "workbenchsession.h"

namespace Triage {

QuarantineModel::QuarantineModel(WorkbenchSession &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    reload();
    connect(&session, &WorkbenchSession::reloaded, this, &QuarantineModel::reload);
    connect(&session, &WorkbenchSession::quarantineChanged, this, &QuarantineModel::reload);
}

int QuarantineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QuarantineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QuarantineModel::placeOf(const QuarantineEntry &entry)
{
    return QStringLiteral("%1:%2:%3").arg(entry.source).arg(entry.line).arg(entry.column);
}

QVariant QuarantineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QuarantineEntry &e = m_entries[index.row()];
    if (role == RawRole)
        return e.raw;
    if (role == SeqRole)
        return e.seq;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    QString text;
    switch (index.column()) {
    case Place:
        text = placeOf(e);
        break;
    case Reason:
        text = e.reason;
        break;
    case ConflictsWith:
        text = e.conflictsWith;
        break;
    }
    // The tooltip repeats the text, which can be longer than its column. A tooltip that looks
    // like markup is shown as rich text, and reasons quote the file: escaped and wrapped in a
    // paragraph, it is shown as the file has it (and word-wrapped).
    if (role == Qt::ToolTipRole)
        return plainTextTooltip(text);
    return text;
}

QVariant QuarantineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Place:
        return tr("Place");
    case Reason:
        return tr("Reason");
    case ConflictsWith:
        return tr("Conflicts with");
    }
    return {};
}

int QuarantineModel::rowOfSeq(qint64 seq) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries[row].seq == seq)
            return row;
    }
    return -1;
}

void QuarantineModel::reload()
{
    beginResetModel();
    m_entries = m_session.workspace().quarantine();
    endResetModel();
}

} // namespace Triage
