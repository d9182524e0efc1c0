// RecordTableDelegate keeps each cell's laid-out text: it must draw what Qt's own delegate draws
// (placement, colour, elision; right to left left to Qt), reuse what it laid out, and start
// again for another font.

#include "recordtabledelegate.h"

#include <QDir>
#include <QFontMetrics>
#include <QHeaderView>
#include <QImage>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QtTest>

using namespace Triage;

namespace {

const QStringList Texts = {
    QStringLiteral("Crash - CUDA Error - Out of Memory"),
    QStringLiteral("Environment Compatibility Issues - Dependency Library Compatibility"),
    QStringLiteral("DeepSeek-Coder-V2#17"),
    QStringLiteral("https://github.com/deepseek-ai/DeepSeek-Coder-V2/issues/6"),
    QStringLiteral("Incorrect  Functionality"), // the dataset's double space, kept
    QStringLiteral("\u0627\u0644\u0646\u0645\u0648\u0630\u062c \u062a\u0648\u0642\u0641"), // right to left
    QString(),
};

// A table of the texts above at a fixed size, in a given font, with one row selected, drawn
// with `delegate`.
QImage drawTable(QAbstractItemDelegate *delegate, int columnWidth, const QFont &font,
                 Qt::LayoutDirection direction, int selectedRow = 1)
{
    QStringListModel model(Texts);
    QTableView view;
    view.setFont(font);
    view.setLayoutDirection(direction);
    view.setModel(&model);
    view.setItemDelegate(delegate);
    view.setTextElideMode(Qt::ElideMiddle);
    view.setWordWrap(false);
    view.setAlternatingRowColors(true);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.verticalHeader()->hide();
    view.horizontalHeader()->hide();
    view.setColumnWidth(0, columnWidth);
    view.resize(columnWidth + 40, 260);
    view.selectRow(selectedRow);
    return view.viewport()->grab().toImage();
}

double differingShare(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return 1.0;
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (a.pixel(x, y) != b.pixel(x, y))
                ++differing;
        }
    }
    return double(differing) / double(a.width() * a.height());
}

} // namespace

class TestRecordTableDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drawsAsQtsDelegate_data();
    void drawsAsQtsDelegate();
    void keepsAndRenewsTexts();
};

void TestRecordTableDelegate::drawsAsQtsDelegate_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<QFont>("font");
    QTest::addColumn<int>("direction");
    // Sizes in pixels, so that no screen's dots per inch change what is compared; the
    // application's font and the one Debian's desktops use, at sizes whose line heights round
    // differently.
    QFont debian(QStringLiteral("DejaVu Sans"));
    for (int pixels : {11, 12, 13, 14, 15, 17}) {
        for (QFont font : {QApplication::font(), debian}) {
            font.setPixelSize(pixels);
            QTest::addRow("%s %dpx right to left", qPrintable(font.family()), pixels) << 130 << font << int(Qt::RightToLeft);
            QTest::addRow("%s %dpx wide", qPrintable(font.family()), pixels) << 520 << font << int(Qt::LeftToRight);
            QTest::addRow("%s %dpx narrow, elided", qPrintable(font.family()), pixels) << 130 << font << int(Qt::LeftToRight);
        }
    }
}

// The same table drawn by Qt's delegate and by ours: text placement (left, centred in the row),
// colours (selected, alternate rows) and elision agree. At the offscreen platform's 96 dots per
// inch no pixel differs; at 100 to 110 (QT_FONT_DPI) up to 0.55% do, where the two paths round
// glyph positions apart. A text a pixel low changes 4.8%, the selected text's colour 1.4%,
// elision at the wrong end 4.5%: the allowance of 1% lies between.
void TestRecordTableDelegate::drawsAsQtsDelegate()
{
    QFETCH(int, width);
    QFETCH(QFont, font);
    QFETCH(int, direction);
    constexpr double Allowance = 0.01;
    QStyledItemDelegate qts;
    RecordTableDelegate ours;
    const QImage expected = drawTable(&qts, width, font, Qt::LayoutDirection(direction));
    const QImage drawn = drawTable(&ours, width, font, Qt::LayoutDirection(direction));
    const double share = differingShare(expected, drawn);
    if (share > Allowance) {
        expected.save(QDir::temp().filePath(QStringLiteral("delegate-expected.png")));
        drawn.save(QDir::temp().filePath(QStringLiteral("delegate-drawn.png")));
    }
    QVERIFY2(share <= Allowance, qPrintable(QStringLiteral("%1% of pixels differ").arg(share * 100)));
    // And the allowance is small enough to see a real difference: another row selected.
    QVERIFY(differingShare(expected, drawTable(&qts, width, font, Qt::LayoutDirection(direction), 3)) > Allowance);
}

void TestRecordTableDelegate::keepsAndRenewsTexts()
{
    const RecordTableDelegate delegate;
    QFont font = QApplication::font();
    const QStaticText *first = &delegate.laidOut(Texts[0], 200, Qt::ElideMiddle, font);
    delegate.laidOut(Texts[1], 200, Qt::ElideMiddle, font);
    QCOMPARE(delegate.cachedTexts(), 2);
    // The same text at the same width is not laid out again.
    QCOMPARE(&delegate.laidOut(Texts[0], 200, Qt::ElideMiddle, font), first);
    QCOMPARE(delegate.cachedTexts(), 2);
    // Another width is another entry.
    delegate.laidOut(Texts[0], 100, Qt::ElideMiddle, font);
    QCOMPARE(delegate.cachedTexts(), 3);
    // Another font starts again, and elides for its own metrics.
    font.setPointSizeF(font.pointSizeF() * 2);
    const QStaticText &big = delegate.laidOut(Texts[1], 200, Qt::ElideMiddle, font);
    QCOMPARE(delegate.cachedTexts(), 1);
    QCOMPARE(big.text(), QFontMetrics(font).elidedText(Texts[1], Qt::ElideMiddle, 200));
    // A table scrolled over many distinct ids does not keep them all.
    for (int i = 0; i < RecordTableDelegate::CacheLimit + 10; ++i)
        delegate.laidOut(QStringLiteral("Model#%1").arg(i), 200, Qt::ElideMiddle, font);
    QVERIFY(delegate.cachedTexts() <= RecordTableDelegate::CacheLimit);
}

QTEST_MAIN(TestRecordTableDelegate)
#include "tst_recordtabledelegate.moc"
