#include "facetdock.h"

#include "facetmodel.h"
#include "recordindex.h"
#include "workbenchsession.h"
#include "widgets/dockscrollarea.h"
#include "widgets/facetdelegate.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QScrollArea>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Triage {


FacetDock::FacetDock(WorkbenchSession &session, QWidget *parent)
    : QDockWidget(tr("Facets"), parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("facetDock"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    for (Field field : AllFields) {
        auto *model = new FacetModel(session, field, this);
        auto *view = new QTreeView(content);
        view->setObjectName(fieldName(field) + QStringLiteral("Facet"));
        view->setModel(model);
        view->setItemDelegate(new FacetDelegate(view));
        view->setUniformRowHeights(true);
        view->setHeaderHidden(true);
        view->setRootIsDecorated(maxLevel(field) > 1);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->header()->setStretchLastSection(false);
        view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        // Wide enough for every count there can be: fitted to its contents, the column was
        // measured again after each click and the list painted a second time a frame later.
        view->header()->setSectionResizeMode(1, QHeaderView::Fixed);
        fitHeight(view);
        // The entries change with imports and relabels: the height follows, and the branches
        // the user opened stay open across the model's resets.
        connect(model, &QAbstractItemModel::modelAboutToBeReset, view, [this, view, model] {
            m_expanded[view].clear();
            saveExpanded(view, model, QModelIndex());
        });
        connect(model, &QAbstractItemModel::modelReset, view, [this, view, model] {
            restoreExpanded(view, model, QModelIndex());
            fitHeight(view);
            fitCountColumn(view);
        });
        // Enter (or a double click) toggles the current entry; Space does through the delegate.
        connect(view, &QTreeView::activated, view, [model](const QModelIndex &index) {
            const QModelIndex box = index.siblingAtColumn(0);
            const bool checked = box.data(Qt::CheckStateRole).toInt() == Qt::Checked;
            model->setData(box, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
        });

        auto *header = new QToolButton(content);
        header->setObjectName(fieldName(field) + QStringLiteral("FacetHeader"));
        header->setText(fieldTitle(field));
        header->setCheckable(true);
        header->setChecked(true);
        header->setAutoRaise(true);
        header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        header->setArrowType(Qt::DownArrow);
        connect(header, &QToolButton::toggled, view, [header, view](bool open) {
            view->setVisible(open);
            header->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        });
        layout->addWidget(header);
        layout->addWidget(view);
        m_models.append(model);
        m_views.append(view);
    }
    layout->addStretch(1);
    setWidget(dockScrollArea(content, this));
    for (QTreeView *view : std::as_const(m_views))
        fitCountColumn(view);
}

void FacetDock::changeEvent(QEvent *event)
{
    QDockWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        for (QTreeView *view : std::as_const(m_views))
            fitCountColumn(view);
    }
}

// No entry counts more than every record, so the column holds the total's digits (in the
// locale's grouping) and the delegate's margins on both sides.
void FacetDock::fitCountColumn(QTreeView *view)
{
    const QString widest = QLocale().toString(qint64(m_session.index().size()));
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    view->header()->resizeSection(1, view->fontMetrics().horizontalAdvance(widest) + 2 * margin + 2);
}

// Lists are as tall as their entries (up to 15, the real data's 14 models fit); trees get
// room to open a branch or two.
void FacetDock::fitHeight(QTreeView *view)
{
    const auto *model = static_cast<const FacetModel *>(view->model());
    const int rows = maxLevel(model->field()) > 1 ? 12 : std::clamp(model->rowCount(), 1, 15);
    const int rowHeight = view->fontMetrics().height() + 6;
    view->setFixedHeight(rowHeight * rows + 2 * view->frameWidth() + 2);
}

void FacetDock::saveExpanded(QTreeView *view, const FacetModel *model, const QModelIndex &parent)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (view->isExpanded(index)) {
            m_expanded[view].append(model->valueAt(index).value);
            saveExpanded(view, model, index);
        }
    }
}

void FacetDock::restoreExpanded(QTreeView *view, const FacetModel *model, const QModelIndex &parent)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (m_expanded[view].contains(model->valueAt(index).value)) {
            view->expand(index);
            restoreExpanded(view, model, index);
        }
    }
}

FacetModel *FacetDock::model(Field field) const
{
    return m_models.value(int(field));
}

QTreeView *FacetDock::view(Field field) const
{
    return m_views.value(int(field));
}

} // namespace Triage
