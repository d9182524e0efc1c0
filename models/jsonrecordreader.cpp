#include "jsonrecordreader.h"

#include "recordrules.h"
#include "simdjsonrecordreader.h"

#include <cstring>
#include <iterator>
#include <unordered_map>

namespace Triage {

using Json = nlohmann::ordered_json;

std::string_view jsonKindName(JsonKind kind)
{
    switch (kind) {
    case JsonKind::Missing:
        return "missing";
    case JsonKind::Null:
        return "null";
    case JsonKind::Boolean:
        return "a boolean";
    case JsonKind::Integer:
        return "an integer";
    case JsonKind::Float:
        return "a floating-point number";
    case JsonKind::String:
        return "a string";
    case JsonKind::Array:
        return "an array";
    case JsonKind::Object:
        return "an object";
    }
    return "?";
}

void RawRecord::clear()
{
    offset = length = 0;
    kind = JsonKind::Object;
    for (Value &value : fields) {
        value.kind = JsonKind::Missing;
        value.text.clear(); // keeps its capacity for the next record
        value.integer = 0;
        value.outOfRange = false;
    }
    extra = nullptr;
    duplicateKeys.clear();
}

LineLocator::LineLocator(std::string_view text)
    : m_text(text)
{
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        m_start = 3;
    m_offset = m_start;
}

TextPosition LineLocator::at(qint64 offset)
{
    offset = std::clamp<qint64>(offset, m_start, qint64(m_text.size()));
    if (offset < m_offset) {
        m_offset = m_start;
        m_position = TextPosition();
    }
    const char *p = m_text.data() + m_offset;
    const char *end = m_text.data() + offset;
    while (p < end) {
        const void *newline = std::memchr(p, '\n', size_t(end - p));
        if (!newline)
            break;
        ++m_position.line;
        m_position.column = 1;
        p = static_cast<const char *>(newline) + 1;
    }
    for (; p < end; ++p) {
        if ((static_cast<unsigned char>(*p) & 0xc0) != 0x80)
            ++m_position.column;
    }
    m_offset = offset;
    return m_position;
}

namespace {

// The parser reads through this iterator; its position is shared with the handler, which is
// how a SAX event learns where in the file it happened.
struct Cursor
{
    const char *position;
    const char *end;
};

class CursorIterator
{
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    CursorIterator(Cursor *cursor, bool atEnd)
        : m_cursor(cursor)
        , m_atEnd(atEnd)
    {
    }
    const char &operator*() const { return *m_cursor->position; }
    CursorIterator &operator++()
    {
        ++m_cursor->position;
        return *this;
    }
    bool operator==(const CursorIterator &other) const
    {
        const bool here = m_atEnd || m_cursor->position == m_cursor->end;
        const bool there = other.m_atEnd || other.m_cursor->position == other.m_cursor->end;
        return here == there;
    }
    bool operator!=(const CursorIterator &other) const { return !(*this == other); }

private:
    Cursor *m_cursor;
    bool m_atEnd;
};

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1, column 2: ";
// we give our own position (in the whole file, in characters), so keep only what follows.
// `token` is the text the message quotes as "last read" or in "number overflow parsing": a
// string cut short by the end of the file can be megabytes long, and what went wrong is at its
// end, so only its end is kept.
std::string parserMessage(const std::string &what, const std::string &token)
{
    std::string message = what;
    // "[json.exception.out_of_range.406] number overflow ..." has no position: drop the tag.
    if (message.rfind("[json.exception.", 0) == 0 && message.find("] ") != std::string::npos)
        message = message.substr(message.find("] ") + 2);
    const size_t column = message.find("column ");
    const size_t colon = message.find(": ", column == std::string::npos ? 0 : column);
    if (message.rfind("parse error", 0) == 0 && colon != std::string::npos)
        message = message.substr(colon + 2);
    if (message.rfind("attempting to parse an empty input", 0) == 0)
        return "the file is empty";
    for (const std::string_view marker : {"last read: '", "number overflow parsing '"}) {
        const size_t at = message.find(marker);
        if (at != std::string::npos
            && message.compare(at + marker.size(), token.size(), token) == 0) {
            message.replace(at + marker.size(), token.size(), printableTail(token, 40));
            break;
        }
    }
    return message;
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A JSON container being filled from SAX events. An object's keys are indexed: ordered_json
// finds a key by walking its members, so a record of 100,000 unknown keys took minutes.
class OpenContainer
{
public:
    explicit OpenContainer(Json *json = nullptr)
        : m_json(json)
    {
    }
    bool isArray() const { return m_json->is_array(); }
    bool has(const std::string &key) const { return m_keys.count(key) > 0; }
    // The value of `key`, a new null member at the end the first time. A repeated key gets the
    // member it had, as ordered_json's operator[] would.
    Json &member(const std::string &key)
    {
        Json::object_t &members = m_json->get_ref<Json::object_t &>();
        const auto [it, added] = m_keys.try_emplace(key, members.size());
        if (added)
            members.emplace_back(key, nullptr);
        return members.begin()[std::ptrdiff_t(it->second)].second;
    }
    Json &append(Json value)
    {
        m_json->push_back(std::move(value));
        return m_json->back();
    }

private:
    Json *m_json;
    std::unordered_map<std::string, size_t> m_keys;
};

// nlohmann's lexer takes a NUL byte for the end of the input, and would say so.
const char *const NulByteMessage = "unexpected NUL byte: the file holds binary data, or text in "
                                   "another encoding than UTF-8 (UTF-16?)";

// Builds RawRecords from SAX events. Depth counts open containers; records are the objects at
// the element depth (1 inside the top array, 0 for a single object or JSON Lines).
class Handler : public nlohmann::json_sax<Json>
{
public:
    Handler(const char *begin, Cursor &cursor, int maxDepth,
            const JsonRecordReader::RecordHandler &onRecord)
        : m_begin(begin)
        , m_cursor(cursor)
        , m_maxDepth(maxDepth)
        , m_onRecord(onRecord)
    {
    }

    JsonRecordReader::Form form = JsonRecordReader::Form::Unknown;
    JsonRecordReader::Error error;
    bool failed = false;

    // Called before each top-level value is parsed.
    void beginValue(qint64 baseOffset)
    {
        m_base = baseOffset;
        m_lastEnd = baseOffset;
    }

    bool null() override { return scalar(JsonKind::Null, Json(nullptr)); }
    bool boolean(bool value) override { return scalar(JsonKind::Boolean, Json(value)); }
    bool number_integer(number_integer_t value) override
    {
        return integer(value, false, Json(value));
    }
    bool number_unsigned(number_unsigned_t value) override
    {
        const bool outOfRange = value > number_unsigned_t(INT64_MAX);
        return integer(outOfRange ? 0 : qint64(value), outOfRange, Json(value));
    }
    bool number_float(number_float_t value, const string_t &text) override
    {
        // nlohmann reads an integer beyond 64 bits as a double; it is still an integer (out of
        // range), or 99999999999999999999 would be refused as "a floating-point number".
        if (text.find_first_of(".eE") == std::string::npos)
            return integer(0, true, Json(value));
        return scalar(JsonKind::Float, Json(value));
    }
    bool string(string_t &value) override
    {
        if (m_capture.empty() && inRecordField() && m_knownKey >= 0) {
            RawRecord::Value &slot = m_raw.fields[size_t(m_knownKey)];
            slot.kind = JsonKind::String;
            slot.text.swap(value);
            return advance();
        }
        return scalar(JsonKind::String, Json(std::move(value)));
    }
    bool binary(binary_t &) override { return advance(); }

    bool start_object(std::size_t) override { return start(JsonKind::Object); }
    bool start_array(std::size_t) override { return start(JsonKind::Array); }
    bool end_object() override { return end(); }
    bool end_array() override { return end(); }

    bool key(string_t &name) override
    {
        if (!m_capture.empty()) {
            if (m_capture.back().has(name))
                noteDuplicate(name);
            m_captureKey.swap(name);
            return advance();
        }
        if (!inRecordBody() || m_depth != m_recordDepth + 1) // inside a skipped value
            return advance();
        m_knownKey = -1;
        m_unknownKey.clear();
        if (const std::optional<RecordKey> known = recordKeyFromName(name)) {
            m_knownKey = int(*known);
            if (m_raw.fields[size_t(m_knownKey)].kind != JsonKind::Missing) {
                noteDuplicate(name);
                m_knownKey = -2; // keep the first value, ignore this one
            }
        } else {
            if (m_raw.extra.is_object() && m_extra.has(name))
                noteDuplicate(name);
            m_unknownKey.swap(name);
        }
        return advance();
    }

    bool parse_error(std::size_t position, const std::string &token,
        const nlohmann::detail::exception &ex) override
    {
        const qint64 offset = std::max<qint64>(0, m_base + qint64(position) - 1);
        std::string message = parserMessage(ex.what(), token);
        if (m_begin + offset < m_cursor.end && m_begin[offset] == '\0'
            && (message == "the file is empty"
                || message.find("unexpected end of input") != std::string::npos))
            message = NulByteMessage;
        fail(offset, std::move(message));
        return false;
    }

private:
    int elementDepth() const { return form == JsonRecordReader::Form::Array ? 1 : 0; }
    bool inRecordBody() const { return m_inRecord; }
    // At the level of the record's own values (not inside one of them).
    bool inRecordField() const { return m_inRecord && m_depth == m_recordDepth + 1; }
    qint64 here() const { return qint64(m_cursor.position - m_begin); }

    bool advance()
    {
        m_lastEnd = here();
        return true;
    }

    bool fail(qint64 offset, std::string message)
    {
        if (!failed) {
            failed = true;
            error = {std::max<qint64>(0, offset), std::move(message)};
        }
        return false;
    }

    void noteDuplicate(const std::string &name)
    {
        if (m_raw.duplicateKeys.size() < 8)
            m_raw.duplicateKeys.push_back(name);
    }

    bool integer(qint64 value, bool outOfRange, Json json)
    {
        if (m_capture.empty() && inRecordField() && m_knownKey >= 0) {
            RawRecord::Value &slot = m_raw.fields[size_t(m_knownKey)];
            slot.kind = JsonKind::Integer;
            slot.integer = value;
            slot.outOfRange = outOfRange;
            return advance();
        }
        return scalar(JsonKind::Integer, std::move(json));
    }

    // A scalar: a value of a record field, part of a captured unknown field, or an element
    // that is not an object.
    bool scalar(JsonKind kind, Json value)
    {
        if (!m_capture.empty()) {
            addToCapture(std::move(value));
            return advance();
        }
        if (m_inRecord) {
            if (m_depth == m_recordDepth + 1) {
                if (m_knownKey >= 0)
                    m_raw.fields[size_t(m_knownKey)].kind = kind;
                else if (m_knownKey == -1)
                    extraSlot() = std::move(value);
            }
            return advance();
        }
        if (m_depth == 0 && form == JsonRecordReader::Form::Unknown) // at its first character
            return fail(m_lastEnd, "expected a JSON array of records, a record object or JSON "
                                   "Lines, found "
                                       + std::string(jsonKindName(kind)));
        if (m_depth == elementDepth()) {
            // Its text runs from after the previous token to here, less separators around it.
            qint64 start = m_lastEnd;
            qint64 end = here();
            while (start < end && (isJsonSpace(m_begin[start]) || m_begin[start] == ','
                                   || m_begin[start] == '['))
                ++start;
            while (end > start && (isJsonSpace(m_begin[end - 1]) || m_begin[end - 1] == ','
                                   || m_begin[end - 1] == ']'))
                --end;
            m_raw.clear();
            m_raw.kind = kind;
            m_raw.offset = start;
            m_raw.length = end - start;
            m_onRecord(m_raw);
        }
        return advance();
    }

    Json &extraSlot()
    {
        if (!m_raw.extra.is_object()) {
            m_raw.extra = Json::object();
            m_extra = OpenContainer(&m_raw.extra);
        }
        return m_extra.member(m_unknownKey);
    }

    void addToCapture(Json value)
    {
        OpenContainer &container = m_capture.back();
        if (container.isArray())
            container.append(std::move(value));
        else
            container.member(m_captureKey) = std::move(value);
    }

    // A parent's members stay where they are while the new container is open: nothing is
    // added to the parent until it closes.
    Json *addContainerToCapture(JsonKind kind)
    {
        Json fresh = kind == JsonKind::Object ? Json::object() : Json::array();
        OpenContainer &container = m_capture.back();
        if (container.isArray())
            return &container.append(std::move(fresh));
        Json &slot = container.member(m_captureKey);
        slot = std::move(fresh);
        return &slot;
    }

    bool start(JsonKind kind)
    {
        const qint64 opened = here() - 1;
        if (m_depth >= m_maxDepth)
            return fail(opened, "nesting deeper than " + std::to_string(m_maxDepth)
                                    + " levels; no record is that deep");
        if (m_depth == 0 && form == JsonRecordReader::Form::Unknown) {
            form = kind == JsonKind::Array ? JsonRecordReader::Form::Array
                                           : JsonRecordReader::Form::Object;
            if (kind == JsonKind::Array) { // the top array holds the elements
                ++m_depth;
                return advance();
            }
        }
        if (!m_capture.empty())
            m_capture.emplace_back(addContainerToCapture(kind));
        else if (m_inRecord && m_depth == m_recordDepth + 1) {
            if (m_knownKey >= 0) {
                m_raw.fields[size_t(m_knownKey)].kind = kind; // a wrong type: skip its content
            } else if (m_knownKey == -1) {
                Json &slot = extraSlot();
                slot = kind == JsonKind::Object ? Json::object() : Json::array();
                m_capture.emplace_back(&slot);
            }
        } else if (!m_inRecord && m_depth == elementDepth()) {
            m_raw.clear();
            m_raw.kind = kind;
            m_raw.offset = opened;
            m_elementDepth = m_depth;
            m_inElement = true;
            if (kind == JsonKind::Object) {
                m_inRecord = true;
                m_recordDepth = m_depth;
                m_knownKey = -2;
            }
        }
        ++m_depth;
        return advance();
    }

    bool end()
    {
        --m_depth;
        if (!m_capture.empty())
            m_capture.pop_back();
        if (m_inElement && m_depth == m_elementDepth) {
            m_raw.length = here() - m_raw.offset;
            m_inElement = false;
            m_inRecord = false;
            m_onRecord(m_raw);
        }
        return advance();
    }

    const char *m_begin;
    Cursor &m_cursor;
    int m_maxDepth;
    const JsonRecordReader::RecordHandler &m_onRecord;

    RawRecord m_raw;
    int m_depth = 0;
    qint64 m_base = 0;
    qint64 m_lastEnd = 0;
    bool m_inElement = false;
    int m_elementDepth = 0;
    bool m_inRecord = false;
    int m_recordDepth = 0;
    int m_knownKey = -2; // a RecordKey, -1 for an unknown key, -2 for a value to ignore
    std::string m_unknownKey;
    OpenContainer m_extra; // m_raw.extra, when it is an object
    std::vector<OpenContainer> m_capture; // open containers of an unknown field's value
    std::string m_captureKey;
};

} // namespace

JsonRecordReader::JsonRecordReader(int maxDepth)
    : m_maxDepth(maxDepth)
{
}

bool JsonRecordReader::read(std::string_view text, const RecordHandler &onRecord,
                            const std::function<void()> &onFinal)
{
    m_form = Form::Unknown;
    m_error = Error();
    m_lastReadWasFast = false;
    // The fast path reaches depth 2 (the array, a record); a lower limit must fail as before.
    if (m_fastPath && m_maxDepth >= 2 && readPlainRecordArray(text, onRecord, onFinal)) {
        m_form = Form::Array;
        m_lastReadWasFast = true;
        return true;
    }
    const char *begin = text.data();
    const char *end = begin + text.size();
    const char *position = begin;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        position += 3;
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
        m_error = {0, "the file starts with a UTF-16 byte order mark: JSON files must be UTF-8"};
        return false;
    }

    Cursor cursor{position, end};
    Handler handler(begin, cursor, m_maxDepth, onRecord);
    for (bool first = true;; first = false) {
        bool newline = false;
        while (position < end && isJsonSpace(*position)) {
            newline = newline || *position == '\n';
            ++position;
        }
        if (position == end) {
            if (first)
                m_error = {qint64(position - begin), "the file is empty"};
            return first ? false : true;
        }
        if (!first) {
            if (handler.form == Form::Array) {
                m_error = {qint64(position - begin),
                           "unexpected text after the end of the array"};
                return false;
            }
            if (!newline) {
                m_error = {qint64(position - begin),
                           "unexpected text after the end of the object (JSON Lines need one "
                           "record per line)"};
                return false;
            }
            handler.form = m_form = Form::JsonLines;
        }
        cursor.position = position;
        handler.beginValue(qint64(position - begin));
        const bool ok = Json::sax_parse(CursorIterator(&cursor, false),
                                        CursorIterator(&cursor, true), &handler,
                                        Json::input_format_t::json, /*strict=*/false);
        if (m_form != Form::JsonLines)
            m_form = handler.form;
        if (!ok || handler.failed) {
            m_error = handler.error;
            if (!handler.failed)
                m_error = {qint64(cursor.position - begin), "cannot be read as JSON"};
            return false;
        }
        // The lexer knows a number has ended only when it has read the character after it
        // (a number's last character is always a digit); give that character back, or a
        // newline there is lost and anything else is skipped unread.
        const bool number = *position == '-' || (*position >= '0' && *position <= '9');
        position = cursor.position;
        if (number && (position[-1] < '0' || position[-1] > '9'))
            --position;
    }
}

} // namespace Triage
