#pragma once

#include "recordindex.h"
#include "workspace.h"

#include <QAbstractTableModel>

namespace Triage {

// What a batch relabel will do, before it does it: for each value the records have now, how
// many records carry it and what they will carry after. Rows already at the new value are
// marked unchanged.
class BatchPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Before, Records, After, ColumnCount };
    enum Role { CountRole = Qt::UserRole + 1, UnchangedRole };

    explicit BatchPreviewModel(const RecordIndex &index, QObject *parent = nullptr);

    void setRows(const RowSet &rows);
    void setChange(EditField field, const QString &newValue);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Records that will change.
    qint64 changing() const;

private:
    void recount();

    const RecordIndex &m_index;
    RowSet m_rows;
    EditField m_field = EditField::Symptom;
    QString m_newValue;
    QStringList m_before;
    QVector<qint64> m_counts;
};

} // namespace Triage
