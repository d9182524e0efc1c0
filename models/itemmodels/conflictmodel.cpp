#include "conflictmodel.h"

#include "plaintext.h"
#include "workspace.h"

#include <QDateTime>
#include <QLocale>

namespace Triage {

namespace {

// An empty note is a value too: say so rather than show a blank the user could misread.
QString shown(const QString &value)
{
    return value.isEmpty() ? ConflictModel::tr("(empty)") : value;
}

} // namespace

ConflictModel::ConflictModel(QVector<ConflictingEdit> conflicts, QObject *parent)
    : QAbstractTableModel(parent)
    , m_conflicts(std::move(conflicts))
{
}

int ConflictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_conflicts.size());
}

int ConflictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConflictingEdit &c = m_conflicts.at(index.row());
    QString text;
    switch (index.column()) {
    case Record:
        text = c.recordId.isEmpty() ? QString::number(c.rid) : c.recordId;
        break;
    case FieldName:
        text = editFieldName(EditField(c.field));
        break;
    case Theirs:
        text = shown(c.current);
        break;
    case ChangedBy: {
        const QDateTime at = QDateTime::fromString(c.changedAt, Qt::ISODateWithMs);
        text = at.isValid() ? tr("%1, %2").arg(c.changedBy,
                                               QLocale().toString(at.toLocalTime(), QLocale::ShortFormat))
                            : c.changedBy;
        break;
    }
    case Yours:
        text = shown(c.wanted);
        break;
    default:
        return {};
    }
    if (role == Qt::DisplayRole)
        return text;
    if (role == Qt::ToolTipRole)
        return plainTextTooltip(text);
    return {};
}

QVariant ConflictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Record:
        return tr("Record");
    case FieldName:
        return tr("Field");
    case Theirs:
        return tr("Theirs (now in the workspace)");
    case ChangedBy:
        return tr("Changed by");
    case Yours:
        return tr("Yours");
    default:
        return {};
    }
}

} // namespace Triage
