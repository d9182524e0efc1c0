#include "importproblemsmodel.h"

#include "naturalorder.h"

#include <QTextDocument>

#include <algorithm>
#include <numeric>

namespace Triage {

ImportProblemsModel::ImportProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportProblemsModel::setProblems(const QVector<ImportProblem> &problems)
{
    beginResetModel();
    m_problems = problems;
    m_order.resize(m_problems.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    endResetModel();
}

int ImportProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int ImportProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportProblem &p = problem(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Kind:
            return kindText(p.kind);
        case Place:
            return placeText(p);
        case Message:
            return messageText(p);
        }
        return {};
    case Qt::ToolTipRole:
        // A tooltip guesses whether its text is HTML; converting it ourselves settles that
        // (text from a file stays text) and lets a long message wrap.
        return Qt::convertFromPlainText(placeText(p) + QLatin1Char('\n') + kindText(p.kind)
                + QLatin1Char('\n') + messageText(p),
            Qt::WhiteSpaceNormal);
    case KindRole:
        return int(p.kind);
    case FileRole:
        return p.file;
    case LineRole:
        return p.line;
    case ColumnRole:
        return p.column;
    case RecordIdRole:
        return p.recordId;
    }
    return {};
}

QVariant ImportProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind:
        return tr("Kind");
    case Place:
        return tr("Place");
    case Message:
        return tr("Problem");
    }
    return {};
}

void ImportProblemsModel::sort(int column, Qt::SortOrder order)
{
    const NaturalOrder natural;
    const auto byPlace = [&](const ImportProblem &a, const ImportProblem &b) {
        if (const int c = natural.compare(a.file, b.file))
            return c < 0;
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    };
    const auto less = [&](int a, int b) {
        const ImportProblem &pa = m_problems[a];
        const ImportProblem &pb = m_problems[b];
        switch (column) {
        case Kind:
            return int(pa.kind) < int(pb.kind);
        case Place:
            return byPlace(pa, pb);
        case Message:
            return natural(messageText(pa), messageText(pb));
        }
        return a < b; // no column: file order
    };
    // Sorting from file order every time keeps equal rows in file order, either direction.
    QVector<int> sorted(m_problems.size());
    std::iota(sorted.begin(), sorted.end(), 0);
    std::stable_sort(sorted.begin(), sorted.end(), [&](int a, int b) {
        return order == Qt::AscendingOrder || column < 0 ? less(a, b) : less(b, a);
    });

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QVector<int> newRowOf(m_problems.size());
    for (int row = 0; row < sorted.size(); ++row)
        newRowOf[sorted[row]] = row;
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRowOf[m_order[index.row()]], index.column()));
    m_order = sorted;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString ImportProblemsModel::kindText(ImportProblem::Kind kind)
{
    switch (kind) {
    case ImportProblem::Kind::RejectedFile:
        return tr("file rejected");
    case ImportProblem::Kind::Quarantined:
        return tr("record quarantined");
    case ImportProblem::Kind::Conflict:
        return tr("conflict");
    case ImportProblem::Kind::Warning:
        return tr("warning");
    }
    return {};
}

QString ImportProblemsModel::placeText(const ImportProblem &problem)
{
    if (problem.line <= 0)
        return problem.file;
    // One arg() call: a '%1' in a file name must not be replaced by the line number.
    return QStringLiteral("%1:%2:%3")
        .arg(problem.file, QString::number(problem.line), QString::number(problem.column));
}

QString ImportProblemsModel::messageText(const ImportProblem &problem)
{
    if (problem.kind == ImportProblem::Kind::Conflict && !problem.recordId.isEmpty())
        return tr("with %1, which the workspace keeps: %2").arg(problem.recordId, problem.message);
    return problem.message;
}

} // namespace Triage
