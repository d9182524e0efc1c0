#include "readercheck.h"

#include "checkfailed.h"
#include "readresult.h"

#include "recordvalidator.h"

#include <QString>

namespace Triage::Fuzz {

void checkReader(std::string_view text)
{
    const ReadResult reference = readText(text, /*fastPath=*/false);
    const ReadResult reading = readText(text, /*fastPath=*/true);
    require(!reference.fast, "the nlohmann path claims to be the fast one");
    const QString diff = difference(reading, reference);
    require(diff.isEmpty(), "the fast and nlohmann paths differ: " + diff.toStdString());
    if (!reading.ok) {
        require(reading.error.offset >= 0 && size_t(reading.error.offset) <= text.size(),
                "error offset outside the file");
        require(!reading.error.message.empty(), "a rejected file without a message");
    }

    // What the importer does with each element: validate, locate, keep its text.
    LineLocator locator(text);
    RecordValidator validator;
    CodedRecord coded;
    std::string problem;
    std::string warning;
    qint64 previousEnd = 0;
    for (const RawRecord &raw : reading.records) {
        require(raw.offset >= previousEnd && raw.length >= 0
                    && raw.offset + raw.length <= qint64(text.size()),
                "element text outside the file or out of order");
        if (raw.kind == JsonKind::Object)
            require(raw.length >= 2 && text[size_t(raw.offset)] == '{'
                        && text[size_t(raw.offset + raw.length - 1)] == '}',
                    "an object's text is not from '{' to '}'");
        previousEnd = raw.offset + raw.length;
        const bool accepted = validator.validate(raw, &coded, &problem, &warning);
        require(accepted ? problem.empty() : !problem.empty(),
                "a refused record needs a reason, an accepted one none");
        const TextPosition at = locator.at(raw.offset);
        require(at.line >= 1 && at.column >= 1, "a position before the file");
        // The quarantine keeps the element's text, which must survive a round trip through
        // QString when it was valid UTF-8 (any accepted record's text is).
        const QString rawText = QString::fromUtf8(text.data() + raw.offset, qsizetype(raw.length));
        if (accepted)
            require(rawText.toUtf8().size() == raw.length, "an accepted record's text is not UTF-8");
    }
    if (!reading.ok)
        locator.at(reading.error.offset);
}

} // namespace Triage::Fuzz
