#pragma once

#include "workspace.h"

#include <QAbstractTableModel>

namespace Triage {

class WorkbenchSession;

// The records imports held back and nobody has accepted or discarded yet, in the order they
// were held: where each came from, why, and the record it collides with. Re-read whenever the
// session reloads or the quarantine changes.
class QuarantineModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Place, Reason, ConflictsWith, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the record's text as it was held (QString)
        SeqRole // the entry's key in the store (qint64)
    };

    explicit QuarantineModel(WorkbenchSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const QuarantineEntry &entryAt(int row) const { return m_entries.at(row); }
    // The row of the entry, or -1 when it is not held (any more).
    int rowOfSeq(qint64 seq) const;
    // "source:line:column", as compilers name a place in a file.
    static QString placeOf(const QuarantineEntry &entry);

    void reload();

private:
    WorkbenchSession &m_session;
    QVector<QuarantineEntry> m_entries;
};

} // namespace Triage
