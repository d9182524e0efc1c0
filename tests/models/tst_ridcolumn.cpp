// RidColumn against the plain vector it stands for: every row's id, and every id's row (or
// none), with ids close together (four-byte offsets), with gaps and negative ids, and with
// ids spanning 2^32 or more (kept as they are).

#include "ridcolumn.h"

#include <QtTest>

#include <algorithm>
#include <limits>

using namespace Triage;

class TestRidColumn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithThePlainVector_data();
    void agreesWithThePlainVector();
};

void TestRidColumn::agreesWithThePlainVector_data()
{
    QTest::addColumn<std::vector<qint64>>("rids");
    std::vector<qint64> counting(1000);
    std::iota(counting.begin(), counting.end(), 1);
    std::vector<qint64> gaps;
    for (qint64 rid = -50; rid < 5000; rid += 1 + (rid + 50) * 7 % 13)
        gaps.push_back(rid);
    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();
    QTest::newRow("empty") << std::vector<qint64>{};
    QTest::newRow("one") << std::vector<qint64>{42};
    QTest::newRow("1..1000") << counting;
    QTest::newRow("gaps and negatives") << gaps;
    QTest::newRow("span 2^32 - 1") << std::vector<qint64>{7, 8, 7 + qint64(std::numeric_limits<quint32>::max())};
    QTest::newRow("span 2^32") << std::vector<qint64>{7, 8, 7 + qint64(std::numeric_limits<quint32>::max()) + 1};
    QTest::newRow("whole range") << std::vector<qint64>{min, -1, 0, 1, max};
}

void TestRidColumn::agreesWithThePlainVector()
{
    QFETCH(std::vector<qint64>, rids);
    RidColumn column;
    column.assign(rids);
    QCOMPARE(column.size(), rids.size());
    for (size_t row = 0; row < rids.size(); ++row) {
        QCOMPARE(column[quint32(row)], rids[row]);
        QCOMPARE(column.find(rids[row]), std::optional<quint32>(quint32(row)));
    }
    // Ids not held: beside each one, below and above all, and far off.
    std::vector<qint64> absent{std::numeric_limits<qint64>::min() + 1, std::numeric_limits<qint64>::max() - 1, 3,
                               qint64(1) << 40};
    for (qint64 rid : rids) {
        if (rid != std::numeric_limits<qint64>::min())
            absent.push_back(rid - 1);
        if (rid != std::numeric_limits<qint64>::max())
            absent.push_back(rid + 1);
    }
    for (qint64 rid : absent) {
        if (!std::binary_search(rids.begin(), rids.end(), rid))
            QVERIFY2(!column.find(rid), qPrintable(QString::number(rid)));
    }
}

QTEST_GUILESS_MAIN(TestRidColumn)
#include "tst_ridcolumn.moc"
