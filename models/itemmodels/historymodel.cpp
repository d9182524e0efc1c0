#include "historymodel.h"

#include "plaintext.h"
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
    connect(&session, &WorkbenchSession::recordsEdited, this, &HistoryModel::readNew);
    connect(&session, &WorkbenchSession::reloaded, this, &HistoryModel::readNew);
    connect(&session, &WorkbenchSession::quarantineChanged, this, &HistoryModel::readNew);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = m_entries[index.row()];
    if (role == RidRole)
        return e.rid;
    if (role == BatchRole)
        return e.batch;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    QString text;
    switch (index.column()) {
    case At:
        text = role == Qt::DisplayRole
            ? QLocale().toString(QDateTime::fromString(e.at, Qt::ISODateWithMs).toLocalTime(),
                                 QLocale::ShortFormat)
            : e.at;
        break;
    case Annotator:
        text = e.annotator;
        break;
    case Record:
        text = e.recordId;
        break;
    case Field:
        text = e.field;
        break;
    case Old:
        text = e.oldValue;
        break;
    case New:
        text = e.newValue;
        break;
    case Reason:
        text = e.reason;
        break;
    }
    return role == Qt::ToolTipRole ? plainTextTooltip(text) : text;
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

HistoryQuery HistoryModel::query() const
{
    HistoryQuery q;
    q.rid = m_rid;
    q.annotator = m_annotator;
    q.field = m_field;
    q.newestFirst = true;
    return q;
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    HistoryQuery q = query();
    q.beforeSeq = m_entries.isEmpty() ? 0 : m_entries.constLast().seq;
    q.limit = PageSize;
    const QVector<HistoryEntry> page = m_session.workspace().history(q);
    m_exhausted = page.size() < PageSize;
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + page.size()) - 1);
    m_entries += page;
    endInsertRows();
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
    if (annotator == m_annotator)
        return;
    m_annotator = annotator;
    reload();
}

void HistoryModel::setField(const QString &field)
{
    if (field == m_field)
        return;
    m_field = field;
    reload();
}

void HistoryModel::reload()
{
    resetToNewestPage();
    Workspace &workspace = m_session.workspace();
    m_annotators = workspace.historyAnnotators(m_rid);
    m_fields = workspace.historyFields(m_rid);
    Q_EMIT choicesChanged();
}

void HistoryModel::resetToNewestPage()
{
    Workspace &workspace = m_session.workspace();
    // Everything is read before the reset: a view asking for rows during it (fetchMore) would
    // otherwise insert rows into a model being reset.
    HistoryQuery newest;
    newest.newestFirst = true;
    newest.limit = 1;
    const QVector<HistoryEntry> last = workspace.history(newest);
    HistoryQuery firstPage = query();
    firstPage.limit = PageSize;
    QVector<HistoryEntry> page = workspace.history(firstPage);
    beginResetModel();
    m_newestSeq = last.isEmpty() ? 0 : last.constFirst().seq;
    m_exhausted = page.size() < PageSize;
    m_entries = std::move(page);
    endResetModel();
}

// Only what was written since the last read: an edit adds a few rows on top, it does not make
// the view read a million again. A batch that wrote more than a page starts the view again at
// its newest page: reading ten thousand rows on the window's thread would stall it.
void HistoryModel::readNew()
{
    HistoryQuery since;
    since.afterSeq = m_newestSeq;
    since.newestFirst = true;
    since.limit = PageSize + 1;
    QVector<HistoryEntry> added = m_session.workspace().history(since);
    if (added.size() > PageSize) {
        // The filter choices gain what the batch brought, read from its rows only: a distinct
        // over the whole history costs tens of milliseconds once it holds a few hundred thousand.
        const qint64 before = m_newestSeq;
        resetToNewestPage();
        Workspace &workspace = m_session.workspace();
        bool choices = false;
        for (const QString &name : workspace.historyAnnotators(m_rid, before)) {
            if (!m_annotators.contains(name)) {
                m_annotators.append(name);
                choices = true;
            }
        }
        for (const QString &field : workspace.historyFields(m_rid, before)) {
            if (!m_fields.contains(field)) {
                m_fields.append(field);
                choices = true;
            }
        }
        if (choices) {
            m_annotators.sort(Qt::CaseInsensitive);
            m_fields.sort();
            Q_EMIT choicesChanged();
        }
        return;
    }
    std::reverse(added.begin(), added.end()); // oldest first
    if (added.isEmpty())
        return;
    m_newestSeq = added.constLast().seq;
    bool choices = false;
    QVector<HistoryEntry> shown;
    for (auto it = added.crbegin(); it != added.crend(); ++it) {
        if (m_rid && it->rid != *m_rid)
            continue;
        if (!m_annotators.contains(it->annotator)) {
            m_annotators.append(it->annotator);
            choices = true;
        }
        if (!m_fields.contains(it->field)) {
            m_fields.append(it->field);
            choices = true;
        }
        if ((m_annotator.isEmpty() || it->annotator == m_annotator) && (m_field.isEmpty() || it->field == m_field))
            shown.append(*it);
    }
    if (!shown.isEmpty()) {
        beginInsertRows({}, 0, int(shown.size()) - 1);
        m_entries = shown + m_entries;
        endInsertRows();
    }
    if (choices) {
        m_annotators.sort(Qt::CaseInsensitive);
        m_fields.sort();
        Q_EMIT choicesChanged();
    }
}

} // namespace Triage
