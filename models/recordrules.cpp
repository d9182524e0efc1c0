#include "recordrules.h"

#include "labelpath.h"

#include <cstdio>
#include <deque>

namespace Triage {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Consumes `prefix` from the front of `text`.
bool eat(std::string_view &text, std::string_view prefix)
{
    if (text.substr(0, prefix.size()) != prefix)
        return false;
    text.remove_prefix(prefix.size());
    return true;
}

// GitHub user and organisation names: 1-39 letters, digits and single hyphens, no hyphen first.
bool isOwner(std::string_view s)
{
    if (s.empty() || s.size() > 39 || s.front() == '-')
        return false;
    for (char c : s) {
        if (!isAsciiAlnum(c) && c != '-')
            return false;
    }
    return true;
}

// Repository names: 1-100 of letters, digits, '.', '_', '-', and not "." or "..".
bool isRepo(std::string_view s)
{
    if (s.empty() || s.size() > 100 || s == "." || s == "..")
        return false;
    for (char c : s) {
        if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '-')
            return false;
    }
    return true;
}

// The code point at `i` when it is a control character (C0, DEL, C1), else -1.
int controlCharacterAt(std::string_view text, size_t i)
{
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f)
        return byte;
    if (byte == 0xc2 && i + 1 < text.size()) {
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (next >= 0x80 && next <= 0x9f)
            return next;
    }
    return -1;
}

// Characters that show as nothing or as a plain space: no-break and other spaces, zero-width
// characters, bidirectional controls, the BOM. A message quotes them as codes, or 'Inference'
// followed by a no-break space would read as a stray space.
bool isInvisible(char32_t cp)
{
    return cp == 0xa0 || cp == 0xad || cp == 0x61c || cp == 0x180e || (cp >= 0x2000 && cp <= 0x200f)
        || (cp >= 0x2028 && cp <= 0x202f) || (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000
        || cp == 0xfeff;
}

// The code point at `i` and its size in bytes when it is invisible (above), else -1.
int invisibleCharacterAt(std::string_view text, size_t i, size_t *size)
{
    const auto byte = [&](size_t k) {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
    };
    int cp = -1;
    if (byte(0) >= 0xc2 && byte(0) <= 0xdf && (byte(1) & 0xc0) == 0x80) {
        cp = int((byte(0) & 0x1fu) << 6 | (byte(1) & 0x3fu));
        *size = 2;
    } else if (byte(0) >= 0xe0 && byte(0) <= 0xef && (byte(1) & 0xc0) == 0x80
        && (byte(2) & 0xc0) == 0x80) {
        cp = int((byte(0) & 0x0fu) << 12 | (byte(1) & 0x3fu) << 6 | (byte(2) & 0x3fu));
        *size = 3;
    }
    return cp >= 0 && isInvisible(char32_t(cp)) ? cp : -1;
}

std::string codePointName(int cp)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", unsigned(cp));
    return buffer;
}

size_t characterCount(std::string_view utf8)
{
    size_t n = 0;
    for (char c : utf8) {
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80)
            ++n;
    }
    return n;
}

} // namespace

std::optional<IssueLinkParts> parseIssueLink(std::string_view url)
{
    if (!eat(url, "https://github.com/"))
        return std::nullopt;
    const size_t slash = url.find('/');
    if (slash == std::string_view::npos)
        return std::nullopt;
    IssueLinkParts parts;
    parts.owner = url.substr(0, slash);
    url.remove_prefix(slash + 1);
    const size_t issues = url.find('/');
    if (issues == std::string_view::npos)
        return std::nullopt;
    parts.repo = url.substr(0, issues);
    url.remove_prefix(issues);
    if (!isOwner(parts.owner) || !isRepo(parts.repo) || !eat(url, "/issues/"))
        return std::nullopt;
    if (url.empty() || url.size() > 10 || url.front() == '0')
        return std::nullopt;
    for (char c : url) {
        if (c < '0' || c > '9')
            return std::nullopt;
        parts.number = parts.number * 10 + (c - '0');
    }
    if (parts.number > MaxNumber)
        return std::nullopt;
    return parts;
}

std::string quoteValue(std::string_view text)
{
    constexpr size_t Shown = 80;
    std::string out = "'";
    size_t shownCharacters = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xc0) != 0x80 && ++shownCharacters > Shown) {
            out += "...";
            break;
        }
        const int control = controlCharacterAt(text, i);
        size_t size = 1;
        if (control >= 0) {
            out += "<" + codePointName(control) + ">";
            if (byte == 0xc2)
                ++i;
        } else if (const int invisible = invisibleCharacterAt(text, i, &size); invisible >= 0) {
            out += "<" + codePointName(invisible) + ">";
            i += size - 1;
        } else {
            out += text[i];
        }
    }
    out += "'";
    return out;
}

std::string printableTail(std::string_view text, size_t characters)
{
    // Decode only the end: a character takes at most 4 bytes.
    size_t i = text.size() > 4 * characters + 4 ? text.size() - 4 * characters - 4 : 0;
    bool cut = i > 0;
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80)
        ++i;
    std::deque<std::string> shown;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        size_t size = 0;
        char32_t cp = 0;
        char32_t least = 0;
        if (lead < 0x80) {
            size = 1;
            cp = lead;
        } else if (lead >= 0xc2 && lead <= 0xdf) {
            size = 2;
            cp = lead & 0x1f;
            least = 0x80;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            size = 3;
            cp = lead & 0x0f;
            least = 0x800;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            size = 4;
            cp = lead & 0x07;
            least = 0x10000;
        }
        bool valid = size > 0 && i + size <= text.size();
        for (size_t k = 1; valid && k < size; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xc0) == 0x80;
            cp = (cp << 6) | (next & 0x3f);
        }
        valid = valid && cp >= least && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
        if (!valid) {
            char code[8];
            std::snprintf(code, sizeof code, "<0x%02X>", unsigned(lead));
            shown.emplace_back(code);
            size = 1;
        } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || isInvisible(cp)) {
            shown.push_back("<" + codePointName(int(cp)) + ">");
        } else {
            shown.emplace_back(text.substr(i, size));
        }
        i += size;
        if (shown.size() > characters) {
            shown.pop_front();
            cut = true;
        }
    }
    std::string tail = cut ? "..." : "";
    for (const std::string &piece : shown)
        tail += piece;
    return tail;
}

std::string textProblem(std::string_view name, std::string_view text)
{
    const std::string quotedName = "'" + std::string(name) + "'";
    if (text.empty())
        return quotedName + " is empty";
    for (size_t i = 0; i < text.size(); ++i) {
        const int control = controlCharacterAt(text, i);
        if (control >= 0)
            return quotedName + " contains the control character " + codePointName(control) + ": "
                + quoteValue(text);
    }
    const size_t length = characterCount(text);
    if (length > size_t(MaxLabelLength))
        return quotedName + " is " + std::to_string(length) + " characters long; at most "
            + std::to_string(MaxLabelLength) + " are allowed: " + quoteValue(text);
    return {};
}

QString textProblem(const QString &name, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(textProblem(name.toStdString(),
                                              std::string_view(utf8.constData(), size_t(utf8.size()))));
}

std::pair<int, int> labelParts(RecordKey key)
{
    switch (key) {
    case RecordKey::Symptom:
        return {2, 3};
    case RecordKey::Cause:
        return {2, 2};
    default:
        return {1, 1};
    }
}

std::string labelProblem(RecordKey key, std::string_view text)
{
    if (std::string problem = textProblem(upstreamKey(key), text); !problem.empty())
        return problem;
    const std::string name = "'" + std::string(upstreamKey(key)) + "'";

    if (key != RecordKey::Symptom && key != RecordKey::Cause)
        return {};
    const auto [minParts, maxParts] = labelParts(key);
    const int parts = LabelPath::depth(text);
    if (parts < minParts || parts > maxParts) {
        const std::string expected = minParts == maxParts
            ? std::to_string(minParts)
            : std::to_string(minParts) + " or " + std::to_string(maxParts);
        return name + " has " + std::to_string(parts) + (parts == 1 ? " part" : " parts")
            + " where " + expected + " separated by \" - \" are expected: " + quoteValue(text);
    }
    for (size_t start = 0;;) {
        const size_t end = text.find(LabelPath::Separator, start);
        const std::string_view part = text.substr(start, end == std::string_view::npos
                                                             ? std::string_view::npos
                                                             : end - start);
        if (part.find_first_not_of(' ') == std::string_view::npos)
            return name + " has an empty part: " + quoteValue(text);
        if (end == std::string_view::npos)
            break;
        start = end + LabelPath::Separator.size();
    }
    return {};
}

QString labelProblem(RecordKey key, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(
        labelProblem(key, std::string_view(utf8.constData(), size_t(utf8.size()))));
}

std::optional<QStringView> canonicalStage(std::string_view text, bool *normalised)
{
    if (normalised)
        *normalised = false;
    if (text == "Fine-tuning")
        return StageFineTuning;
    if (text == "Inference")
        return StageInference;
    const size_t first = text.find_first_not_of(" \t");
    const size_t last = text.find_last_not_of(" \t");
    std::string folded;
    if (first != std::string_view::npos) {
        for (char c : text.substr(first, last - first + 1))
            folded += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    std::optional<QStringView> stage;
    if (folded == "inference")
        stage = StageInference;
    else if (folded == "fine-tuning" || folded == "fine tuning" || folded == "finetuning"
             || folded == "fine_tuning")
        stage = StageFineTuning;
    if (stage && normalised)
        *normalised = true;
    return stage;
}

} // namespace Triage
