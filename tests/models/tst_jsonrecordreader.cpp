// JsonRecordReader on its own: the accepted forms, where each element's text is, field
// capture, duplicate keys, the nesting limit, error positions, LineLocator, and odd input.
// Every expected offset, line and column below was counted by hand from the input text.

#include "jsonrecordreader.h"

#include <QtTest>

#include <random>
#include <string>
#include <vector>

using namespace Triage;
using Form = JsonRecordReader::Form;

namespace {

struct ReadResult
{
    bool ok = false;
    Form form = Form::Unknown;
    JsonRecordReader::Error error;
    std::vector<RawRecord> records;
};

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}

ReadResult readAll(const QByteArray &text, int maxDepth = JsonRecordReader::DefaultMaxDepth)
{
    JsonRecordReader reader(maxDepth);
    ReadResult result;
    result.ok
        = reader.read(view(text), [&](const RawRecord &raw) { result.records.push_back(raw); });
    result.form = reader.form();
    result.error = reader.error();
    return result;
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
    // nlohmann's lexer takes a NUL byte for the end of the input: still refused, at the NUL.
    row("NUL outside a string", withNul("[", "]"), "unexpected end of input", 1, 1, 2);
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

void TestJsonRecordReader::randomMutations()
{
    std::mt19937 random(20240611); // fixed seed: the same inputs every run
    const char specials[]
        = {'[', ']', '{', '}', '"', '\\', ',', ':', '\n', '\0', '\xFF', '\xC3', '0', '-', ' '};
    for (int round = 0; round < 3000; ++round) {
        QByteArray text = SampleFile;
        const int edits = 1 + int(random() % 4);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = qsizetype(random() % quint32(text.size()));
            const char c = specials[random() % sizeof specials];
            switch (random() % 3) {
            case 0:
                text[at] = c;
                break;
            case 1:
                text.insert(at, c);
                break;
            default:
                text.remove(at, 1 + qsizetype(random() % 8));
                break;
            }
            if (text.isEmpty())
                text = "[";
        }
        const ReadResult result = readAll(text);
        checkInvariants(text, result);
        if (QTest::currentTestFailed()) {
            qWarning() << "input:" << text.toPercentEncoding();
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestJsonRecordReader)
#include "tst_jsonrecordreader.moc"
