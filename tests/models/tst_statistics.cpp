// Statistics on small hand-written tables. Every expected value was computed independently
// with SciPy 1.x (/usr/bin/python3):
//   chi2_contingency(table, correction=False)            -> statistic, p, dof
//   scipy.stats.contingency.association(table, 'cramer', correction=False) -> Cramér's V
//   scipy.stats.pearsonr(x, y)[0]                        -> Pearson's r
//   scipy.stats.chi2.sf(statistic, dof)                  -> upper tail
// For the tables with an all-zero row or column SciPy was given the table with it removed
// (SciPy refuses zero expected counts), which is what the code under test must do itself.

#include "rawdataset.h"
#include "statistics.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace Triage;

using Table = std::vector<std::vector<double>>;
Q_DECLARE_METATYPE(Table)
Q_DECLARE_METATYPE(std::vector<double>)

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chiSquare_data();
    void chiSquare();
    void chiSquareDegenerate();
    void chiSquareIgnoresOrderOfRowsAndColumns();
    void upperTail_data();
    void upperTail();
    void upperTailEdges();
    void pearson_data();
    void pearson();
    void pearsonUndefined();
    void share();
};

void TestStatistics::chiSquare_data()
{
    QTest::addColumn<Table>("observed");
    QTest::addColumn<double>("statistic");
    QTest::addColumn<int>("dof");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("cramersV");
    QTest::addColumn<qint64>("n");

    QTest::newRow("2x2") << Table{{12, 5}, {7, 19}} << 7.946867309676909 << 1
                         << 0.004817068831291139 << 0.42989634525883663 << qint64(43);
    QTest::newRow("3x4") << Table{{10, 4, 7, 2}, {3, 15, 6, 9}, {8, 2, 11, 5}} << 20.899981359220487
                         << 6 << 0.001912084368663041 << 0.35698586908581437 << qint64(82);
    // The zero row has no expected counts: dropped, so a 2x3 table with dof 2 (not 4) and
    // V over min(2,3)-1 = 1.
    QTest::newRow("all-zero row") << Table{{5, 9, 3}, {0, 0, 0}, {8, 2, 7}} << 6.746853146853146
                                  << 2 << 0.03427200038693861 << 0.4454625206012136 << qint64(34);
    QTest::newRow("all-zero column")
        << Table{{4, 0, 6}, {7, 0, 2}, {3, 0, 9}} << 5.943113912231559 << 2 << 0.05122349547937285
        << 0.43785083305558486 << qint64(31);
    QTest::newRow("5x3") << Table{{20, 3, 7}, {4, 18, 9}, {11, 12, 2}, {6, 5, 25}, {9, 9, 9}}
                         << 53.640075780933785 << 8 << 8.106768669066183e-09 << 0.424264368405403
                         << qint64(149);
}

void TestStatistics::chiSquare()
{
    QFETCH(Table, observed);
    QFETCH(double, statistic);
    QFETCH(int, dof);
    QFETCH(double, p);
    QFETCH(double, cramersV);
    QFETCH(qint64, n);

    const Statistics::ChiSquare test = Statistics::chiSquare(observed);
    COMPARE_RELATIVE(test.statistic, statistic, 1e-9);
    QCOMPARE(test.dof, dof);
    COMPARE_RELATIVE(test.p, p, 1e-9);
    COMPARE_RELATIVE(test.cramersV, cramersV, 1e-9);
    QCOMPARE(qint64(test.n), n);
}

void TestStatistics::chiSquareDegenerate()
{
    // One row: no test is possible (dof 0, p NaN), whatever the columns say.
    Statistics::ChiSquare one = Statistics::chiSquare(Table{{3, 4, 5}});
    QCOMPARE(one.dof, 0);
    QVERIFY(std::isnan(one.p));
    QCOMPARE(qint64(one.n), qint64(12));

    // Two rows of which one is all zero: still only one row left.
    one = Statistics::chiSquare(Table{{3, 4, 5}, {0, 0, 0}});
    QCOMPARE(one.dof, 0);
    QVERIFY(std::isnan(one.p));

    // One column.
    one = Statistics::chiSquare(Table{{3}, {4}, {5}});
    QCOMPARE(one.dof, 0);
    QVERIFY(std::isnan(one.p));

    // Nothing at all.
    one = Statistics::chiSquare(Table{});
    QCOMPARE(one.dof, 0);
    QVERIFY(std::isnan(one.p));
    QCOMPARE(qint64(one.n), qint64(0));

    // Perfect independence (rows proportional): statistic 0, p 1, V 0.
    const Statistics::ChiSquare independent = Statistics::chiSquare(Table{{2, 4, 6}, {3, 6, 9}});
    QCOMPARE(independent.dof, 2);
    COMPARE_RELATIVE(independent.statistic, 0.0, 1e-12);
    COMPARE_RELATIVE(independent.p, 1.0, 1e-9);
    COMPARE_RELATIVE(independent.cramersV, 0.0, 1e-6);
}

void TestStatistics::chiSquareIgnoresOrderOfRowsAndColumns()
{
    // The test of independence does not depend on how rows and columns are ordered: the 3x4
    // table transposed and with its rows reversed gives SciPy's values for the original.
    const Table transposedReversed{{2, 9, 5}, {7, 6, 11}, {4, 15, 2}, {10, 3, 8}};
    const Statistics::ChiSquare test = Statistics::chiSquare(transposedReversed);
    COMPARE_RELATIVE(test.statistic, 20.899981359220487, 1e-9);
    QCOMPARE(test.dof, 6);
    COMPARE_RELATIVE(test.p, 0.001912084368663041, 1e-9);
    COMPARE_RELATIVE(test.cramersV, 0.35698586908581437, 1e-9);
}

void TestStatistics::upperTail_data()
{
    QTest::addColumn<double>("statistic");
    QTest::addColumn<int>("dof");
    QTest::addColumn<double>("p"); // scipy.stats.chi2.sf(statistic, dof)

    QTest::newRow("3.84, 1") << 3.84 << 1 << 0.05004352124870519;
    QTest::newRow("10, 4") << 10.0 << 4 << 0.04042768199451279;
    QTest::newRow("0.5, 2") << 0.5 << 2 << 0.7788007830714049; // = exp(-0.25)
    QTest::newRow("50, 3") << 50.0 << 3 << 7.989179244951495e-11;
    QTest::newRow("divergence") << 235.26900990265986 << 32 << 8.168486760271512e-33;
    QTest::newRow("escalation") << 21.98150435854991 << 8 << 0.004950245853944354;
    QTest::newRow("far tail") << 1000.0 << 30 << 5.131435321572562e-191;
}

void TestStatistics::upperTail()
{
    QFETCH(double, statistic);
    QFETCH(int, dof);
    QFETCH(double, p);
    // The far tails of two independent implementations agree less tightly.
    COMPARE_RELATIVE(Statistics::chiSquareUpperTail(statistic, dof), p, p < 1e-100 ? 1e-7 : 1e-9);
}

void TestStatistics::upperTailEdges()
{
    QCOMPARE(Statistics::chiSquareUpperTail(0.0, 3), 1.0);
    QVERIFY(std::isnan(Statistics::chiSquareUpperTail(5.0, 0)));
    QVERIFY(
        std::isnan(Statistics::chiSquareUpperTail(std::numeric_limits<double>::quiet_NaN(), 2)));
    // With dof 2 the upper tail is exp(-x/2) exactly.
    COMPARE_RELATIVE(Statistics::chiSquareUpperTail(7.0, 2), std::exp(-3.5), 1e-12);
}

void TestStatistics::pearson_data()
{
    QTest::addColumn<std::vector<double>>("x");
    QTest::addColumn<std::vector<double>>("y");
    QTest::addColumn<double>("r"); // scipy.stats.pearsonr(x, y)[0]

    // sqrt(0.6) by hand: sxy = 6, sxx = 10, syy = 6.
    QTest::newRow("five points") << std::vector<double>{1, 2, 3, 4, 5}
                                 << std::vector<double>{2, 4, 5, 4, 5} << 0.7745966692414834;
    QTest::newRow("eight points") << std::vector<double>{3, 1, 4, 1, 5, 9, 2, 6}
                                  << std::vector<double>{2, 7, 1, 8, 2, 8, 1, 8}
                                  << 0.2096553190730122;
    QTest::newRow("negative") << std::vector<double>{1.5, 2.5, -3, 4}
                              << std::vector<double>{-1, -2, 3.5, -4.25} << -0.9958120723232885;
    QTest::newRow("exactly linear")
        << std::vector<double>{1, 2, 3} << std::vector<double>{-2, -4, -6} << -1.0;
}

void TestStatistics::pearson()
{
    QFETCH(std::vector<double>, x);
    QFETCH(std::vector<double>, y);
    QFETCH(double, r);
    COMPARE_RELATIVE(Statistics::pearson(x, y), r, 1e-9);
    COMPARE_RELATIVE(Statistics::pearson(y, x), r, 1e-9); // symmetric
}

void TestStatistics::pearsonUndefined()
{
    // No variance in one of the samples: NaN, not 0 and not a division by zero.
    QVERIFY(std::isnan(Statistics::pearson({4, 4, 4, 4}, {1, 2, 3, 4})));
    QVERIFY(std::isnan(Statistics::pearson({1, 2, 3, 4}, {7, 7, 7, 7})));
    QVERIFY(std::isnan(Statistics::pearson({0, 0, 0}, {0, 0, 0})));
    // Fewer than two points.
    QVERIFY(std::isnan(Statistics::pearson({1}, {2})));
    QVERIFY(std::isnan(Statistics::pearson({}, {})));
}

void TestStatistics::share()
{
    QCOMPARE(Statistics::share(3, 4), 0.75);
    QCOMPARE(Statistics::share(0, 5), 0.0);
    QCOMPARE(Statistics::share(3, 0), 0.0);
}

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
