#pragma once

#include "workspace.h"

#include <QAbstractTableModel>

#include <optional>

namespace Triage {

class WorkbenchSession;

// The label history, newest first: for the whole workspace or one record, narrowed to one
// annotator and one field when asked. It reads a page at a time (fetchMore), so a history of
// millions of rows opens at once, and after an edit it reads only the rows the edit added.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { At, Annotator, Record, Field, Old, New, Reason, ColumnCount };
    enum Role { RidRole = Qt::UserRole + 1, BatchRole };
    static constexpr int PageSize = 500;

    explicit HistoryModel(WorkbenchSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // std::nullopt: the whole workspace.
    void setRecord(std::optional<qint64> rid);
    std::optional<qint64> record() const { return m_rid; }
    // Empty strings show every annotator, every field.
    void setAnnotator(const QString &annotator);
    void setField(const QString &field);
    // Who and what appear in the current scope, for the filter lists.
    QStringList annotators() const { return m_annotators; }
    QStringList fields() const { return m_fields; }

    // Reads the first page again (scope or filter changed, another process wrote).
    void reload();

Q_SIGNALS:
    // The annotators or fields in the scope changed: the filter lists should follow.
    void choicesChanged();

private:
    HistoryQuery query() const;
    void readNew();
    void resetToNewestPage();

    WorkbenchSession &m_session;
    std::optional<qint64> m_rid;
    QString m_annotator;
    QString m_field;
    QVector<HistoryEntry> m_entries; // newest first
    qint64 m_newestSeq = 0;          // of the whole history when read, filters aside
    bool m_exhausted = true;
    QStringList m_annotators;
    QStringList m_fields;
};

} // namespace Triage
