// JsonRecordReader on its own: the accepted forms, where each element's text is, field
// capture, duplicate keys, the nesting limit, error positions, LineLocator, and odd input.
// Every expected offset, line and column below was counted by hand from the input text.
// The simdjson fast path is checked against the nlohmann path (setFastPath(false)): the same
// RawRecords on real and generated data, and the same outcome wherever it must step aside.

#include "jsonrecordreader.h"
#include "readerpaths.h"
#include "syntheticgenerator.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QtTest>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace Triage;
using Form = JsonRecordReader::Form;
using TestSupport::difference;
using TestSupport::ReadResult;
using TestSupport::readText;
using TestSupport::view;

namespace {

ReadResult readAll(const QByteArray &text, int maxDepth = JsonRecordReader::DefaultMaxDepth)
{
    return readText(view(text), true, maxDepth);
}

// Reads the text both ways; the nlohmann path's result is the reference. Returns whether the
// fast path did the reading; expectFast, when given, is what it must be.
bool checkBothPaths(std::string_view text, std::optional<bool> expectFast,
                    int maxDepth = JsonRecordReader::DefaultMaxDepth)
{
    const ReadResult slow = readText(text, false, maxDepth);
    const ReadResult fast = readText(text, true, maxDepth);
    [&] {
        QVERIFY(!slow.fast);
        if (expectFast)
            QCOMPARE(fast.fast, *expectFast);
        const QString diff = difference(fast, slow);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }();
    return fast.fast;
}

QByteArray slice(const QByteArray &text, const RawRecord &raw)
{
    return text.mid(raw.offset, raw.length);
}

QByteArray times(const char *piece, int count)
{
    return QByteArray(piece).repeated(count);
}

QByteArray withNul(const char *before, const char *after)
{
    return QByteArray(before) + QByteArray(1, '\0') + QByteArray(after);
}

// What must hold whatever the input: no crash (by getting here), positions inside the text.
void checkInvariants(const QByteArray &text, const ReadResult &result)
{
    for (const RawRecord &raw : result.records) {
        QVERIFY(raw.offset >= 0);
        QVERIFY(raw.length >= 0);
        QVERIFY(raw.offset + raw.length <= text.size());
        if (raw.kind == JsonKind::Object) {
            QCOMPARE(text.at(raw.offset), '{');
            QCOMPARE(text.at(raw.offset + raw.length - 1), '}');
        }
    }
    if (!result.ok) {
        QVERIFY(!result.error.message.empty());
        QVERIFY(result.error.offset >= 0);
        QVERIFY(result.error.offset <= text.size());
    }
}

} // namespace

class TestJsonRecordReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forms_data();
    void forms();
    void elementSlices();
    void jsonLinesSlices();
    void fieldCapture();
    void numbers_data();
    void numbers();
    void manyUnknownKeys();
    void duplicateKeys_data();
    void duplicateKeys();
    void depthLimit_data();
    void depthLimit();
    void errors_data();
    void errors();
    void readerIsReusable();
    void lineLocator();
    void lineLocatorAfterBom();
    void neverCrashes_data();
    void neverCrashes();
    void everyPrefix();
    void randomMutations();
    void fastPathOnRealDataset();
    void fastPathOnGeneratedData();
    void fastPathPadding();
    void fastPath_data();
    void fastPath();
    void fastPathEveryPrefix();
    void fastPathRandomMutations();
};

void TestJsonRecordReader::forms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("form");
    QTest::addColumn<int>("count");
    const auto row = [](const char *name, const QByteArray &text, Form form, int count) {
        QTest::newRow(name) << text << int(form) << count;
    };
    row("array", R"([{"number": 1}, {"number": 2}])", Form::Array, 2);
    row("empty array", "[]", Form::Array, 0);
    row("spaced empty array", " \n [ ] \n ", Form::Array, 0);
    row("single object", R"({"number": 1})", Form::Object, 1);
    row("object and newline", "{\"number\": 1}\n", Form::Object, 1);
    row("json lines", "{\"number\": 1}\n{\"number\": 2}\n{\"number\": 3}\n", Form::JsonLines, 3);
    row("json lines, CRLF, blank line", "{\"number\": 1}\r\n\r\n{}\r\n", Form::JsonLines, 2);
    row("json lines, a record on two lines", "{\"number\":\n 1}\n{}", Form::JsonLines, 2);
    row("BOM + array", "\xEF\xBB\xBF[{}]", Form::Array, 1);
    row("BOM + object", "\xEF\xBB\xBF{}", Form::Object, 1);
    row("BOM + json lines", "\xEF\xBB\xBF{}\n{}", Form::JsonLines, 2);
    row("json lines, non-object lines", "{}\n[1]\n\"s\"\nnull\n{}", Form::JsonLines, 5);
    // A bare number line: the parser reads one character past a number to know it ended; the
    // newline it reads must still count as the separator of the next line.
    row("json lines, a number line", "{}\n42\n{}\n", Form::JsonLines, 3);
    row("json lines, a number last", "{}\n-1.5e3\n", Form::JsonLines, 2);
}

void TestJsonRecordReader::forms()
{
    QFETCH(QByteArray, text);
    QFETCH(int, form);
    QFETCH(int, count);
    const ReadResult result = readAll(text);
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(int(result.form), form);
    QCOMPARE(int(result.records.size()), count);
    checkInvariants(text, result);
}

void TestJsonRecordReader::elementSlices()
{
    // Every kind of element, with spaces, commas and ']' inside and around them.
    const QByteArray text = "[ {\"number\": 1} ,\n"
                            "  \"str, with ]\" , -12.5e1,true ,null,\n"
                            "  [1, [2]], {} ]";
    const ReadResult result = readAll(text);
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.form, Form::Array);

    const std::vector<std::pair<JsonKind, QByteArray>> expected = {
        {JsonKind::Object, "{\"number\": 1}"},
        {JsonKind::String, "\"str, with ]\""},
        {JsonKind::Float, "-12.5e1"},
        {JsonKind::Boolean, "true"},
        {JsonKind::Null, "null"},
        {JsonKind::Array, "[1, [2]]"},
        {JsonKind::Object, "{}"},
    };
    QCOMPARE(result.records.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(int(result.records[i].kind), int(expected[i].first));
        QCOMPARE(slice(text, result.records[i]), expected[i].second);
    }
    // Hand-counted: '[' is byte 0, ' ' 1, '{' 2; the object is 13 bytes long.
    QCOMPARE(result.records[0].offset, qint64(2));
    QCOMPARE(result.records[0].length, qint64(13));
    // Line 2 starts at byte 18 (line 1 is 17 bytes and a newline); the string starts at 18 + 2.
    QCOMPARE(result.records[1].offset, qint64(20));
    QCOMPARE(result.records[1].length, qint64(13));
    checkInvariants(text, result);
}

void TestJsonRecordReader::jsonLinesSlices()
{
    // Byte offsets: line 1 "{"a": 1}" is 0..7, '\n' 8; line 2 "  {}  " has '{' at 11;
    // line 3 starts at 16 with "true", line 4 at 21 with "-7", line 5 "{"b":\n[2]}" at 24.
    const QByteArray text = "{\"a\": 1}\n  {}  \ntrue\n-7\n{\"b\":\n[2]}";
    const ReadResult result = readAll(text);
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.form, Form::JsonLines);
    QCOMPARE(result.records.size(), size_t(5));
    QCOMPARE(result.records[0].offset, qint64(0));
    QCOMPARE(slice(text, result.records[0]), QByteArray("{\"a\": 1}"));
    QCOMPARE(result.records[1].offset, qint64(11));
    QCOMPARE(slice(text, result.records[1]), QByteArray("{}"));
    QCOMPARE(result.records[2].offset, qint64(16));
    QCOMPARE(int(result.records[2].kind), int(JsonKind::Boolean));
    QCOMPARE(slice(text, result.records[2]), QByteArray("true"));
    QCOMPARE(result.records[3].offset, qint64(21));
    QCOMPARE(result.records[3].length, qint64(2)); // not the newline read after the number
    QCOMPARE(int(result.records[3].kind), int(JsonKind::Integer));
    QCOMPARE(result.records[4].offset, qint64(24));
    QCOMPARE(slice(text, result.records[4]), QByteArray("{\"b\":\n[2]}"));
}

void TestJsonRecordReader::fieldCapture()
{
    const QByteArray text
        = R"({"zeta": [1, {"number": null}], "number": 7,)"
          R"( "link": "https://github.com/a/b/issues/3", "status": null, "SYMPTOM": 5,)"
          R"( "ROOT CAUSE": ["x", {"model": "inner"}], )"
          R"("STAGE": {"number": 9}, "model": true, "alpha": "é\n", "Model": 2.5})";
    const ReadResult result = readAll(text);
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.records.size(), size_t(1));
    const RawRecord &raw = result.records[0];
    QCOMPARE(int(raw.kind), int(JsonKind::Object));
    QCOMPARE(raw.offset, qint64(0));
    QCOMPARE(raw.length, qint64(text.size()));

    QCOMPARE(int(raw.field(RecordKey::Number).kind), int(JsonKind::Integer));
    // The "number"s inside zeta's array and STAGE's object are not the record's (nor duplicates).
    QCOMPARE(raw.field(RecordKey::Number).integer, qint64(7));
    QCOMPARE(int(raw.field(RecordKey::Link).kind), int(JsonKind::String));
    QCOMPARE(raw.field(RecordKey::Link).text, std::string("https://github.com/a/b/issues/3"));
    QCOMPARE(int(raw.field(RecordKey::Status).kind), int(JsonKind::Null));
    QCOMPARE(int(raw.field(RecordKey::Symptom).kind), int(JsonKind::Integer));
    QCOMPARE(int(raw.field(RecordKey::Cause).kind), int(JsonKind::Array));
    QCOMPARE(int(raw.field(RecordKey::Stage).kind), int(JsonKind::Object));
    // "model" inside ROOT CAUSE's array is not the record's model.
    QCOMPARE(int(raw.field(RecordKey::Model).kind), int(JsonKind::Boolean));
    QVERIFY(raw.field(RecordKey::Model).text.empty());
    QCOMPARE(int(raw.field(RecordKey::Architecture).kind), int(JsonKind::Missing));

    // Unknown keys in file order, values as parsed (the \n escape decoded), "Model" is unknown:
    // keys are case-sensitive.
    QVERIFY(raw.extra.is_object());
    const std::string extra = raw.extra.dump();
    QCOMPARE(QByteArray::fromStdString(extra),
        QByteArray(R"({"zeta":[1,{"number":null}],"alpha":"é\n","Model":2.5})"));
    QVERIFY(raw.duplicateKeys.empty());

    // A record without unknown keys has a null extra.
    const ReadResult plain = readAll(R"({"number": 1, "model": "m"})");
    QVERIFY(plain.ok);
    QVERIFY(plain.records.at(0).extra.is_null());
    QCOMPARE(plain.records.at(0).field(RecordKey::Model).text, std::string("m"));
}

void TestJsonRecordReader::numbers_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("integer");
    QTest::addColumn<bool>("outOfRange");

    QTest::newRow("small") << QByteArray("28") << int(JsonKind::Integer) << qint64(28) << false;
    QTest::newRow("negative") << QByteArray("-5") << int(JsonKind::Integer) << qint64(-5) << false;
    QTest::newRow("zero") << QByteArray("0") << int(JsonKind::Integer) << qint64(0) << false;
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << int(JsonKind::Integer)
                               << qint64(9223372036854775807LL) << false;
    QTest::newRow("int64 max + 1")
        << QByteArray("9223372036854775808") << int(JsonKind::Integer) << qint64(0) << true;
    QTest::newRow("uint64 max") << QByteArray("18446744073709551615") << int(JsonKind::Integer)
                                << qint64(0) << true;
    // Beyond 64 bits nlohmann reads a double; the reader still calls it an integer.
    QTest::newRow("uint64 max + 1")
        << QByteArray("18446744073709551616") << int(JsonKind::Integer) << qint64(0) << true;
    QTest::newRow("int64 min - 1")
        << QByteArray("-9223372036854775809") << int(JsonKind::Integer) << qint64(0) << true;
    QTest::newRow("20 nines") << QByteArray("99999999999999999999") << int(JsonKind::Integer)
                              << qint64(0) << true;
    QTest::newRow("fraction") << QByteArray("1.0") << int(JsonKind::Float) << qint64(0) << false;
    QTest::newRow("exponent") << QByteArray("1e2") << int(JsonKind::Float) << qint64(0) << false;
    QTest::newRow("string") << QByteArray("\"12\"") << int(JsonKind::String) << qint64(0) << false;
}

void TestJsonRecordReader::numbers()
{
    QFETCH(QByteArray, value);
    QFETCH(int, kind);
    QFETCH(qint64, integer);
    QFETCH(bool, outOfRange);
    const ReadResult result = readAll("[{\"number\": " + value + "}]");
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.records.size(), size_t(1));
    const RawRecord::Value &number = result.records[0].field(RecordKey::Number);
    QCOMPARE(int(number.kind), kind);
    if (kind == int(JsonKind::Integer)) {
        QCOMPARE(number.outOfRange, outOfRange);
        if (!outOfRange)
            QCOMPARE(number.integer, integer);
    }
    if (kind == int(JsonKind::String))
        QCOMPARE(number.text, std::string("12"));
}

void TestJsonRecordReader::manyUnknownKeys()
{
    // 100000 unknown keys in a record and as many in an object inside one: ordered_json looks a
    // key up member by member, and this took minutes before the reader indexed the keys.
    QByteArray keys;
    for (int i = 0; i < 100000; ++i)
        keys += "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ", ";
    const QByteArray text
        = "[{" + keys + "\"k5\": \"again\", \"x\": {" + keys + "\"k7\": [true]}, \"number\": 1}]";
    QElapsedTimer timer;
    timer.start();
    const ReadResult result = readAll(text);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.records.size(), size_t(1));
    const RawRecord &raw = result.records[0];
    QCOMPARE(raw.field(RecordKey::Number).integer, qint64(1));
    QCOMPARE(raw.duplicateKeys, (std::vector<std::string>{"k5", "k7"}));
    // 100000 keys and "x", in file order; a repeated key keeps its place and takes the last
    // value, as ordered_json's own operator[] does.
    QCOMPARE(raw.extra.size(), size_t(100001));
    QCOMPARE(raw.extra.begin().key(), std::string("k0"));
    QCOMPARE(raw.extra["k5"], nlohmann::ordered_json("again"));
    QCOMPARE(raw.extra["k99999"], nlohmann::ordered_json(99999));
    const nlohmann::ordered_json &x = raw.extra["x"];
    QCOMPARE(x.size(), size_t(100000));
    QCOMPARE(x["k7"], nlohmann::ordered_json::array({true}));
    QCOMPARE(std::next(x.begin(), 7).key(), std::string("k7"));
}

void TestJsonRecordReader::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("duplicates");

    QTest::newRow("none") << QByteArray(R"({"number": 1, "x": 2})") << QStringList();
    QTest::newRow("known key") << QByteArray(R"({"number": 1, "number": 2})")
                               << QStringList{QStringLiteral("number")};
    QTest::newRow("known key, null first") << QByteArray(R"({"model": null, "x": 1, "model": "b"})")
                                           << QStringList{QStringLiteral("model")};
    QTest::newRow("unknown key") << QByteArray(R"({"x": 1, "x": 2})")
                                 << QStringList{QStringLiteral("x")};
    QTest::newRow("key with a space")
        << QByteArray(R"({"ROOT CAUSE": "a - b", "ROOT CAUSE": "c - d"})")
        << QStringList{QStringLiteral("ROOT CAUSE")};
    QTest::newRow("inside an unknown object")
        << QByteArray(R"({"x": {"y": 1, "y": 2}})") << QStringList{QStringLiteral("y")};
    QTest::newRow("inside an unknown array")
        << QByteArray(R"({"x": [{"y": 1, "y": 2}]})") << QStringList{QStringLiteral("y")};
    QTest::newRow("same name at two levels")
        << QByteArray(R"({"x": {"y": 1}, "y": 2})") << QStringList();
    QTest::newRow("two different") << QByteArray(R"({"a": 1, "STAGE": "x", "a": 2, "STAGE": "y"})")
                                   << QStringList{QStringLiteral("a"), QStringLiteral("STAGE")};
}

void TestJsonRecordReader::duplicateKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, duplicates);
    const ReadResult result = readAll(text);
    QVERIFY2(result.ok, result.error.message.c_str());
    QCOMPARE(result.records.size(), size_t(1));
    QStringList seen;
    for (const std::string &key : result.records[0].duplicateKeys)
        seen.append(QString::fromStdString(key));
    QCOMPARE(seen, duplicates);
    // A known key keeps its first value.
    const RawRecord &raw = result.records[0];
    if (duplicates.contains(QStringLiteral("number")))
        QCOMPARE(raw.field(RecordKey::Number).integer, qint64(1));
    if (duplicates.contains(QStringLiteral("model")))
        QCOMPARE(int(raw.field(RecordKey::Model).kind), int(JsonKind::Null));
    if (duplicates.contains(QStringLiteral("ROOT CAUSE")))
        QCOMPARE(raw.field(RecordKey::Cause).text, std::string("a - b"));

    // Each record starts afresh: the same key in two records is no duplicate.
    const ReadResult two = readAll("{\"number\": 1}\n{\"number\": 2}");
    QVERIFY(two.ok);
    QCOMPARE(two.records.size(), size_t(2));
    QVERIFY(two.records[0].duplicateKeys.empty());
    QVERIFY(two.records[1].duplicateKeys.empty());
}

void TestJsonRecordReader::depthLimit_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("offset"); // of the opener that goes too deep
    const auto row = [](const char *name, const QByteArray &text, int maxDepth, qint64 offset) {
        QTest::newRow(name) << text << maxDepth << (offset < 0) << offset;
    };
    // The file's own array counts as a level: 32 nested arrays are allowed, the 33rd '['
    // (byte 32) is refused.
    row("32 arrays", times("[", 32) + times("]", 32), 32, -1);
    row("33 arrays", times("[", 33) + times("]", 33), 32, 32);
    row("100000 arrays", times("[", 100000), 32, 32);
    // '{"a":' is 5 bytes; the 33rd '{' is at 32 * 5 = 160.
    row("100000 objects", times("{\"a\":", 100000), 32, 160);
    // In an array: '[' + 31 objects = 32 levels; with 32 objects the last '{' is at 1 + 31 * 5.
    row("record 31 deep", "[" + times("{\"a\":", 31) + "1" + times("}", 31) + "]", 32, -1);
    row("record 32 deep", "[" + times("{\"a\":", 32) + "1" + times("}", 32) + "]", 32, 156);
    // 6-byte pairs '[{"a":'; openers alternate '[' '{', so opener 33 is the '[' of pair 17.
    row("mixed 100000", times("[{\"a\":", 50000), 32, 16 * 6);
    row("limit 2, ok", R"([{"a": 1}])", 2, -1);
    row("limit 2, too deep", R"([{"a": []}])", 2, 7);
    row("limit 2, json lines", "{\"a\": {\"b\": 1}}\n{\"a\": {\"b\": 1}}", 2, -1);
}

void TestJsonRecordReader::depthLimit()
{
    QFETCH(QByteArray, text);
    QFETCH(int, maxDepth);
    QFETCH(bool, ok);
    QFETCH(qint64, offset);
    const ReadResult result = readAll(text, maxDepth);
    QCOMPARE(result.ok, ok);
    checkInvariants(text, result);
    if (!ok) {
        QCOMPARE(result.error.offset, offset);
        const QString message = QString::fromStdString(result.error.message);
        QVERIFY2(message.contains(QStringLiteral("nesting deeper than %1 levels").arg(maxDepth)),
            qPrintable(message));
    }
}

void TestJsonRecordReader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const auto row = [](const char *name, const QByteArray &text, const char *message,
                         qint64 offset, int line, int column) {
        QTest::newRow(name) << text << QString::fromUtf8(message) << offset << line << column;
    };
    row("empty", QByteArray(), "the file is empty", 0, 1, 1);
    // ' ' 0, '\n' 1, '\n' 2, ' ' 3, ' ' 4: the end is byte 5, line 3 column 3.
    row("only whitespace", " \n\n  ", "the file is empty", 5, 3, 3);
    row("only a BOM", "\xEF\xBB\xBF", "the file is empty", 3, 1, 1);
    row("top-level string", "\"hello\"", "found a string", 0, 1, 1);
    row("top-level number", " 42", "found an integer", 1, 1, 2);
    row("top-level null", "null", "found null", 0, 1, 1);
    // '[' 0, ']' 1, '\n' 2, ' ' 3, ' ' 4, ']' 5.
    row("text after the array", "[]\n  ]", "unexpected text after the end of the array", 5, 2, 3);
    row("array then object", "[]\n{}", "after the end of the array", 3, 2, 1);
    row("two objects on a line", R"({"a":1} {"b":2})", "need one record per line", 8, 1, 9);
    // '{' 0 ... '}' 6, '\n' 7, '7' 8, '}' 9: the '}' after the number is not a record.
    row("json lines, junk after a number", "{\"a\":1}\n7}", "one record per line", 9, 2, 2);
    // 13 bytes; the end of input is byte 13, column 14.
    row("truncated", R"([{"number": 1)", "unexpected end of input", 13, 1, 14);
    row("truncated string", R"([{"model": "Qw)", "missing closing quote", 14, 1, 15);
    row("trailing comma", R"([{"a":1},])", "unexpected ']'", 9, 1, 10);
    row("missing comma", R"([{"a":1} {"b":2}])", "unexpected '{'", 9, 1, 10);
    row("bad literal", "[tru]", "invalid literal", 4, 1, 5);
    row("single quotes", "['a']", "invalid literal", 1, 1, 2);
    row("comment", "[/* x */]", "invalid literal", 1, 1, 2);
    row("ill-formed UTF-8 in a string",
        "[\"a\xFF"
        "b\"]",
        "ill-formed UTF-8 byte", 3, 1, 4);
    row("cut UTF-8 sequence", "[\"\xC3(\"]", "ill-formed UTF-8 byte", 3, 1, 4);
    row("overlong UTF-8", "[\"\xC0\xAF\"]", "ill-formed UTF-8 byte", 2, 1, 3);
    row("UTF-8 byte outside a string", "[\xFF]", "invalid literal", 1, 1, 2);
    // '[' 0, '"' 1, "é" 2-3, 0xFF 4: after three characters, so column 4 (bytes would say 5).
    row("column in characters", "[\"\xC3\xA9\xFF\"]", "ill-formed UTF-8", 4, 1, 4);
    row("raw NUL in a string", withNul("[\"a", "\"]"), "U+0000 (NUL) must be escaped", 3, 1, 4);
    row("raw newline in a string", "[\"a\nb\"]", "U+000A (LF) must be escaped", 3, 1, 4);
    row("raw tab in a key", "[{\"a\tb\": 1}]", "U+0009 (HT)", 4, 1, 5);
    row("lone surrogate", R"(["\uD800"])", "surrogate U+D800..U+DBFF", 8, 1, 9);
    // nlohmann's lexer takes a NUL byte for the end of the input; the message must not say so.
    const char *nul = "unexpected NUL byte: the file holds binary data, or text in another "
                      "encoding than UTF-8 (UTF-16?)";
    row("NUL outside a string", withNul("[", "]"), nul, 1, 1, 2);
    row("only NULs", QByteArray(8, '\0'), nul, 0, 1, 1);
    // '[' 0, '1' 1, NUL 2: the number ends at the NUL.
    row("NUL after a number", withNul("[1", "]"), nul, 2, 1, 3);
    // '{' 0, '}' 1, '\n' 2, NUL 3: line 2, column 1.
    row("json lines, a NUL line", withNul("{}\n", "\n"), nul, 3, 2, 1);
    row("UTF-16 LE", QByteArray("\xFF\xFE[\0]\0", 6),
        "the file starts with a UTF-16 byte order mark: JSON files must be UTF-8", 0, 1, 1);
    row("UTF-16 BE", QByteArray("\xFE\xFF\0[\0]", 6), "UTF-16 byte order mark", 0, 1, 1);
    // The quoted token is cut to its last 40 characters and bytes that are not UTF-8 are codes.
    row("binary", "\x89PNG\r\n",
        "syntax error while parsing value - invalid literal; last read: '<0x89>'", 0, 1, 1);
    row("DEL and C1 in a token", "[\"\x7F\xC2\x85\xFF\"]",
        "ill-formed UTF-8 byte; last read: '\"<U+007F><U+0085><0xFF>'", 5, 1, 5);
    // 100000 'x' after '["': the end of input is byte 100002, column 100003.
    row("unterminated long string", "[\"" + times("x", 100000),
        "syntax error while parsing value - invalid string: missing closing quote; last read: "
        "'...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'",
        100002, 1, 100003);
    // '[' then 100000 digits: nlohmann reads it as a double, which overflows; the position is
    // the number's last digit (byte 100000).
    row("100000 digits", "[" + times("9", 100000) + "]",
        "number overflow parsing '...9999999999999999999999999999999999999999'", 100000, 1, 100001);
    row("BOM + truncated", "\xEF\xBB\xBF[", "unexpected end of input", 4, 1, 2);
    // The bad byte is '[' (byte 2); 0xBB is a continuation byte, so '[' is character 2.
    row("half a BOM", "\xEF\xBB[]", "BOM", 2, 1, 2);
}

void TestJsonRecordReader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QFETCH(qint64, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    const ReadResult result = readAll(text);
    QVERIFY(!result.ok);
    const QString actual = QString::fromStdString(result.error.message);
    QVERIFY2(actual.contains(message), qPrintable(actual));
    // Our own position is given; nlohmann's "at line 1, column 2" prefix is cut off.
    QVERIFY2(!actual.contains(QStringLiteral("json.exception")), qPrintable(actual));
    // Short and printable whatever the input: no raw control character, no byte that is not
    // UTF-8 (which would read as U+FFFD).
    QVERIFY2(actual.size() < 200, qPrintable(actual.left(300)));
    for (const QChar c : actual)
        QVERIFY2(c.isPrint() && c != QChar::ReplacementCharacter, qPrintable(actual));
    QCOMPARE(result.error.offset, offset);
    const TextPosition at = LineLocator(view(text)).at(result.error.offset);
    QCOMPARE(at.line, line);
    QCOMPARE(at.column, column);
    checkInvariants(text, result);
}

void TestJsonRecordReader::readerIsReusable()
{
    JsonRecordReader reader;
    int count = 0;
    const auto counter = [&](const RawRecord &) { ++count; };
    // Elements before the error are delivered; the caller drops them.
    QVERIFY(!reader.read("[{}, {}, x]", counter));
    QCOMPARE(count, 2);
    QVERIFY(!reader.error().message.empty());
    count = 0;
    QVERIFY(reader.read("{}\n{}", counter));
    QCOMPARE(count, 2);
    QCOMPARE(reader.form(), Form::JsonLines);
    QVERIFY(reader.error().message.empty());
    QCOMPARE(reader.error().offset, qint64(0));
    QVERIFY(reader.read("[]", counter));
    QCOMPARE(reader.form(), Form::Array);
}

void TestJsonRecordReader::lineLocator()
{
    // 'a' 0, 'b' 1, '\n' 2, 'c' 3, 'd' 4, '\r' 5, '\n' 6, 'é' 7-8, 'f' 9, '\n' 10,
    // U+1F600 11-14, 'x' 15; size 16.
    const QByteArray text = "ab\ncd\r\n\xC3\xA9"
                            "f\n\xF0\x9F\x98\x80x";
    QCOMPARE(text.size(), 16);
    LineLocator locator(view(text));
    const auto check = [&](qint64 offset, int line, int column) {
        const TextPosition at = locator.at(offset);
        QVERIFY2(at.line == line && at.column == column,
            qPrintable(QStringLiteral("offset %1: %2:%3, expected %4:%5")
                           .arg(offset)
                           .arg(at.line)
                           .arg(at.column)
                           .arg(line)
                           .arg(column)));
    };
    check(0, 1, 1);
    check(1, 1, 2);
    check(2, 1, 3);
    check(3, 2, 1);
    check(5, 2, 3); // '\r' is a character of its line
    check(6, 2, 4);
    check(7, 3, 1);
    check(9, 3, 2); // 'é' is one character
    check(11, 4, 1);
    check(15, 4, 2); // so is U+1F600 (one code point, four bytes)
    check(16, 4, 3);
    check(4, 2, 2); // earlier offset: counts again from the top
    check(100, 4, 3); // past the end: the end
    check(-5, 1, 1); // before the start: the start
    check(10, 3, 3);

    LineLocator empty{std::string_view()};
    QCOMPARE(empty.at(0).line, 1);
    QCOMPARE(empty.at(3).column, 1);
}

void TestJsonRecordReader::lineLocatorAfterBom()
{
    // BOM 0-2, '[' 3, '\n' 4, ' ' 5, '{' 6.
    const QByteArray text = "\xEF\xBB\xBF[\n {}]";
    LineLocator locator(view(text));
    QCOMPARE(locator.at(3).column, 1);
    QCOMPARE(locator.at(6).line, 2);
    QCOMPARE(locator.at(6).column, 2);
    QCOMPARE(locator.at(0).column, 1); // inside the BOM: the start
    QCOMPARE(locator.at(0).line, 1);

    // The reader's offsets count the BOM's bytes, and the locator maps them back.
    const ReadResult result = readAll(text);
    QVERIFY(result.ok);
    QCOMPARE(result.records.size(), size_t(1));
    QCOMPARE(result.records[0].offset, qint64(6));
    const TextPosition at = LineLocator(view(text)).at(result.records[0].offset);
    QCOMPARE(at.line, 2);
    QCOMPARE(at.column, 2);
}

void TestJsonRecordReader::neverCrashes_data()
{
    QTest::addColumn<QByteArray>("text");
    // clang-format off
    const char *const odd[] = {
        "]", "}", ",", ":", "[,]", "{,}", "{\"a\"}", "{:1}", "[1,]", "\"\\", "\"\\u12", "-", "1e",
        "[-]", "[1e99999]", "[-1e99999]", "[\"\\uDC00\"]", "\xEF\xBB\xBF\xEF\xBB\xBF[]", "\xEF",
        "[[[[]]]", "{\"a\":{\"b\":{}}}}", "{}{}", "{}\n}", "{}\n]", "[]]", "{\"a\":1}\n\n\n   ",
        "true", "false\n", "{}\n5\n6\n{}", "{}\n5", "\t\r\n", "{}\n-", "{}\n1.",
        "{\"number\": 1, \"number\": {\"number\": [1, {\"number\": 2}]}}",
        "[{\"STAGE\": [[[[]]]], \"extra\": [[[{}]]]}]",
    };
    // clang-format on
    int i = 0;
    for (const char *text : odd)
        QTest::addRow("odd %d", i++) << QByteArray(text);
    QTest::newRow("NULs") << QByteArray(8, '\0');
    QTest::newRow("long string") << "[\"" + QByteArray(1 << 20, 'x') + "\"]";
    QTest::newRow("many closers") << times("]", 100000);
    QTest::newRow("many records") << "[" + times("{},", 9999) + "{}]";
    QTest::newRow("UTF-16 file") << QByteArray("\xFF\xFE[\0{\0}\0]\0", 10);
}

void TestJsonRecordReader::neverCrashes()
{
    QFETCH(QByteArray, text);
    const ReadResult result = readAll(text);
    checkInvariants(text, result);
    if (result.ok)
        QVERIFY(result.form != Form::Unknown);
}

namespace {
// A small file that uses every feature: BOM, nesting, escapes, multibyte text, numbers.
const QByteArray SampleFile
    = "\xEF\xBB\xBF[\n"
      "  {\"number\": 1, \"link\": \"https://github.com/a/b/issues/1\", \"status\": \"open\", "
      "\"SYMPTOM\": \"Crash - Segfault\", \"ROOT CAUSE\": \"A - B\", \"STAGE\": \"Inference\", "
      "\"model\": \"M\\u00e9\", \"architecture\": \"Dense\", \"x\": [1.5e3, -2, {\"y\": null}]},\n"
      "  \"str\", 12, [true, false],\n"
      "  {\"number\": 18446744073709551615, \"model\": \"\xC3\xA9\\\"\\n\", \"model\": 1}\n"
      "]\n";
} // namespace

void TestJsonRecordReader::everyPrefix()
{
    // Every truncation of a valid file: no crash, no position outside the text, and only the
    // whole file reads without error (or the file cut after the closing ']').
    const ReadResult whole = readAll(SampleFile);
    QVERIFY2(whole.ok, whole.error.message.c_str());
    QCOMPARE(whole.records.size(), size_t(5));
    const qsizetype closing = SampleFile.lastIndexOf(']');
    for (qsizetype n = 0; n <= SampleFile.size(); ++n) {
        const QByteArray prefix = SampleFile.left(n);
        const ReadResult result = readAll(prefix);
        checkInvariants(prefix, result);
        QCOMPARE(result.ok, n > closing);
    }
}

// `text` with 1..maxEdits random edits: a byte replaced by or inserted from `specials`, or up
// to maxRemove bytes removed.
template<size_t N>
QByteArray mutated(QByteArray text, std::mt19937 &random, const char (&specials)[N], int maxEdits,
                   int maxRemove)
{
    const int edits = 1 + int(random() % quint32(maxEdits));
    for (int e = 0; e < edits; ++e) {
        const qsizetype at = qsizetype(random() % quint32(text.size()));
        const char c = specials[random() % N];
        switch (random() % 3) {
        case 0:
            text[at] = c;
            break;
        case 1:
            text.insert(at, c);
            break;
        default:
            text.remove(at, 1 + qsizetype(random() % quint32(maxRemove)));
            break;
        }
        if (text.isEmpty())
            text = "[";
    }
    return text;
}

void TestJsonRecordReader::randomMutations()
{
    std::mt19937 random(20240611); // fixed seed: the same inputs every run
    const char specials[]
        = {'[', ']', '{', '}', '"', '\\', ',', ':', '\n', '\0', '\xFF', '\xC3', '0', '-', ' '};
    for (int round = 0; round < 3000; ++round) {
        const QByteArray text = mutated(SampleFile, random, specials, 4, 8);
        const ReadResult result = readAll(text);
        checkInvariants(text, result);
        if (QTest::currentTestFailed()) {
            qWarning() << "input:" << text.toPercentEncoding();
            return;
        }
    }
}

namespace {
// Every feature the fast path takes: escapes, multibyte text, keys out of order, int64 limits,
// an empty record; no BOM.
const QByteArray PlainFile
    = "[\n"
      "  {\"number\": 1, \"link\": \"https://github.com/a/b/issues/1\", \"status\": \"open\", "
      "\"SYMPTOM\": \"Crash - Segfault\", \"ROOT CAUSE\": \"A - B\", \"STAGE\": \"Inference\", "
      "\"model\": \"M\\u00e9\", \"architecture\": \"Dense\"},\n"
      "  {\"model\": \"\xC3\xA9\\\"\\n\", \"number\": -9223372036854775808},\n"
      "  {}\n"
      "]\n";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}
} // namespace

// Every .json file below `folder` must take the fast path and read as the nlohmann path does;
// the files' files and records are counted. False (and a warning naming the file) on a failure.
bool allFilesTakeTheFastPath(const QString &folder, int *files, qint64 *records)
{
    QDirIterator it(folder, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray text = readFile(path);
        checkBothPaths(view(text), true);
        if (QTest::currentTestFailed()) {
            qWarning() << "file:" << path;
            return false;
        }
        ++*files;
        *records += qint64(readAll(text).records.size());
    }
    return true;
}

void TestJsonRecordReader::fastPathOnRealDataset()
{
    int files = 0;
    qint64 records = 0;
    QVERIFY(allFilesTakeTheFastPath(TestSupport::datasetPath(), &files, &records));
    QVERIFY(files >= 10);
    QCOMPARE(records, qint64(706));
}

void TestJsonRecordReader::fastPathOnGeneratedData()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const GeneratorResult generated = generateSynthetic(20000, dir.path(), 1);
    int files = 0;
    qint64 records = 0;
    QVERIFY(allFilesTakeTheFastPath(dir.path(), &files, &records));
    QCOMPARE(records, generated.records);
}

void TestJsonRecordReader::fastPathPadding()
{
    // simdjson may read up to 64 bytes past the end (its SIMD string copy does): the reader
    // must take them from the text's last page only when they are there, and their values
    // must not matter. A page-aligned buffer full of '"' holds texts that end at every
    // distance from the end of a page, each with a string just before the end.
    const size_t page = size_t(sysconf(_SC_PAGESIZE));
    const std::unique_ptr<char, decltype(&std::free)> buffer(
        static_cast<char *>(std::aligned_alloc(page, 3 * page)), &std::free);
    QVERIFY(buffer);
    const QByteArray record = R"({"number": 7, "model": "m", "SYMPTOM": "s"})";
    QByteArray body = "[" + record;
    while (size_t(body.size() + record.size()) + 3 < page) // shorter than every text below
        body += ",\n" + record;
    body += "]";
    for (const size_t gap : {size_t(0), size_t(1), size_t(32), size_t(63), size_t(64),
                             size_t(65), size_t(100), page - 1}) {
        const size_t size = 2 * page - gap;
        std::memset(buffer.get(), '"', 3 * page);
        std::memset(buffer.get(), ' ', size - size_t(body.size()));
        std::memcpy(buffer.get() + size - size_t(body.size()), body.constData(),
                    size_t(body.size()));
        checkBothPaths(std::string_view(buffer.get(), size), true);
        if (QTest::currentTestFailed()) {
            qWarning() << "gap:" << gap;
            return;
        }
    }

    // A memory-mapped file that fills its last page: nothing is mapped after it, so a read
    // past the end would crash rather than go unnoticed.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const size_t size : {page, 2 * page, 2 * page - 63, 2 * page - 64, 2 * page - 65}) {
        const QByteArray text = QByteArray(qsizetype(size) - body.size(), ' ') + body;
        QFile file(TestSupport::writeFile(dir, QStringLiteral("mapped-%1.json").arg(size), text));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const uchar *mapped = file.map(0, file.size());
        QVERIFY(mapped);
        checkBothPaths(std::string_view(reinterpret_cast<const char *>(mapped), size), true);
    }
}

void TestJsonRecordReader::fastPath_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("fast");
    QTest::addColumn<int>("maxDepth");
    const auto fast = [](const char *name, const QByteArray &text, int maxDepth = 32) {
        QTest::newRow(name) << text << true << maxDepth;
    };
    const auto slow = [](const char *name, const QByteArray &text, int maxDepth = 32) {
        QTest::newRow(name) << text << false << maxDepth;
    };
    fast("all keys", R"([{"number": 1, "link": "https://github.com/a/b/issues/1", )"
                     R"("status": "open", "SYMPTOM": "s", "ROOT CAUSE": "c", "STAGE": "Inference", )"
                     R"("model": "M", "architecture": "Dense"}])");
    fast("empty array", "[]");
    fast("spaced empty array", " \n [ ] \n ");
    fast("empty record", "[{}]");
    fast("keys out of order", R"([{"model": "M", "number": 2}, {"architecture": "x"}])");
    fast("escapes", R"([{"model": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}])");
    fast("escaped NUL", R"([{"model": "a\u0000b"}])");
    fast("multibyte text", "[{\"model\": \"\xC3\xA9 \xF0\x9F\x98\x80\"}]");
    fast("DEL", "[{\"model\": \"\x7F\"}]");
    fast("empty string, spaces inside", R"([{"model": "", "link": " a, b: } ", "status":"x"}])");
    fast("int64 limits", R"([{"number": -9223372036854775808}, {"number": 9223372036854775807}])");
    fast("minus zero", R"([{"number": -0}])");
    fast("whitespace everywhere",
         "\r\n\t[\n\t{ \"number\" :\t1 ,\"model\"\r\n:\"m\" }\n ,\n{ } ]\r\n");
    fast("depth limit 2", R"([{"number": 1}])", 2);

    slow("unknown key", R"([{"number": 1, "x": 2}])");
    slow("unknown key in the last record", R"([{"number": 1}, {"number": 2, "Model": "m"}])");
    slow("duplicate key", R"([{"number": 1, "number": 2}])");
    slow("escaped key", R"([{"numb\u0065r": 1}])");
    slow("key with an escaped quote", R"([{"model\"": 1}])");
    slow("fraction", R"([{"number": 1.0}])");
    slow("exponent", R"([{"number": 1e2}])");
    slow("int64 max + 1", R"([{"number": 9223372036854775808}])");
    slow("int64 min - 1", R"([{"number": -9223372036854775809}])");
    slow("boolean", R"([{"number": 1, "model": true}])");
    slow("null", R"([{"status": null}])");
    slow("array value", R"([{"STAGE": ["a"]}])");
    slow("object value", R"([{"STAGE": {"a": 1}}])");
    slow("integer element", R"([{"number": 1}, 2])");
    slow("string element", R"(["s"])");
    slow("array element", "[[]]");
    slow("BOM", "\xEF\xBB\xBF[{\"number\": 1}]");
    slow("json lines", "{\"number\": 1}\n{\"number\": 2}");
    slow("single object", R"({"number": 1})");
    slow("empty", "");
    slow("only whitespace", " \n ");
    slow("ill-formed UTF-8", "[{\"model\": \"a\xFF" "b\"}]");
    slow("overlong UTF-8", "[{\"model\": \"\xC0\xAF\"}]");
    slow("UTF-8 outside a string", "[{}\xFF]");
    slow("lone high surrogate", R"([{"model": "\uD800"}])");
    slow("lone low surrogate", R"([{"model": "\uDC00"}])");
    slow("high surrogate, then a letter", R"([{"model": "\uD800\u0041"}])");
    slow("bad escape", R"([{"model": "\x"}])");
    slow("raw newline in a string", "[{\"model\": \"a\nb\"}]");
    slow("raw tab in a key", "[{\"mo\tdel\": 1}]");
    slow("raw NUL in a string", withNul("[{\"model\": \"a", "\"}]"));
    slow("NUL outside a string", withNul("[{}", "]"));
    slow("NUL after the array", withNul("[{}]", ""));
    slow("truncated", R"([{"number": 1)");
    slow("truncated string", R"([{"model": "Qw)");
    slow("truncated after a comma", "[{}, ");
    slow("trailing comma", "[{},]");
    slow("trailing comma in a record", R"([{"number": 1,}])");
    slow("missing comma", "[{} {}]");
    slow("missing colon", R"([{"number" 1}])");
    slow("leading zero", R"([{"number": 01}])");
    slow("letters after a number", R"([{"number": 1x}])");
    slow("comment", "[/* x */]");
    slow("text after the array", "[{}]\n  ]");
    slow("word after the array", "[{}] x");
    slow("two arrays", "[{}][{}]");
    slow("depth limit 1", "[{}]", 1);
    slow("depth limit 1, empty array", "[]", 1);
}

void TestJsonRecordReader::fastPath()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, fast);
    QFETCH(int, maxDepth);
    checkBothPaths(view(text), fast, maxDepth);
}

void TestJsonRecordReader::fastPathEveryPrefix()
{
    QVERIFY(checkBothPaths(view(PlainFile), true));
    const qsizetype closing = PlainFile.lastIndexOf(']');
    for (qsizetype n = 0; n <= PlainFile.size(); ++n) {
        const QByteArray prefix = PlainFile.left(n);
        checkBothPaths(view(prefix), n > closing);
        if (QTest::currentTestFailed()) {
            qWarning() << "prefix:" << prefix.toPercentEncoding();
            return;
        }
    }
}

void TestJsonRecordReader::fastPathRandomMutations()
{
    // Whatever the damage, the fast path either gives the nlohmann path's records or steps
    // aside; a failure prints the input.
    std::mt19937 random(20240917); // fixed seed: the same inputs every run
    const char specials[] = {'[', ']', '{', '}', '"', '\\', ',', ':', '\n', '\0', '\xFF', '\xC3',
                             '0', '-', ' ', '.', 'e', 'u', 'x'};
    int fast = 0;
    for (int round = 0; round < 3000; ++round) {
        const QByteArray text = mutated(PlainFile, random, specials, 3, 4);
        fast += checkBothPaths(view(text), std::nullopt) ? 1 : 0;
        if (QTest::currentTestFailed()) {
            qWarning() << "input:" << text.toPercentEncoding();
            return;
        }
    }
    // Edits inside string values leave a file the fast path must still take.
    QVERIFY2(fast > 100, qPrintable(QString::number(fast)));
}

QTEST_GUILESS_MAIN(TestJsonRecordReader)
#include "tst_jsonrecordreader.moc"
