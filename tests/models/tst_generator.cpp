// The synthetic data generator. Its output is read back here with QJsonDocument and compared
// with the real dataset's raw files, also read here: no expectation comes from the generator.

#include "exporter.h"
#include "importer.h"
#include "syntheticgenerator.h"
#include "testsupport.h"
#include "workspace.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <map>

using namespace Triage;

namespace {

// Every *.json below `folder`, by path relative to it, with its bytes.
std::map<QString, QByteArray> readFiles(const QString &folder)
{
    std::map<QString, QByteArray> files;
    QDirIterator it(folder, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        files[QDir(folder).relativeFilePath(path)] = file.readAll();
    }
    return files;
}

QJsonArray parseArray(const QByteArray &bytes, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    *ok = error.error == QJsonParseError::NoError && document.isArray();
    return document.array();
}

// owner/repo of https://github.com/OWNER/REPO/issues/N
QString repoOf(const QString &link)
{
    const QStringList parts = link.split(QLatin1Char('/'));
    return parts.value(3) + QLatin1Char('/') + parts.value(4);
}

// The values the generator must take over from one real record, as one string.
QString tupleOf(const QJsonObject &o)
{
    return QStringList{o.value(u"SYMPTOM").toString(), o.value(u"ROOT CAUSE").toString(),
        o.value(u"STAGE").toString(), o.value(u"model").toString(),
        o.value(u"architecture").toString(), repoOf(o.value(u"link").toString())}
        .join(QLatin1Char('\x1f'));
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesTheCount_data();
    void writesTheCount();
    void sameSeedSameBytes();
    void recordsComeFromTheRealData();
    void importsWithoutProblems();
    void edgeCounts();
    void unwritableFolderThrows();

private:
    QString generate(qint64 count, quint64 seed, GeneratorResult *result = nullptr);

    QTemporaryDir m_dir;
    int m_runs = 0;
    std::map<QString, QByteArray> m_realFiles;
    QSet<QString> m_realTuples;
    std::map<QString, QString> m_realModelOfFile; // relative path -> model
};

QString TestGenerator::generate(qint64 count, quint64 seed, GeneratorResult *result)
{
    const QString folder = m_dir.filePath(QStringLiteral("run%1").arg(++m_runs));
    const GeneratorResult r = generateSynthetic(count, folder, seed);
    if (result)
        *result = r;
    return folder;
}

void TestGenerator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_realFiles = readFiles(TestSupport::datasetPath());
    QCOMPARE(int(m_realFiles.size()), 14);
    int records = 0;
    for (const auto &[path, bytes] : m_realFiles) {
        bool ok = false;
        const QJsonArray array = parseArray(bytes, &ok);
        QVERIFY(ok);
        for (const QJsonValue &value : array) {
            m_realTuples.insert(tupleOf(value.toObject()));
            m_realModelOfFile[path] = value.toObject().value(u"model").toString();
            ++records;
        }
    }
    QCOMPARE(records, 706);
}

void TestGenerator::writesTheCount_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("1000") << qint64(1000) << quint64(1);
    QTest::newRow("5000") << qint64(5000) << quint64(987654321);
    QTest::newRow("37") << qint64(37) << quint64(42);
}

void TestGenerator::writesTheCount()
{
    QFETCH(qint64, count);
    QFETCH(quint64, seed);
    GeneratorResult result;
    const QString folder = generate(count, seed, &result);
    const std::map<QString, QByteArray> files = readFiles(folder);
    QVERIFY(!files.empty());

    qint64 records = 0;
    qint64 bytes = 0;
    for (const auto &[path, content] : files) {
        // Only the dataset's own relative paths (folder names ending in a space included).
        QVERIFY2(m_realFiles.count(path), qPrintable(path));
        bool ok = false;
        const QJsonArray array = parseArray(content, &ok);
        QVERIFY2(ok, qPrintable(path));
        QVERIFY2(!array.isEmpty(), qPrintable(path)); // no empty files are written
        // Numbers run 1, 2, ... within each file.
        for (qsizetype i = 0; i < array.size(); ++i)
            QCOMPARE(array[i].toObject().value(u"number").toInteger(), qint64(i + 1));
        records += array.size();
        bytes += content.size();
    }
    QCOMPARE(records, count);
    QCOMPARE(result.records, count);
    QCOMPARE(result.files, qint64(files.size()));
    QCOMPARE(result.bytes, bytes);
}

void TestGenerator::sameSeedSameBytes()
{
    const std::map<QString, QByteArray> a = readFiles(generate(3000, 7));
    const std::map<QString, QByteArray> b = readFiles(generate(3000, 7));
    const std::map<QString, QByteArray> c = readFiles(generate(3000, 8));
    QCOMPARE(a.size(), b.size());
    for (const auto &[path, bytes] : a) {
        QVERIFY2(b.count(path), qPrintable(path));
        QVERIFY2(b.at(path) == bytes, qPrintable(path)); // byte for byte
    }
    // Another seed draws other records and issue numbers: some file differs.
    bool differs = a.size() != c.size();
    for (const auto &[path, bytes] : a) {
        if (!c.count(path) || c.at(path) != bytes)
            differs = true;
    }
    QVERIFY(differs);
}

void TestGenerator::recordsComeFromTheRealData()
{
    const QString folder = generate(4000, 20250101);
    const QRegularExpression linkForm(
        QStringLiteral("^https://github\\.com/[^/]+/[^/]+/issues/([1-9][0-9]*)$"));
    const QSet<QString> keys = {QStringLiteral("number"), QStringLiteral("link"),
        QStringLiteral("status"), QStringLiteral("SYMPTOM"), QStringLiteral("ROOT CAUSE"),
        QStringLiteral("STAGE"), QStringLiteral("model"), QStringLiteral("architecture")};
    QSet<QString> tuplesSeen;
    for (const auto &[path, content] : readFiles(folder)) {
        bool ok = false;
        const QJsonArray array = parseArray(content, &ok);
        QVERIFY(ok);
        for (const QJsonValue &value : array) {
            const QJsonObject o = value.toObject();
            const QStringList objectKeys = o.keys();
            QCOMPARE(QSet<QString>(objectKeys.cbegin(), objectKeys.cend()), keys);
            const QString tuple = tupleOf(o);
            QVERIFY2(m_realTuples.contains(tuple), qPrintable(tuple));
            tuplesSeen.insert(tuple);
            // In the file its model lives in, upstream.
            QCOMPARE(o.value(u"model").toString(), m_realModelOfFile.at(path));
            const QString status = o.value(u"status").toString();
            QVERIFY2(status == u"open" || status == u"closed", qPrintable(status));
            // A link of the dataset's form, issue numbers from 1 to 20000 as documented.
            const QRegularExpressionMatch match = linkForm.match(o.value(u"link").toString());
            QVERIFY2(match.hasMatch(), qPrintable(o.value(u"link").toString()));
            const qint64 issue = match.captured(1).toLongLong();
            QVERIFY(issue >= 1 && issue <= 20000);
        }
    }
    // 4000 draws from 706 records reach many distinct tuples, not a handful.
    QVERIFY2(tuplesSeen.size() > 300, qPrintable(QString::number(tuplesSeen.size())));
}

void TestGenerator::importsWithoutProblems()
{
    const qint64 count = 6000;
    const QString folder = generate(count, 99);
    QTemporaryDir dir;
    std::unique_ptr<Workspace> workspace = TestSupport::createWorkspace(dir);
    const ImportReport report = Importer(*workspace).run({folder});
    QCOMPARE(report.imported, count);
    QCOMPARE(report.alreadyPresent, qint64(0));
    QCOMPARE(report.conflicts, qint64(0));
    QCOMPARE(report.quarantined, qint64(0));
    QCOMPARE(report.replaced, qint64(0));
    QCOMPARE(report.rejectedFiles, qint64(0));
    QCOMPARE(report.warnings, qint64(0));
    QCOMPARE(report.problemsLeftOut, qint64(0));
    QVERIFY(!report.cancelled);
    QVERIFY2(report.problems.isEmpty(), qPrintable(report.problems.value(0).toString()));
    QCOMPARE(workspace->recordCount(), count);
    QVERIFY(workspace->quarantine().isEmpty());

    // Importing the same files again finds every record already there.
    const ImportReport again = Importer(*workspace).run({folder});
    QCOMPARE(again.imported, qint64(0));
    QCOMPARE(again.alreadyPresent, count);
    QCOMPARE(again.conflicts, qint64(0));
}

void TestGenerator::edgeCounts()
{
    GeneratorResult result;
    const QString none = generate(0, 5, &result);
    QCOMPARE(result.records, qint64(0));
    QCOMPARE(result.files, qint64(0));
    QVERIFY(readFiles(none).empty());

    const QString one = generate(1, 5, &result);
    QCOMPARE(result.records, qint64(1));
    QCOMPARE(result.files, qint64(1));
    const std::map<QString, QByteArray> files = readFiles(one);
    QCOMPARE(int(files.size()), 1);
    bool ok = false;
    const QJsonArray array = parseArray(files.begin()->second, &ok);
    QVERIFY(ok);
    QCOMPARE(int(array.size()), 1);
    QCOMPARE(array[0].toObject().value(u"number").toInteger(), qint64(1));
}

void TestGenerator::unwritableFolderThrows()
{
    // A regular file where the output folder should be: no folder can be made below it.
    const QString blocker
        = TestSupport::writeFile(m_dir, QStringLiteral("blocker"), "not a folder");
    QVERIFY_THROWS_EXCEPTION(ExportError, generateSynthetic(10, blocker, 1));
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
