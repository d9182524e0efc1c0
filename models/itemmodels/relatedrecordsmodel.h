#pragma once

#include <QAbstractListModel>
#include <QVector>

namespace Triage {

class WorkbenchSession;

// The other records filed from the same GitHub issue as the current one (the dataset has three
// issues carrying two records each): an annotator labelling one should see the other.
class RelatedRecordsModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { RidRole = Qt::UserRole + 1 };

    explicit RelatedRecordsModel(WorkbenchSession &session, QObject *parent = nullptr);

    void setRecord(qint64 rid);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void refresh();

    WorkbenchSession &m_session;
    qint64 m_rid = 0;
    QVector<quint32> m_rows; // index rows
};

} // namespace Triage
