// FacetCombinations on columns made up here: every record finds its own codes again through
// its combination, the uses add up to a plain count, an edit moves a record between
// combinations, and past 65,536 combinations a build or an edit gives up.

#include "facetcombinations.h"

#include <QtTest>

#include <map>
#include <random>

using namespace Triage;

class TestFacetCombinations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsUsesAndCollects();
    void updateMovesRecords();
    void givesUpPast65536();
};

namespace {

using Columns = std::array<std::vector<quint32>, FacetCombinations::FieldCount>;

std::array<const std::vector<quint32> *, FacetCombinations::FieldCount> pointers(const Columns &columns)
{
    std::array<const std::vector<quint32> *, FacetCombinations::FieldCount> result{};
    for (size_t field = 0; field < columns.size(); ++field)
        result[field] = &columns[field];
    return result;
}

FacetCombinations::Codes codesOf(const Columns &columns, size_t row)
{
    FacetCombinations::Codes codes{};
    for (size_t field = 0; field < columns.size(); ++field)
        codes[field] = columns[field][row];
    return codes;
}

// Every record's combination holds its codes, and each combination's uses are the number of
// records holding exactly those codes.
QString mismatch(const FacetCombinations &combinations, const Columns &columns)
{
    const size_t n = columns[0].size();
    if (combinations.rowCount() != n)
        return QStringLiteral("%1 rows, not %2").arg(combinations.rowCount()).arg(n);
    std::map<FacetCombinations::Codes, qint64> plain;
    for (size_t row = 0; row < n; ++row) {
        const FacetCombinations::Codes codes = codesOf(columns, row);
        ++plain[codes];
        if (combinations.codes(combinations.combinationOf(quint32(row))) != codes)
            return QStringLiteral("row %1 holds other codes").arg(row);
    }
    qint64 total = 0;
    for (quint32 c = 0; c < combinations.combinationCount(); ++c) {
        const auto found = plain.find(combinations.codes(c));
        const qint64 expected = found == plain.end() ? 0 : found->second;
        if (combinations.uses(c) != expected)
            return QStringLiteral("combination %1: %2 uses, not %3").arg(c).arg(combinations.uses(c)).arg(expected);
        total += combinations.uses(c);
    }
    return total == qint64(n) ? QString() : QStringLiteral("the uses add up to %1").arg(total);
}

Columns randomColumns(size_t n, const std::array<quint32, FacetCombinations::FieldCount> &values, quint32 seed)
{
    std::mt19937 random(seed);
    Columns columns;
    for (size_t field = 0; field < columns.size(); ++field) {
        columns[field].resize(n);
        for (quint32 &code : columns[field])
            code = quint32(random() % values[field]);
    }
    return columns;
}

// collect() against a plain scan over ranges of `columns`, each into a buffer of exactly the
// passing rows and one more, checked for a write past it.
QString collectMismatch(const FacetCombinations &combinations, const std::vector<quint8> &passes,
                        const Columns &columns)
{
    const auto n = quint32(columns[0].size());
    for (const auto &[begin, end] : {std::pair<quint32, quint32>{0, n}, {17, n - 907}, {300, 300}}) {
        std::vector<quint32> expected;
        for (quint32 row = begin; row < end; ++row) {
            if (passes[combinations.combinationOf(row)])
                expected.push_back(row);
        }
        constexpr quint32 Guard = 0xdeadbeef;
        std::vector<quint32> out(expected.size() + 2, Guard);
        const quint32 written = combinations.collect(passes.data(), begin, end, out.data());
        if (out.back() != Guard)
            return QStringLiteral("[%1, %2): written past the room for the passing rows and one").arg(begin).arg(end);
        if (written != expected.size())
            return QStringLiteral("[%1, %2): %3 rows, not %4").arg(begin).arg(end).arg(written).arg(expected.size());
        out.resize(written);
        if (out != expected)
            return QStringLiteral("[%1, %2): other rows").arg(begin).arg(end);
    }
    return {};
}

} // namespace

void TestFacetCombinations::buildsUsesAndCollects()
{
    const Columns columns = randomColumns(5000, {5, 4, 2, 3, 3, 2, 2}, 1);
    FacetCombinations combinations;
    combinations.build(pointers(columns));
    const QString wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(combinations.combinationCount() > 100 && combinations.combinationCount() <= 5 * 4 * 2 * 3 * 3 * 2 * 2);

    // The rows whose first code is 0 or whose third is 1, gathered against a plain scan, over
    // the whole and over ranges that start and end inside, into exactly as much room as the
    // contract asks: the passing rows and one more.
    std::vector<quint8> passes(combinations.combinationCount());
    for (quint32 c = 0; c < combinations.combinationCount(); ++c)
        passes[c] = combinations.codes(c)[0] == 0 || combinations.codes(c)[2] == 1;
    QVERIFY(!passes[combinations.combinationOf(4999)]); // the last row fails: its write is the spare
    const QString wrong2 = collectMismatch(combinations, passes, columns);
    QVERIFY2(wrong2.isEmpty(), qPrintable(wrong2));
}

void TestFacetCombinations::updateMovesRecords()
{
    Columns columns = randomColumns(2000, {3, 3, 2, 2, 2, 2, 2}, 2);
    FacetCombinations combinations;
    combinations.build(pointers(columns));
    const quint32 before = combinations.combinationCount();

    // A relabel to a code no record had makes a new combination; relabelling back leaves it
    // with no uses.
    columns[1][7] = 99;
    combinations.update(7, codesOf(columns, 7));
    QCOMPARE(combinations.combinationCount(), before + 1);
    QCOMPARE(combinations.uses(combinations.combinationOf(7)), qint64(1));
    QString wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

    const quint32 fresh = combinations.combinationOf(7);
    columns[1][7] = 0;
    combinations.update(7, codesOf(columns, 7));
    QCOMPARE(combinations.uses(fresh), qint64(0));
    wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

    // Many records moved at random still agree with a plain count.
    std::mt19937 random(3);
    for (int i = 0; i < 500; ++i) {
        const auto row = quint32(random() % 2000);
        columns[size_t(random() % 3)][row] = quint32(random() % 4);
        combinations.update(row, codesOf(columns, row));
    }
    wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
}

void TestFacetCombinations::givesUpPast65536()
{
    // 300 x 300 values in the first two fields: about 60,000 distinct pairs in 100,000 rows.
    Columns columns = randomColumns(100000, {300, 300, 1, 1, 1, 1, 1}, 4);
    FacetCombinations combinations;
    QVERIFY(combinations.build(pointers(columns)));
    QVERIFY(combinations.combinationCount() > 50000);
    QString wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    std::vector<quint8> passes(combinations.combinationCount());
    for (quint32 i = 0; i < combinations.combinationCount(); ++i)
        passes[i] = combinations.codes(i)[0] % 2 == 0;
    wrong = collectMismatch(combinations, passes, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

    // Edits make new combinations up to the limit; the one past it is refused, and the
    // record keeps the combination it had.
    quint32 code = 1000;
    quint32 row = 0;
    while (combinations.combinationCount() < FacetCombinations::Limit) {
        columns[2][row] = code++;
        QVERIFY(combinations.update(row, codesOf(columns, row)));
        row = (row + 7919) % 100000;
    }
    wrong = mismatch(combinations, columns);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    const quint32 held = combinations.combinationOf(row);
    FacetCombinations::Codes past = codesOf(columns, row);
    past[2] = code;
    QVERIFY(!combinations.update(row, past));
    QCOMPARE(combinations.combinationOf(row), held);
    QCOMPARE(combinations.combinationCount(), FacetCombinations::Limit);

    // A build that meets more than the limit gives up and keeps nothing.
    const Columns many = randomColumns(200000, {1000, 1000, 1, 1, 1, 1, 1}, 5);
    FacetCombinations tooMany;
    QVERIFY(!tooMany.build(pointers(many)));
    QCOMPARE(tooMany.rowCount(), size_t(0));
    QCOMPARE(tooMany.combinationCount(), quint32(0));
}

QTEST_GUILESS_MAIN(TestFacetCombinations)
#include "tst_facetcombinations.moc"
