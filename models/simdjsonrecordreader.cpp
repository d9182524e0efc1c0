#include "simdjsonrecordreader.h"

#include <simdjson.h>

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace Triage {

namespace {

namespace ondemand = simdjson::ondemand;

enum class Slot : quint8 {
    Missing,
    Integer,
    Text, // bytes of the input
    Unescaped // bytes of the reader's copy of the strings that had escapes
};

// A record until the whole file has been read: 80 bytes of offsets, nothing that points into
// the parser, so the parser (whose structural index alone is larger) is freed before delivery.
struct PlainRecord
{
    quint32 offset = 0;
    quint32 length = 0;
    std::array<Slot, RecordKeyCount> slots{};
    // Integer: the value. Text, Unescaped: the offset in the low half, the size in the high.
    std::array<quint64, RecordKeyCount> values{};
};

// Grows by blocks: no copy as it grows, no capacity beyond the last block.
class PlainRecords
{
public:
    PlainRecord &append()
    {
        if (m_size % BlockSize == 0)
            m_blocks.push_back(std::make_unique<PlainRecord[]>(BlockSize));
        return m_blocks.back()[m_size++ % BlockSize];
    }
    size_t size() const { return m_size; }
    const PlainRecord &operator[](size_t i) const { return m_blocks[i / BlockSize][i % BlockSize]; }

private:
    static constexpr size_t BlockSize = 4096;
    std::vector<std::unique_ptr<PlainRecord[]>> m_blocks;
    size_t m_size = 0;
};

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const std::array<std::string_view, RecordKeyCount> &knownKeys()
{
    static const std::array<std::string_view, RecordKeyCount> keys = [] {
        std::array<std::string_view, RecordKeyCount> names;
        for (int i = 0; i < RecordKeyCount; ++i)
            names[size_t(i)] = upstreamKey(RecordKey(i));
        return names;
    }();
    return keys;
}

// The index of a known key, -1 for any other (a key with an escape never matches: the
// comparison is on the raw text). Files write the keys in upstream order, so the one after the
// previous key is tried first.
int keyIndex(ondemand::raw_json_string key, int expected)
{
    const std::array<std::string_view, RecordKeyCount> &keys = knownKeys();
    if (expected < RecordKeyCount && key.unsafe_is_equal(keys[size_t(expected)]))
        return expected;
    for (int i = 0; i < RecordKeyCount; ++i) {
        if (i != expected && key.unsafe_is_equal(keys[size_t(i)]))
            return i;
    }
    return -1;
}

quint64 packText(size_t offset, size_t size)
{
    return quint64(offset) | (quint64(size) << 32);
}

// Only the values the fast path can represent exactly as the nlohmann path would: strings,
// and integers that fit 64 bits (get_int64 refuses a fraction, an exponent or a larger number;
// the nlohmann path gives those their kind, or outOfRange).
bool readValue(
    ondemand::value &value, const char *base, std::string &unescaped, Slot *slot, quint64 *packed)
{
    ondemand::json_type type;
    if (value.type().get(type))
        return false;
    if (type == ondemand::json_type::number) {
        int64_t integer = 0;
        if (value.get_int64().get(integer))
            return false;
        *slot = Slot::Integer;
        *packed = quint64(integer);
        return true;
    }
    if (type != ondemand::json_type::string)
        return false;
    // The token runs from the opening quote to the next structural character. Without escapes
    // the text is its bytes as they stand, which stage 1 has checked (well-formed UTF-8, no
    // control character): that spares simdjson's copy of it.
    const std::string_view token = value.raw_json_token();
    size_t end = token.size();
    while (end > 0 && isJsonSpace(token[end - 1]))
        --end;
    if (end < 2 || token.front() != '"' || token[end - 1] != '"')
        return false;
    const std::string_view raw = token.substr(1, end - 2);
    if (!std::memchr(raw.data(), '\\', raw.size())) {
        ondemand::raw_json_string consumed;
        if (value.get_raw_json_string().get(consumed) || consumed.raw() != raw.data())
            return false;
        *slot = Slot::Text;
        *packed = packText(size_t(raw.data() - base), raw.size());
        return true;
    }
    std::string_view text;
    if (value.get_string().get(text))
        return false;
    *slot = Slot::Unescaped;
    *packed = packText(unescaped.size(), text.size());
    unescaped.append(text);
    return true;
}

bool readArray(
    ondemand::document &document, const char *base, PlainRecords &records, std::string &unescaped)
{
    ondemand::array array;
    if (document.get_array().get(array))
        return false;
    for (auto element : array) {
        ondemand::value value;
        const char *start = nullptr;
        ondemand::object object;
        if (std::move(element).get(value) || value.current_location().get(start)
            || value.get_object().get(object))
            return false;
        PlainRecord &record = records.append();
        record.offset = quint32(start - base);
        int expected = 0;
        for (auto member : object) {
            ondemand::field field;
            if (std::move(member).get(field))
                return false;
            const int index = keyIndex(field.key(), expected);
            // A repeated key is noted by the nlohmann path (duplicateKeys), an unknown one kept
            // in extra: both are its work.
            if (index < 0 || record.slots[size_t(index)] != Slot::Missing
                || !readValue(field.value(), base, unescaped, &record.slots[size_t(index)],
                    &record.values[size_t(index)]))
                return false;
            expected = index + 1;
        }
        // The object's iteration ended past its '}': the parser is at the ',' or ']' after it,
        // with only whitespace between.
        const char *next = nullptr;
        if (document.current_location().get(next))
            return false;
        while (next > start && isJsonSpace(next[-1]))
            --next;
        if (next - start < 2 || next[-1] != '}')
            return false;
        record.length = quint32(next - start);
    }
    // simdjson does not check that nothing follows the array; the parser is at the end only
    // when nothing does.
    const char *rest = nullptr;
    return document.current_location().get(rest) == simdjson::OUT_OF_BOUNDS;
}

// simdjson may read SIMDJSON_PADDING bytes past the end, whatever their values. Memory is
// mapped in whole pages, so those bytes are readable when they lie in the page of the text's
// last byte: true of a memory-mapped file (the rest of its last page reads as zeros) and of any
// heap buffer, for all but 1 text in 64. Otherwise the text is copied (0.16 s for 356 MB, a
// third of the parse). AddressSanitizer would rightly object to the read past the object, so a
// sanitized build always copies.
bool paddingIsReadable(std::string_view text)
{
#if defined(__SANITIZE_ADDRESS__)
    return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return false;
#endif
#endif
    static const uintptr_t pageSize = uintptr_t(sysconf(_SC_PAGESIZE));
    if (text.empty() || pageSize < 2 * simdjson::SIMDJSON_PADDING)
        return false;
    const uintptr_t last = reinterpret_cast<uintptr_t>(text.data() + text.size() - 1);
    return last % pageSize + simdjson::SIMDJSON_PADDING < pageSize;
}

// The parser and any padded copy live only in here; the records refer to the text by offset.
bool collect(std::string_view text, PlainRecords &records, std::string &unescaped)
{
    simdjson::padded_string copy;
    simdjson::padded_string_view input;
    if (paddingIsReadable(text)) {
        input = simdjson::padded_string_view(
            text.data(), text.size(), text.size() + simdjson::SIMDJSON_PADDING);
    } else {
        copy = simdjson::padded_string(text.data(), text.size());
        if (!copy.data())
            return false;
        input = copy;
    }
    ondemand::parser parser;
    ondemand::document document;
    if (parser.iterate(input).get(document))
        return false;
    return readArray(document, input.data(), records, unescaped);
}

void deliver(std::string_view text, const PlainRecords &records, const std::string &unescaped,
    const JsonRecordReader::RecordHandler &onRecord)
{
    RawRecord raw;
    for (size_t r = 0; r < records.size(); ++r) {
        const PlainRecord &record = records[r];
        raw.clear();
        raw.offset = record.offset;
        raw.length = record.length;
        for (size_t i = 0; i < RecordKeyCount; ++i) {
            RawRecord::Value &to = raw.fields[i];
            const quint64 value = record.values[i];
            const size_t offset = size_t(value & 0xffffffffu);
            const size_t size = size_t(value >> 32);
            switch (record.slots[i]) {
            case Slot::Missing:
                break;
            case Slot::Integer:
                to.kind = JsonKind::Integer;
                to.integer = qint64(value);
                break;
            case Slot::Text:
                to.kind = JsonKind::String;
                to.text.assign(text.data() + offset, size);
                break;
            case Slot::Unescaped:
                to.kind = JsonKind::String;
                to.text.assign(unescaped.data() + offset, size);
                break;
            }
        }
        onRecord(raw);
    }
}

} // namespace

bool readPlainRecordArray(std::string_view text, const JsonRecordReader::RecordHandler &onRecord,
                          const std::function<void()> &onFinal)
{
    // A BOM, an object, JSON Lines and an empty file are the nlohmann path's; so is a file
    // beyond simdjson's 4 GB, which 32-bit offsets could not address either.
    const size_t first = text.find_first_not_of(" \t\n\r");
    if (first == std::string_view::npos || text[first] != '['
        || text.size() > std::numeric_limits<quint32>::max())
        return false;
    PlainRecords records;
    std::string unescaped;
    try {
        if (!collect(text, records, unescaped))
            return false;
    } catch (const std::exception &) { // out of memory: the nlohmann path needs less
        return false;
    }
    if (onFinal)
        onFinal();
    deliver(text, records, unescaped, onRecord);
    return true;
}

} // namespace Triage
