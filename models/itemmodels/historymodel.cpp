#include "historymodel.h"

#include "workbenchsession.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Triage {

HistoryModel::HistoryModel(WorkbenchSession &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    reload();
    connect(&session, &WorkbenchSession::recordsEdited, this, &HistoryModel::reload);
    connect(&session, &WorkbenchSession::reloaded, this, &HistoryModel::reload);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = m_shown[index.row()];
    if (role == RidRole)
        return e.rid;
    if (role == BatchRole)
        return e.batch;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case At:
        return role == Qt::DisplayRole
            ? QLocale().toString(QDateTime::fromString(e.at, Qt::ISODateWithMs).toLocalTime(),
                                 QLocale::ShortFormat)
            : e.at;
    case Annotator:
        return e.annotator;
    case Record:
        return e.recordId;
    case Field:
        return e.field;
    case Old:
        return e.oldValue;
    case New:
        return e.newValue;
    case Reason:
        return e.reason;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case At:
        return tr("When");
    case Annotator:
        return tr("Annotator");
    case Record:
        return tr("Record");
    case Field:
        return tr("Field");
    case Old:
        return tr("Old value");
    case New:
        return tr("New value");
    case Reason:
        return tr("Reason");
    }
    return {};
}

void HistoryModel::setRecord(std::optional<qint64> rid)
{
    if (rid == m_rid)
        return;
    m_rid = rid;
    reload();
}

void HistoryModel::setAnnotator(const QString &annotator)
{
    m_annotator = annotator;
    applyFilters();
}

void HistoryModel::setField(const QString &field)
{
    m_field = field;
    applyFilters();
}

QStringList HistoryModel::annotators() const
{
    QStringList names;
    for (const HistoryEntry &e : m_all) {
        if (!names.contains(e.annotator))
            names.append(e.annotator);
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

QStringList HistoryModel::fields() const
{
    QStringList names;
    for (const HistoryEntry &e : m_all) {
        if (!names.contains(e.field))
            names.append(e.field);
    }
    names.sort();
    return names;
}

void HistoryModel::reload()
{
    m_all = m_session.workspace().history(m_rid);
    std::reverse(m_all.begin(), m_all.end());
    applyFilters();
}

void HistoryModel::applyFilters()
{
    beginResetModel();
    m_shown.clear();
    for (const HistoryEntry &e : std::as_const(m_all)) {
        if ((m_annotator.isEmpty() || e.annotator == m_annotator) && (m_field.isEmpty() || e.field == m_field))
            m_shown.append(e);
    }
    endResetModel();
}

} // namespace Triage
