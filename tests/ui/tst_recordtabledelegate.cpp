// RecordTableDelegate keeps each cell's laid-out text: it must elide as Qt does, draw where and
// in the colour Qt's own delegate draws, reuse what it laid out, start again for another font,
// and leave texts with line breaks to Qt.

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

// A table of the texts above at a fixed size, with one row selected, drawn with `delegate`.
QImage drawTable(QAbstractItemDelegate *delegate, int columnWidth, int selectedRow = 1)
{
    QStringListModel model(Texts);
    QTableView view;
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
    void elidesAsQtDoes_data();
    void elidesAsQtDoes();
    void drawsAsQtsDelegate_data();
    void drawsAsQtsDelegate();
    void keepsAndRenewsTexts();
};

void TestRecordTableDelegate::elidesAsQtDoes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("mode");
    for (const QString &text : Texts) {
        for (int width : {20, 90, 200, 1000}) {
            for (Qt::TextElideMode mode : {Qt::ElideMiddle, Qt::ElideRight}) {
                QTest::addRow("%s/%d/%d", qPrintable(text.left(12)), width, int(mode))
                    << text << width << int(mode);
            }
        }
    }
}

void TestRecordTableDelegate::elidesAsQtDoes()
{
    QFETCH(QString, text);
    QFETCH(int, width);
    QFETCH(int, mode);
    const RecordTableDelegate delegate;
    const QFont font = QApplication::font();
    const QStaticText &laid = delegate.laidOut(text, width, Qt::TextElideMode(mode), font);
    QCOMPARE(laid.text(), QFontMetrics(font).elidedText(text, Qt::TextElideMode(mode), width));
    QCOMPARE(laid.textFormat(), Qt::PlainText);
}

void TestRecordTableDelegate::drawsAsQtsDelegate_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("wide") << 520;
    QTest::newRow("narrow, elided") << 130;
}

// The same table drawn by Qt's delegate and by ours: text placement (left, centred in the row,
// right to left), colours (selected, alternate rows) and elision agree. A few pixels may be
// shaded differently where the two paths round glyph positions; a text drawn a pixel off, in
// another colour or elided elsewhere changes far more than the allowance.
void TestRecordTableDelegate::drawsAsQtsDelegate()
{
    QFETCH(int, width);
    QStyledItemDelegate qts;
    RecordTableDelegate ours;
    const QImage expected = drawTable(&qts, width);
    const QImage drawn = drawTable(&ours, width);
    const double share = differingShare(expected, drawn);
    if (share > 0.002) {
        expected.save(QDir::temp().filePath(QStringLiteral("delegate-expected.png")));
        drawn.save(QDir::temp().filePath(QStringLiteral("delegate-drawn.png")));
    }
    QVERIFY2(share <= 0.002, qPrintable(QStringLiteral("%1% of pixels differ").arg(share * 100)));
    // And the allowance is small enough to see a real difference: another row selected.
    QVERIFY(differingShare(expected, drawTable(&qts, width, 3)) > 0.002);
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
