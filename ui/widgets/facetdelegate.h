#pragma once

#include <QStyledItemDelegate>

namespace Triage {

// Draws a facet entry that would match no record under the other filters in the disabled
// text colour of the current palette (light or dark), as shops grey out empty choices.
class FacetDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Triage
