#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace Triage {

// Draws the record table's cells as QStyledItemDelegate does, but keeps each cell text laid out
// (elided to its column width) for the next paint. A filter click at a million records redraws
// every visible cell, and Qt shapes every cell's text again each time: 2.2 ms of a click in a
// perf trace. Labels repeat from row to row, so most cells find their text ready.
// What it would not place as Qt does is left to Qt's delegate (see paint()).
class RecordTableDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // The text as the cell shows it at this width: QFontMetrics::elidedText, kept.
    const QStaticText &laidOut(const QString &text, int width, Qt::TextElideMode mode,
                               const QFont &font) const;
    qsizetype cachedTexts() const { return m_cache.size(); }

    // More than this many kept texts and the cache starts again (a table shows a few hundred).
    static constexpr qsizetype CacheLimit = 4096;

private:
    struct Key
    {
        QString text;
        int width;
        int mode;
        bool operator==(const Key &other) const
        {
            return width == other.width && mode == other.mode && text == other.text;
        }
    };
    friend size_t qHash(const Key &key, size_t seed) { return qHashMulti(seed, key.text, key.width, key.mode); }

    mutable QHash<Key, QStaticText> m_cache;
    mutable QFont m_font; // what the kept texts were laid out in
};

} // namespace Triage
