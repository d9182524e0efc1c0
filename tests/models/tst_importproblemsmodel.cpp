// The import problems as a table: columns, roles, plain text, and sorting, over a report built
// here by hand (no import runs), under QAbstractItemModelTester.

#include "importproblemsmodel.h"
#include "importreport.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QtTest>

using namespace Triage;

namespace {

using Kind = ImportProblem::Kind;

// In file order, as an importer would report them.
QVector<ImportProblem> problems()
{
    return {
        {Kind::Quarantined, QStringLiteral("in/b.json"), 10, 3,
            QStringLiteral("missing field 'link'"), {}},
        {Kind::RejectedFile, QStringLiteral("in/a.json"), 3, 15,
            QStringLiteral("unexpected end of input"), {}},
        {Kind::Conflict, QStringLiteral("in/b.json"), 9, 3,
            QStringLiteral("STAGE differs (workspace 'Inference', file 'Fine-tuning')"),
            QStringLiteral("Qwen#7")},
        {Kind::Warning, QStringLiteral("in/b.json"), 2, 3,
            QStringLiteral("'STAGE' 'inference' read as 'Inference'"), {}},
        {Kind::RejectedFile, QStringLiteral("missing"), 0, 0,
            QStringLiteral("no such file or folder"), {}},
        {Kind::Quarantined, QStringLiteral("in/b.json"), 2, 40,
            QStringLiteral("'status' <b>bold</b> & <script>x</script>"), {}},
    };
}

QStringList column(const ImportProblemsModel &model, int column)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(model.data(model.index(row, column)).toString());
    return texts;
}

} // namespace

class TestImportProblemsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsAndRoles();
    void plainText();
    void sorts();
    void sortKeepsPersistentIndexes();
    void emptyAndReset();
};

void TestImportProblemsModel::columnsAndRoles()
{
    ImportProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProblems(problems());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0); // a table: no children
    QCOMPARE(model.headerData(ImportProblemsModel::Kind, Qt::Horizontal).toString(),
        QStringLiteral("Kind"));
    QCOMPARE(model.headerData(ImportProblemsModel::Place, Qt::Horizontal).toString(),
        QStringLiteral("Place"));
    QCOMPARE(model.headerData(ImportProblemsModel::Message, Qt::Horizontal).toString(),
        QStringLiteral("Problem"));

    QCOMPARE(column(model, ImportProblemsModel::Kind),
        (QStringList{QStringLiteral("record quarantined"), QStringLiteral("file rejected"),
            QStringLiteral("conflict"), QStringLiteral("warning"), QStringLiteral("file rejected"),
            QStringLiteral("record quarantined")}));
    // A problem about a whole file has no line: the place is the file alone.
    QCOMPARE(column(model, ImportProblemsModel::Place),
        (QStringList{QStringLiteral("in/b.json:10:3"), QStringLiteral("in/a.json:3:15"),
            QStringLiteral("in/b.json:9:3"), QStringLiteral("in/b.json:2:3"),
            QStringLiteral("missing"), QStringLiteral("in/b.json:2:40")}));
    QCOMPARE(model.data(model.index(1, ImportProblemsModel::Message)).toString(),
        QStringLiteral("unexpected end of input"));
    // A conflict names the record the workspace keeps.
    const QString conflict = model.data(model.index(2, ImportProblemsModel::Message)).toString();
    QVERIFY2(conflict.contains(QStringLiteral("Qwen#7")), qPrintable(conflict));
    QVERIFY(conflict.contains(
        QStringLiteral("STAGE differs (workspace 'Inference', file 'Fine-tuning')")));

    // Roles, from any column of the row.
    for (int c = 0; c < model.columnCount(); ++c) {
        const QModelIndex index = model.index(2, c);
        QCOMPARE(index.data(ImportProblemsModel::KindRole).toInt(), int(Kind::Conflict));
        QCOMPARE(index.data(ImportProblemsModel::FileRole).toString(), QStringLiteral("in/b.json"));
        QCOMPARE(index.data(ImportProblemsModel::LineRole).toInt(), 9);
        QCOMPARE(index.data(ImportProblemsModel::ColumnRole).toInt(), 3);
        QCOMPARE(
            index.data(ImportProblemsModel::RecordIdRole).toString(), QStringLiteral("Qwen#7"));
    }
    QCOMPARE(
        model.index(1, 0).data(ImportProblemsModel::KindRole).toInt(), int(Kind::RejectedFile));
    QCOMPARE(model.index(3, 0).data(ImportProblemsModel::KindRole).toInt(), int(Kind::Warning));
    QCOMPARE(model.index(0, 0).data(ImportProblemsModel::KindRole).toInt(), int(Kind::Quarantined));
    QCOMPARE(model.problem(1).message, QStringLiteral("unexpected end of input"));
}

void TestImportProblemsModel::plainText()
{
    ImportProblemsModel model;
    model.setProblems(problems());
    // Display text is the file's text as it is; the tooltip is HTML with it escaped, so a
    // tooltip never renders markup that came from a file.
    const QModelIndex index = model.index(5, ImportProblemsModel::Message);
    QCOMPARE(index.data().toString(), QStringLiteral("'status' <b>bold</b> & <script>x</script>"));
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(!tip.contains(QStringLiteral("<b>")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("<script>")));
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;")),
        qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("in/b.json:2:40")));
    // The whole problem is in the tooltip whichever column it is asked of.
    QCOMPARE(model.index(5, ImportProblemsModel::Kind).data(Qt::ToolTipRole).toString(), tip);
    QVERIFY(!model.index(5, 0).data(Qt::DecorationRole).isValid());
}

void TestImportProblemsModel::sorts()
{
    ImportProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProblems(problems());
    const QStringList fileOrder = column(model, ImportProblemsModel::Place);

    // By kind in the order file rejected, quarantined, conflict, warning; equal kinds stay in
    // file order.
    model.sort(ImportProblemsModel::Kind, Qt::AscendingOrder);
    QCOMPARE(column(model, ImportProblemsModel::Place),
        (QStringList{QStringLiteral("in/a.json:3:15"), QStringLiteral("missing"),
            QStringLiteral("in/b.json:10:3"), QStringLiteral("in/b.json:2:40"),
            QStringLiteral("in/b.json:9:3"), QStringLiteral("in/b.json:2:3")}));
    model.sort(ImportProblemsModel::Kind, Qt::DescendingOrder);
    QCOMPARE(column(model, ImportProblemsModel::Place),
        (QStringList{QStringLiteral("in/b.json:2:3"), QStringLiteral("in/b.json:9:3"),
            QStringLiteral("in/b.json:10:3"), QStringLiteral("in/b.json:2:40"),
            QStringLiteral("in/a.json:3:15"), QStringLiteral("missing")}));

    // By place: the file, then line and column as numbers (9 before 10, 3 before 40).
    model.sort(ImportProblemsModel::Place, Qt::AscendingOrder);
    QCOMPARE(column(model, ImportProblemsModel::Place),
        (QStringList{QStringLiteral("in/a.json:3:15"), QStringLiteral("in/b.json:2:3"),
            QStringLiteral("in/b.json:2:40"), QStringLiteral("in/b.json:9:3"),
            QStringLiteral("in/b.json:10:3"), QStringLiteral("missing")}));
    model.sort(ImportProblemsModel::Place, Qt::DescendingOrder);
    QCOMPARE(column(model, ImportProblemsModel::Place).first(), QStringLiteral("missing"));
    QCOMPARE(column(model, ImportProblemsModel::Place).last(), QStringLiteral("in/a.json:3:15"));

    model.sort(ImportProblemsModel::Message, Qt::AscendingOrder);
    QCOMPARE(column(model, ImportProblemsModel::Message).first(),
        QStringLiteral("'STAGE' 'inference' read as 'Inference'"));
    QCOMPARE(column(model, ImportProblemsModel::Message).last(),
        QStringLiteral("with Qwen#7, which the workspace keeps: STAGE differs (workspace "
                       "'Inference', file 'Fine-tuning')"));

    // No column: back to file order.
    model.sort(-1);
    QCOMPARE(column(model, ImportProblemsModel::Place), fileOrder);
}

void TestImportProblemsModel::sortKeepsPersistentIndexes()
{
    ImportProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProblems(problems());
    const QPersistentModelIndex missing = model.index(4, ImportProblemsModel::Message);
    const QPersistentModelIndex warning = model.index(3, ImportProblemsModel::Place);
    QSignalSpy about(&model, &QAbstractItemModel::layoutAboutToBeChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::layoutChanged);
    model.sort(ImportProblemsModel::Place, Qt::AscendingOrder);
    QCOMPARE(about.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(missing.row(), 5);
    QCOMPARE(missing.column(), int(ImportProblemsModel::Message));
    QCOMPARE(missing.data().toString(), QStringLiteral("no such file or folder"));
    QCOMPARE(warning.row(), 1);
    QCOMPARE(warning.data().toString(), QStringLiteral("in/b.json:2:3"));
}

void TestImportProblemsModel::emptyAndReset()
{
    ImportProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.sort(ImportProblemsModel::Kind);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setProblems(problems());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    model.sort(ImportProblemsModel::Kind);
    // New problems start in their file order again.
    model.setProblems(problems().mid(3, 2));
    QCOMPARE(column(model, ImportProblemsModel::Place),
        (QStringList{QStringLiteral("in/b.json:2:3"), QStringLiteral("missing")}));
    model.setProblems({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
}

QTEST_GUILESS_MAIN(TestImportProblemsModel)
#include "tst_importproblemsmodel.moc"
