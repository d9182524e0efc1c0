#include "syntheticgenerator.h"

#include "defaultworkspace.h"
#include "exporter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <vector>

namespace Triage {

namespace {

// One real record, its values already written as JSON text.
struct Sample
{
    int file = 0; // index into the sources
    std::string link; // "https://github.com/owner/repo/issues/" without the number
    std::string fields; // ,"status":... to the end, as JSON text
};

std::string quote(const std::string &text)
{
    return nlohmann::json(text).dump();
}

} // namespace

GeneratorResult generateSynthetic(qint64 count, const QString &folder, quint64 seed)
{
    std::vector<QString> sources;
    std::vector<Sample> population;
    QDirIterator it(embeddedDatasetPath(), {QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    std::vector<QString> paths;
    while (it.hasNext())
        paths.push_back(it.next());
    std::sort(paths.begin(), paths.end());
    for (const QString &path : paths) {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        const nlohmann::json records = nlohmann::json::parse(file.readAll().toStdString());
        sources.push_back(QDir(embeddedDatasetPath()).relativeFilePath(path));
        for (const auto &r : records) {
            const std::string link = r.at("link").get<std::string>();
            Sample sample;
            sample.file = int(sources.size()) - 1;
            sample.link = link.substr(0, link.rfind('/') + 1);
            sample.fields = ",\n    \"status\": " + quote(r.at("status").get<std::string>())
                + ",\n    \"SYMPTOM\": " + quote(r.at("SYMPTOM").get<std::string>())
                + ",\n    \"ROOT CAUSE\": " + quote(r.at("ROOT CAUSE").get<std::string>())
                + ",\n    \"STAGE\": " + quote(r.at("STAGE").get<std::string>())
                + ",\n    \"model\": " + quote(r.at("model").get<std::string>())
                + ",\n    \"architecture\": " + quote(r.at("architecture").get<std::string>())
                + "\n  }";
            population.push_back(std::move(sample));
        }
    }

    std::mt19937_64 random(seed);
    // Draw all records first, then write file by file.
    std::vector<std::vector<const Sample *>> byFile(sources.size());
    for (qint64 i = 0; i < count; ++i) {
        const Sample &sample = population[size_t(random() % population.size())];
        byFile[size_t(sample.file)].push_back(&sample);
    }

    GeneratorResult result;
    for (size_t f = 0; f < sources.size(); ++f) {
        if (byFile[f].empty())
            continue;
        const QString path = QDir(folder).filePath(sources[f]);
        if (!QDir().mkpath(QFileInfo(path).path()))
            throw ExportError(path + QStringLiteral(": cannot create its folder"));
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            throw ExportError(path + QStringLiteral(": ") + out.errorString());
        std::string buffer = "[";
        qint64 number = 0;
        for (const Sample *sample : byFile[f]) {
            buffer += number == 0 ? "\n  {\n    \"number\": " : ",\n  {\n    \"number\": ";
            buffer += std::to_string(++number);
            buffer += ",\n    \"link\": \"";
            buffer += sample->link;
            buffer += std::to_string(1 + random() % 20000);
            buffer += '"';
            buffer += sample->fields;
            if (buffer.size() > (1 << 20)) {
                out.write(buffer.data(), qint64(buffer.size()));
                result.bytes += qint64(buffer.size());
                buffer.clear();
            }
        }
        buffer += "\n]\n";
        out.write(buffer.data(), qint64(buffer.size()));
        result.bytes += qint64(buffer.size());
        if (!out.commit())
            throw ExportError(path + QStringLiteral(": ") + out.errorString());
        result.records += number;
        ++result.files;
    }
    return result;
}

} // namespace Triage
