#pragma once

#include "importreport.h"

#include <QAbstractTableModel>
#include <QVector>

namespace Triage {

// The problems of one ImportReport as a table: what kind, where (FILE:LINE:COLUMN) and what is
// wrong. Everything shown comes from the files, so the display text is plain text and the
// tooltip is escaped HTML: a "<b>" in a record reads as "<b>", never as markup. It sorts itself
// (by kind, by place in line order, by message), keeping file order among equals.
class ImportProblemsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Kind, Place, Message, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // ImportProblem::Kind as int
        FileRole, // the file as the user named it
        LineRole, // 0 when the problem is about the whole file
        ColumnRole,
        RecordIdRole // for a conflict: the record the workspace keeps
    };

    explicit ImportProblemsModel(QObject *parent = nullptr);

    void setProblems(const QVector<ImportProblem> &problems);
    const ImportProblem &problem(int row) const { return m_problems[m_order[row]]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString kindText(ImportProblem::Kind kind);
    // FILE, or FILE:LINE:COLUMN when the problem has a place in the file.
    static QString placeText(const ImportProblem &problem);
    static QString messageText(const ImportProblem &problem);

private:
    QVector<ImportProblem> m_problems; // in file order, as the importer reported them
    QVector<int> m_order; // display row -> index into m_problems
};

} // namespace Triage
