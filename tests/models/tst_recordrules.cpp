// The record rules on their own: links, labels, stages, label paths and ids.

#include "field.h"
#include "labelpath.h"
#include "record.h"
#include "recordrules.h"

#include <QtTest>

using namespace Triage;

class TestRecordRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void issueLinks_data();
    void issueLinks();
    void labelProblems_data();
    void labelProblems();
    void stages_data();
    void stages();
    void printableTails_data();
    void printableTails();
    void labelPaths();
    void recordIds();
    void series();
    void fieldLevels();
};

void TestRecordRules::issueLinks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("owner");
    QTest::addColumn<QString>("repo");
    QTest::addColumn<qint64>("number");

    QTest::newRow("upstream") << "https://github.com/deepseek-ai/DeepSeek-R1/issues/28" << true
                              << "deepseek-ai" << "DeepSeek-R1" << qint64(28);
    QTest::newRow("dots in repo") << "https://github.com/QwenLM/Qwen2.5/issues/306" << true
                                  << "QwenLM" << "Qwen2.5" << qint64(306);
    QTest::newRow("largest number") << "https://github.com/a/b/issues/2147483647" << true << "a"
                                    << "b" << qint64(2147483647);
    QTest::newRow("number too large") << "https://github.com/a/b/issues/2147483648" << false
                                      << "" << "" << qint64(0);
    QTest::newRow("leading zero") << "https://github.com/a/b/issues/07" << false << "" << ""
                                  << qint64(0);
    QTest::newRow("http") << "http://github.com/a/b/issues/1" << false << "" << "" << qint64(0);
    QTest::newRow("javascript") << "javascript:alert(1)" << false << "" << "" << qint64(0);
    QTest::newRow("file") << "file:///etc/passwd" << false << "" << "" << qint64(0);
    QTest::newRow("other host") << "https://gitlab.com/a/b/issues/1" << false << "" << ""
                                << qint64(0);
    QTest::newRow("lookalike host") << "https://github.com.evil.io/a/b/issues/1" << false << ""
                                    << "" << qint64(0);
    QTest::newRow("pull request") << "https://github.com/a/b/pull/1" << false << "" << ""
                                  << qint64(0);
    QTest::newRow("trailing slash") << "https://github.com/a/b/issues/1/" << false << "" << ""
                                    << qint64(0);
    QTest::newRow("query") << "https://github.com/a/b/issues/1?x=1" << false << "" << ""
                           << qint64(0);
    QTest::newRow("owner starts with hyphen") << "https://github.com/-a/b/issues/1" << false
                                              << "" << "" << qint64(0);
    QTest::newRow("repo is dot-dot") << "https://github.com/a/../issues/1" << false << "" << ""
                                     << qint64(0);
    QTest::newRow("empty") << "" << false << "" << "" << qint64(0);
}

void TestRecordRules::issueLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const std::optional<GitHubIssue> issue = GitHubIssue::parse(url);
    QCOMPARE(issue.has_value(), valid);
    if (valid) {
        QFETCH(QString, owner);
        QFETCH(QString, repo);
        QFETCH(qint64, number);
        QCOMPARE(issue->owner, owner);
        QCOMPARE(issue->repo, repo);
        QCOMPARE(issue->number, number);
        QCOMPARE(issue->url(), url); // the stored parts give the link back exactly
    }
}

void TestRecordRules::labelProblems_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problemContains"); // empty: acceptable

    const int symptom = int(RecordKey::Symptom);
    const int cause = int(RecordKey::Cause);
    const int model = int(RecordKey::Model);
    QTest::newRow("3-level symptom") << symptom << "Crash - CUDA Error - Out of Memory" << "";
    QTest::newRow("2-level symptom") << symptom << "Crash - Assertion Failure" << "";
    QTest::newRow("1-level symptom") << symptom << "Crash" << "has 1 part where 2 or 3";
    QTest::newRow("4-level symptom") << symptom << "A - B - C - D" << "has 4 parts where 2 or 3";
    QTest::newRow("cause") << cause << "Environment Compatibility Issues - CUDA Version Compatibility" << "";
    QTest::newRow("double-space cause (real data)")
        << cause << "Environment Compatibility Issues -  Architecture Compatibility" << "";
    QTest::newRow("3-level cause") << cause << "A - B - C" << "has 3 parts where 2 separated";
    QTest::newRow("empty part") << cause << "A - " << "has an empty part";
    QTest::newRow("blank part") << cause << "A -   " << "has an empty part";
    QTest::newRow("empty") << model << "" << "is empty";
    QTest::newRow("newline") << model << "Qwen\nInjected" << "control character U+000A";
    QTest::newRow("NUL") << model << QString(QStringLiteral("Qwen") + QChar(0)) << "U+0000";
    QTest::newRow("DEL") << model << QString(QStringLiteral("Qwen") + QChar(0x7f)) << "U+007F";
    QTest::newRow("C1 control") << model << QString(QStringLiteral("Qwen") + QChar(0x85)) << "U+0085";
    QTest::newRow("256 characters") << model << QString(256, QChar(0x00e9)) << "";
    QTest::newRow("257 characters") << model << QString(257, QLatin1Char('x')) << "257 characters long";
    QTest::newRow("HTML is text") << model << "<b>Qwen</b><script>alert(1)</script>" << "";
}

void TestRecordRules::labelProblems()
{
    QFETCH(int, key);
    QFETCH(QString, text);
    QFETCH(QString, problemContains);
    const QString problem = labelProblem(RecordKey(key), text);
    if (problemContains.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(problemContains), qPrintable(problem));
}

void TestRecordRules::stages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical"); // empty: refused
    QTest::addColumn<bool>("normalised");

    QTest::newRow("Inference") << "Inference" << "Inference" << false;
    QTest::newRow("Fine-tuning") << "Fine-tuning" << "Fine-tuning" << false;
    QTest::newRow("inference") << "inference" << "Inference" << true;
    QTest::newRow("INFERENCE") << "INFERENCE" << "Inference" << true;
    QTest::newRow("fine tuning") << "fine tuning" << "Fine-tuning" << true;
    QTest::newRow("finetuning") << "finetuning" << "Fine-tuning" << true;
    QTest::newRow("Fine_Tuning") << "Fine_Tuning" << "Fine-tuning" << true;
    QTest::newRow("padded") << "  Inference " << "Inference" << true;
    QTest::newRow("training") << "Training" << "" << false;
    QTest::newRow("spaced letters") << "in ference" << "" << false;
    QTest::newRow("empty") << "" << "" << false;
}

void TestRecordRules::stages()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(bool, normalised);
    bool wasNormalised = false;
    const std::string utf8 = text.toStdString();
    const std::optional<QStringView> stage = canonicalStage(utf8, &wasNormalised);
    QCOMPARE(stage.has_value(), !canonical.isEmpty());
    if (stage) {
        QCOMPARE(stage->toString(), canonical);
        QCOMPARE(wasNormalised, normalised);
    }
}

void TestRecordRules::printableTails_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("characters");
    QTest::addColumn<QByteArray>("tail");

    const auto row
        = [](const char *name, const QByteArray &text, int characters, const QByteArray &tail) {
              QTest::newRow(name) << text << characters << tail;
          };
    row("short", "abc", 5, "abc");
    row("exactly", "abcde", 5, "abcde");
    row("cut", "abcdef", 5, "...bcdef");
    row("empty", "", 5, "");
    // Characters, not bytes: five two-byte e-acutes, and a four-byte emoji kept whole.
    row("two-byte characters", QByteArray("\xC3\xA9").repeated(6), 5,
        "..." + QByteArray("\xC3\xA9").repeated(5));
    row("four-byte character", "x\xF0\x9F\x98\x80y", 2, "...\xF0\x9F\x98\x80y");
    // A long text is decoded from near its end; the start falls inside a character there.
    row("long, cut inside a character", "a" + QByteArray("\xE2\x82\xAC").repeated(1000), 3,
        "..." + QByteArray("\xE2\x82\xAC").repeated(3));
    row("controls", QByteArray("a\x1B\x7F\xC2\x85\xC3\xA9", 7), 9,
        "a<U+001B><U+007F><U+0085>\xC3\xA9");
    row("NUL", QByteArray("a\0b", 3), 9, "a<U+0000>b");
    row("invisible", "a\xC2\xA0\xE2\x80\xAE\xEF\xBB\xBF", 9, "a<U+00A0><U+202E><U+FEFF>");
    // Bytes that do not make UTF-8: a lone continuation byte, a cut sequence, an overlong '/',
    // an encoded surrogate, a code point above U+10FFFF, bytes never used.
    row("lone continuation", "a\x80", 9, "a<0x80>");
    row("cut sequence", "\xE2\x82z", 9, "<0xE2><0x82>z");
    row("overlong", "\xC0\xAF", 9, "<0xC0><0xAF>");
    row("overlong in three bytes", "\xE0\x80\xAF", 9, "<0xE0><0x80><0xAF>");
    row("surrogate", "\xED\xA0\x80", 9, "<0xED><0xA0><0x80>");
    row("above U+10FFFF", "\xF4\x90\x80\x80", 9, "<0xF4><0x90><0x80><0x80>");
    row("0xFF 0xFE", "\xFF\xFE", 9, "<0xFF><0xFE>");
    row("sequence cut by the end", "ab\xE2\x82", 9, "ab<0xE2><0x82>");
}

void TestRecordRules::printableTails()
{
    QFETCH(QByteArray, text);
    QFETCH(int, characters);
    QFETCH(QByteArray, tail);
    const std::string actual = printableTail(
        std::string_view(text.constData(), size_t(text.size())), size_t(characters));
    QCOMPARE(QByteArray::fromStdString(actual), tail);
}

void TestRecordRules::labelPaths()
{
    const QString path = QStringLiteral("Crash - CUDA Error - Out of Memory");
    QCOMPARE(LabelPath::depth(path), 3);
    QCOMPARE(LabelPath::cut(path, 1), QStringLiteral("Crash"));
    QCOMPARE(LabelPath::cut(path, 2), QStringLiteral("Crash - CUDA Error"));
    QCOMPARE(LabelPath::cut(path, 3), path);
    // A shorter label stays whole at a deeper level.
    QCOMPARE(LabelPath::cut(QStringLiteral("Crash - Assertion Failure"), 3),
             QStringLiteral("Crash - Assertion Failure"));
    // The double space of the real data is kept, not normalised away.
    const QString odd = QStringLiteral("Environment Compatibility Issues -  Architecture Compatibility");
    QCOMPARE(LabelPath::cut(odd, 1), QStringLiteral("Environment Compatibility Issues"));
    QCOMPARE(LabelPath::parts(odd),
             QStringList({QStringLiteral("Environment Compatibility Issues"),
                          QStringLiteral(" Architecture Compatibility")}));
    QCOMPARE(LabelPath::cut(odd, 2), odd);
    // A hyphen without spaces is not a separator.
    QCOMPARE(LabelPath::depth(QStringLiteral("Loading Failure - Model Loading Error - Import-Error")), 3);
}

void TestRecordRules::recordIds()
{
    QCOMPARE(recordId(u"DeepSeek-R1", 3), QStringLiteral("DeepSeek-R1#3"));
    const auto parts = splitRecordId(u"Odd#Model#12");
    QVERIFY(parts.has_value());
    QCOMPARE(parts->first, QStringLiteral("Odd#Model"));
    QCOMPARE(parts->second, 12);
    QVERIFY(!splitRecordId(u"NoNumber").has_value());
    QVERIFY(!splitRecordId(u"Model#").has_value());
    QVERIFY(!splitRecordId(u"Model#0").has_value());
    QVERIFY(!splitRecordId(u"#5").has_value());
}

void TestRecordRules::series()
{
    QCOMPARE(seriesForOwner(u"deepseek-ai"), QStringLiteral("DeepSeek"));
    QCOMPARE(seriesForOwner(u"meta-llama"), QStringLiteral("Llama"));
    QCOMPARE(seriesForOwner(u"QwenLM"), QStringLiteral("Qwen"));
    QCOMPARE(seriesForOwner(u"qwenlm"), QStringLiteral("Qwen")); // GitHub owners ignore case
    QCOMPARE(seriesForOwner(u"mistralai"), QStringLiteral("mistralai"));
}

void TestRecordRules::fieldLevels()
{
    QString error;
    const auto symptom2 = FieldLevel::parse(u"symptom:2", &error);
    QVERIFY(symptom2.has_value());
    QCOMPARE(symptom2->field, Field::Symptom);
    QCOMPARE(symptom2->level, 2);
    QCOMPARE(FieldLevel::parse(u"stage", &error)->level, 1);
    QVERIFY(!FieldLevel::parse(u"cause:3", &error).has_value());
    QVERIFY(error.contains(QStringLiteral("levels 1 to 2")));
    QVERIFY(!FieldLevel::parse(u"colour", &error).has_value());
    QVERIFY(error.contains(QStringLiteral("unknown field")));
    QVERIFY(!FieldLevel::parse(u"symptom:x", &error).has_value());
}

QTEST_GUILESS_MAIN(TestRecordRules)
#include "tst_recordrules.moc"
