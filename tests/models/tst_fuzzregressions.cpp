// Replays every input the fuzzers kept (tests/data/fuzz-regressions/TARGET/*) through the
// same checks as the libFuzzer harnesses (tests/fuzz), so a fixed crash stays fixed in every
// build, clang or not. A new crash input is added by copying it into its target's folder.

#include "checkfailed.h"
#include "importcheck.h"
#include "readercheck.h"
#include "testsupport.h"
#include "wherecheck.h"

#include <QDir>
#include <QDirIterator>
#include <QtTest>

#include <memory>

using namespace Triage;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replay_data();
    void replay();

private:
    std::unique_ptr<Fuzz::ImportCheck> m_import;
    std::unique_ptr<Fuzz::WhereCheck> m_where;
};

void TestFuzzRegressions::initTestCase()
{
    m_import = std::make_unique<Fuzz::ImportCheck>();
    m_where = std::make_unique<Fuzz::WhereCheck>();
}

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QDir root(TestSupport::testDataPath(QStringLiteral("fuzz-regressions")));
    QVERIFY2(root.exists(), qPrintable(root.path()));
    int inputs = 0;
    for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir folder(root.filePath(target));
        for (const QString &name : folder.entryList(QDir::Files, QDir::Name)) {
            QTest::addRow("%s/%s", qPrintable(target), qPrintable(name))
                << target << folder.filePath(name);
            ++inputs;
        }
    }
    QVERIFY(inputs > 0);
}

void TestFuzzRegressions::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const std::string_view input(bytes.constData(), size_t(bytes.size()));
    try {
        if (target == QLatin1String("reader"))
            Fuzz::checkReader(input);
        else if (target == QLatin1String("import"))
            m_import->check(input);
        else if (target == QLatin1String("where"))
            m_where->check(input);
        else
            QFAIL(qPrintable(QStringLiteral("no fuzz target '%1'").arg(target)));
    } catch (const std::exception &error) {
        QFAIL(error.what());
    }
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
