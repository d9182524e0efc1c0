#pragma once

#include "workspaceerror.h"

#include <QAbstractTableModel>

namespace Triage {

// The fields another window or the command line changed while this one was editing them:
// for each, what the store holds now and who wrote it, beside what this window meant to
// write, so the user can choose between the two.
class ConflictModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Record, FieldName, Theirs, ChangedBy, Yours, ColumnCount };

    explicit ConflictModel(QVector<ConflictingEdit> conflicts, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<ConflictingEdit> m_conflicts;
};

} // namespace Triage
