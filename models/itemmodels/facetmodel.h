#pragma once

#include "activefilter.h"
#include "field.h"

#include <QAbstractItemModel>

#include <vector>

namespace Triage {

class WorkbenchSession;

// One field's values as check boxes, with the count each would give under the other active
// filters: a tree for symptom (3 levels) and cause (2), a list for the other fields. Checking
// an entry adds it to the session's ActiveFilter; a parent is partly checked when some of its
// descendants are picked. Column 0 is the label, column 1 the count.
class FacetModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        CountRole = Qt::UserRole + 1, // qint64
        FacetValueRole                // the FacetValue as "field\tlevel\tvalue"
    };

    FacetModel(WorkbenchSession &session, Field field, QObject *parent = nullptr);

    Field field() const { return m_field; }
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The entry of a value (for tests and for selecting what a chart click picked).
    QModelIndex indexOf(const FacetValue &value) const;
    FacetValue valueAt(const QModelIndex &index) const;

private:
    struct Node
    {
        FacetValue value;
        QString name; // the last part of the label
        int parent = -1;
        int row = 0; // among its siblings
        std::vector<int> children;
        qint64 count = 0;
    };

    void rebuild();
    QStringList labelsShown() const;
    void refreshCounts();
    int nodeOf(const QModelIndex &index) const;
    Qt::CheckState checkState(int node) const;
    bool hasPickedDescendant(int node) const;
    void uncheck(int node);

    WorkbenchSession &m_session;
    Field m_field;
    std::vector<Node> m_nodes; // 0 is the invisible root
    QStringList m_labels; // the deepest labels the tree was built from
};

} // namespace Triage
