#pragma once

#include "workspace.h"

#include <QAbstractTableModel>

#include <optional>

namespace Triage {

class WorkbenchSession;

// The label history, newest first: for the whole workspace or one record, narrowed to one
// annotator and one field when asked. Re-read after every edit and import.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { At, Annotator, Record, Field, Old, New, Reason, ColumnCount };
    enum Role { RidRole = Qt::UserRole + 1, BatchRole };

    explicit HistoryModel(WorkbenchSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // std::nullopt: the whole workspace.
    void setRecord(std::optional<qint64> rid);
    std::optional<qint64> record() const { return m_rid; }
    // Empty strings show every annotator, every field.
    void setAnnotator(const QString &annotator);
    void setField(const QString &field);
    // Who and what appear in the current scope, for the filter lists.
    QStringList annotators() const;
    QStringList fields() const;

    void reload();

private:
    void applyFilters();

    WorkbenchSession &m_session;
    std::optional<qint64> m_rid;
    QString m_annotator;
    QString m_field;
    QVector<HistoryEntry> m_all;   // in the scope, newest first
    QVector<HistoryEntry> m_shown; // after the annotator and field filters
};

} // namespace Triage
