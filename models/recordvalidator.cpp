#include "recordvalidator.h"

#include "recordrules.h"

namespace Triage {

namespace {

constexpr std::pair<RecordKey, LabelKind> TextFields[] = {
    {RecordKey::Status, LabelKind::Status},
    {RecordKey::Symptom, LabelKind::Symptom},
    {RecordKey::Cause, LabelKind::Cause},
    {RecordKey::Model, LabelKind::Model},
    {RecordKey::Architecture, LabelKind::Architecture},
};

std::string keyName(RecordKey key)
{
    return "'" + std::string(upstreamKey(key)) + "'";
}

void add(std::string *problems, const std::string &problem)
{
    if (!problems->empty())
        *problems += "; ";
    *problems += problem;
}

// "missing field 'SYMPTOM'", with a hint when the record has the key in another case.
std::string missingMessage(const RawRecord &raw, RecordKey key)
{
    std::string message = "missing field " + keyName(key);
    if (raw.extra.is_object()) {
        const std::string_view wanted = upstreamKey(key);
        for (const auto &item : raw.extra.items()) {
            const std::string &name = item.key();
            if (name.size() == wanted.size()
                && std::equal(name.begin(), name.end(), wanted.begin(), [](char a, char b) {
                       return std::tolower(static_cast<unsigned char>(a))
                           == std::tolower(static_cast<unsigned char>(b));
                   }))
                return message + " (the record has '" + name + "'; keys are case-sensitive)";
        }
    }
    return message;
}

} // namespace

const std::vector<std::string> &RecordValidator::labels(LabelKind kind) const
{
    return m_dictionaries[size_t(kind)].texts;
}

const std::string &RecordValidator::code(LabelKind kind, RecordKey key, const std::string &text,
                                         quint32 *out)
{
    Dictionary &dictionary = m_dictionaries[size_t(kind)];
    auto it = dictionary.codes.find(text);
    if (it == dictionary.codes.end()) {
        it = dictionary.codes.emplace(text, quint32(dictionary.texts.size())).first;
        dictionary.texts.push_back(text);
        dictionary.problems.push_back(labelProblem(key, text));
    }
    *out = it->second;
    return dictionary.problems[it->second];
}

bool RecordValidator::validate(const RawRecord &raw, CodedRecord *out, std::string *problem,
                               std::string *warning)
{
    problem->clear();
    warning->clear();
    if (raw.kind != JsonKind::Object) {
        *problem = "the element is " + std::string(jsonKindName(raw.kind))
            + ", not a record object";
        return false;
    }
    for (const std::string &duplicate : raw.duplicateKeys)
        add(problem, "duplicate key " + quoteValue(duplicate)); // a key may hold anything

    for (int i = 0; i < RecordKeyCount; ++i) {
        const auto key = RecordKey(i);
        const RawRecord::Value &value = raw.field(key);
        const JsonKind wanted = key == RecordKey::Number ? JsonKind::Integer : JsonKind::String;
        if (value.kind == JsonKind::Missing)
            add(problem, missingMessage(raw, key));
        else if (value.kind != wanted)
            add(problem, keyName(key) + " must be " + std::string(jsonKindName(wanted))
                             + ", not " + std::string(jsonKindName(value.kind)));
    }
    if (!problem->empty())
        return false;

    const RawRecord::Value &number = raw.field(RecordKey::Number);
    if (number.outOfRange || number.integer < 1 || number.integer > MaxNumber)
        add(problem, "'number' must be a whole number from 1 to " + std::to_string(MaxNumber)
                         + (number.outOfRange ? std::string()
                                              : ", not " + std::to_string(number.integer)));
    out->number = number.integer;

    const std::string &link = raw.field(RecordKey::Link).text;
    if (const std::optional<IssueLinkParts> parts = parseIssueLink(link)) {
        m_repoBuffer.assign(parts->owner);
        m_repoBuffer += '/';
        m_repoBuffer += parts->repo;
        code(LabelKind::Repo, RecordKey::Link, m_repoBuffer,
             &out->labels[size_t(LabelKind::Repo)]);
        out->issue = parts->number;
    } else {
        add(problem, "'link' is not a GitHub issue link (https://github.com/OWNER/REPO/issues/N): "
                         + quoteValue(link));
    }

    for (const auto &[key, kind] : TextFields) {
        const std::string &text = raw.field(key).text;
        const std::string &labelProblem = code(kind, key, text, &out->labels[size_t(kind)]);
        if (!labelProblem.empty())
            add(problem, labelProblem);
    }

    const std::string &stageText = raw.field(RecordKey::Stage).text;
    bool normalised = false;
    if (const std::optional<QStringView> stage = canonicalStage(stageText, &normalised)) {
        static const std::string FineTuning = "Fine-tuning";
        static const std::string Inference = "Inference";
        const std::string &canonical = *stage == StageInference ? Inference : FineTuning;
        code(LabelKind::Stage, RecordKey::Stage, canonical, &out->labels[size_t(LabelKind::Stage)]);
        if (normalised)
            *warning = "'STAGE' " + quoteValue(stageText) + " read as '" + canonical + "'";
    } else {
        add(problem, "'STAGE' " + quoteValue(stageText) + " is not Fine-tuning or Inference");
    }

    std::string extra;
    if (raw.extra.is_object()) {
        extra = raw.extra.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
        if (extra.size() > MaxExtraBytes)
            add(problem, "the unknown fields take " + std::to_string(extra.size())
                             + " bytes as JSON; at most " + std::to_string(MaxExtraBytes)
                             + " are kept");
    }

    if (!problem->empty())
        return false;

    out->offset = raw.offset;
    out->length = raw.length;
    out->extra = -1;
    if (raw.extra.is_object()) {
        out->extra = qint32(m_extras.size());
        m_extras.push_back(std::move(extra));
    }
    return true;
}

} // namespace Triage
