#pragma once

#include "field.h"

#include <QDockWidget>
#include <QHash>

class QModelIndex;
class QTreeView;

namespace Triage {

class FacetModel;
class WorkbenchSession;

// The facets: the symptom and cause trees and the lists of stage, series, model, architecture
// and status, each entry with a check box and its count under the other filters.
class FacetDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit FacetDock(WorkbenchSession &session, QWidget *parent = nullptr);

    FacetModel *model(Field field) const;
    QTreeView *view(Field field) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitHeight(QTreeView *view);
    void fitCountColumn(QTreeView *view);
    void saveExpanded(QTreeView *view, const FacetModel *model, const QModelIndex &parent);
    void restoreExpanded(QTreeView *view, const FacetModel *model, const QModelIndex &parent);

    WorkbenchSession &m_session;
    QList<FacetModel *> m_models;
    QList<QTreeView *> m_views;
    QHash<QTreeView *, QStringList> m_expanded; // paths of the open branches, across resets
};

} // namespace Triage
