#include "facetdelegate.h"

#include "facetmodel.h"

namespace Triage {

void FacetDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(FacetModel::CountRole).toLongLong() == 0)
        option->palette.setBrush(QPalette::Text, option->palette.brush(QPalette::Disabled, QPalette::Text));
}

} // namespace Triage
