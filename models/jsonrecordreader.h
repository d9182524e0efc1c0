#pragma once

#include "record.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace Triage {

enum class JsonKind : quint8 {
    Missing,
    Null,
    Boolean,
    Integer,
    Float,
    String,
    Array,
    Object
};
// "a string", "an integer", ...: for messages.
std::string_view jsonKindName(JsonKind kind);

// One element of a file as the reader saw it, before any rule is applied: the known fields by
// slot, the unknown ones as JSON, and where in the file the element's text is.
struct RawRecord
{
    struct Value
    {
        JsonKind kind = JsonKind::Missing;
        std::string text; // for strings
        qint64 integer = 0;
        bool outOfRange = false; // an integer beyond 64 bits
    };

    qint64 offset = 0; // byte range of the element in the file
    qint64 length = 0;
    JsonKind kind = JsonKind::Object; // an element that is not an object has another kind
    std::array<Value, RecordKeyCount> fields;
    nlohmann::ordered_json extra; // unknown keys in file order; null when there are none
    std::vector<std::string> duplicateKeys;

    const Value &field(RecordKey key) const { return fields[size_t(key)]; }
    void clear();
};

struct TextPosition
{
    int line = 1;
    int column = 1; // in characters, from 1
};

// Byte offsets to line and column. Offsets are usually asked for in increasing order, which
// costs one pass over the text in all; an earlier offset restarts from the top.
class LineLocator
{
public:
    explicit LineLocator(std::string_view text);
    TextPosition at(qint64 offset);

private:
    std::string_view m_text;
    qint64 m_offset = 0; // position reached
    TextPosition m_position;
    qint64 m_start = 0; // where counting starts (after a byte order mark)
};

// Reads one file's text with nlohmann/json's SAX parser: a JSON array of records (the
// upstream form), a single record object, or JSON Lines; a UTF-8 byte order mark is skipped.
// It reports where each element is, the keys it repeats, and stops at nesting deeper than a
// limit instead of recursing. It applies no record rule: that is RecordValidator's work.
//
// A plain array of plain records (see simdjsonrecordreader.h) is first read with simdjson,
// four times faster, with the very same RawRecords as a result; anything else, errors
// included, is read by the nlohmann path, whose positions and messages are the reference.
class JsonRecordReader
{
public:
    enum class Form { Unknown, Array, Object, JsonLines };
    struct Error
    {
        qint64 offset = 0;
        std::string message;
    };
    using RecordHandler = std::function<void(const RawRecord &)>;

    static constexpr int DefaultMaxDepth = 32;

    explicit JsonRecordReader(int maxDepth = DefaultMaxDepth);

    // Delivers every element in file order; false when the file is not one of the accepted
    // forms, with error() saying where and why. Elements already delivered then belong to a
    // rejected file and must be dropped by the caller.
    //
    // `onFinal`, when given, is called before the first element once every element that
    // follows is sure to stand: the fast path has read the whole file before it delivers, so
    // read() will return true. The caller may then pass elements on before read() returns.
    // Without that call nothing is sure until read() returns.
    bool read(std::string_view text, const RecordHandler &onRecord,
              const std::function<void()> &onFinal = {});

    Form form() const { return m_form; }
    const Error &error() const { return m_error; }

    // On by default. Off reads every file with the nlohmann path: for tests and benchmarks
    // that compare the two paths.
    void setFastPath(bool enabled) { m_fastPath = enabled; }
    bool fastPath() const { return m_fastPath; }
    // Whether the last read() was done by the fast path (which then delivered everything).
    bool lastReadWasFast() const { return m_lastReadWasFast; }

private:
    int m_maxDepth;
    bool m_fastPath = true;
    bool m_lastReadWasFast = false;
    Form m_form = Form::Unknown;
    Error m_error;
};

} // namespace Triage
