#include "exporter.h"

#include "csv.h"
#include "record.h"
#include "workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <memory>

namespace Triage {

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// The eight fields of an upstream record, in upstream order.
void addKnownFields(Json &object, const Record &record)
{
    object["number"] = record.number;
    object["link"] = utf8(record.link());
    object["status"] = utf8(record.status);
    object["SYMPTOM"] = utf8(record.symptom);
    object["ROOT CAUSE"] = utf8(record.cause);
    object["STAGE"] = utf8(record.stage);
    object["model"] = utf8(record.model);
    object["architecture"] = utf8(record.architecture);
}

Json extraFields(const Record &record)
{
    if (record.extra.isEmpty())
        return Json::object();
    Json extra = Json::parse(record.extra.toStdString(), nullptr, false);
    return extra.is_object() ? extra : Json::object();
}

// The record as upstream writes it, then the fields we did not know, in their order.
Json upstreamObject(const Record &record)
{
    Json object = Json::object();
    addKnownFields(object, record);
    const Json extra = extraFields(record); // items() must not outlive what it iterates
    for (const auto &item : extra.items())
        object[item.key()] = item.value();
    return object;
}

// Streams a JSON array laid out as Python's json.dump(indent=2) lays it out.
class JsonArrayWriter
{
public:
    JsonArrayWriter(const QString &path, bool ensureAscii)
        : m_file(path)
        , m_ensureAscii(ensureAscii)
    {
        if (!m_file.open(QIODevice::WriteOnly))
            throw ExportError(path + QStringLiteral(": ") + m_file.errorString());
        m_file.write("[");
    }

    void append(const Json &object)
    {
        std::string text = object.dump(2, ' ', m_ensureAscii, Json::error_handler_t::replace);
        std::string indented = m_first ? "\n  " : ",\n  ";
        indented.reserve(text.size() + 64);
        for (char c : text) {
            indented += c;
            if (c == '\n')
                indented += "  ";
        }
        m_file.write(indented.data(), qint64(indented.size()));
        m_first = false;
    }

    void finish()
    {
        m_file.write(m_first ? "]\n" : "\n]\n");
        if (!m_file.commit())
            throw ExportError(m_file.fileName() + QStringLiteral(": ") + m_file.errorString());
    }

private:
    QSaveFile m_file;
    bool m_ensureAscii;
    bool m_first = true;
};

// A source path is written below the output folder only when it stays there.
bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || path.contains(QLatin1Char('\\'))
        || path.contains(QLatin1Char(':')))
        return false;
    for (const QString &segment : path.split(QLatin1Char('/'))) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return false;
    }
    return true;
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    if (name == u"upstream")
        return ExportFormat::Upstream;
    if (name == u"json")
        return ExportFormat::Json;
    if (name == u"csv")
        return ExportFormat::Csv;
    return std::nullopt;
}

Exporter::Exporter(Workspace &workspace)
    : m_workspace(workspace)
    , m_cancelled([&workspace](qint64) { return workspace.isCancelRequested(); })
{
}

void Exporter::stopIfCancelled(qint64 written) const
{
    if (m_cancelled(written))
        throw ExportCancelled(QStringLiteral("The export was cancelled; nothing was written."));
}

ExportResult Exporter::run(ExportFormat format, const QString &out)
{
    // Writing over the workspace (or its WAL) would replace every label and note with the export.
    const QString workspace = QFileInfo(m_workspace.path()).absoluteFilePath();
    const QString target = QFileInfo(out).absoluteFilePath();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (target == workspace + suffix
            || (QFileInfo::exists(out) && QFileInfo(out).canonicalFilePath()
                                              == QFileInfo(workspace + suffix).canonicalFilePath()))
            throw ExportError(out + QStringLiteral(": is the workspace itself; choose another file"));
    }
    ExportResult result;
    m_workspace.readSnapshot([&] {
        switch (format) {
        case ExportFormat::Upstream:
            result = writeUpstream(out);
            break;
        case ExportFormat::Json:
            result = writeJson(out);
            break;
        case ExportFormat::Csv:
            result = writeCsv(out);
            break;
        }
    });
    return result;
}

ExportResult Exporter::writeUpstream(const QString &folder)
{
    QDir root(folder);
    if (root.exists() && !root.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        throw ExportError(folder + QStringLiteral(": the folder is not empty; export into a new "
                                                  "or empty folder"));
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        throw ExportError(folder + QStringLiteral(": is a file; upstream export writes a folder"));
    const bool rootExisted = root.exists();
    if (!root.mkpath(QStringLiteral(".")))
        throw ExportError(folder + QStringLiteral(": cannot create the folder"));

    ExportResult result;
    std::unique_ptr<JsonArrayWriter> writer;
    QString currentSource;
    QStringList opened; // the files of this export, finished or being written
    try {
        m_workspace.forEachRecord([&](const Record &record) {
            stopIfCancelled(result.records);
            if (!writer || record.source != currentSource) {
                if (writer)
                    writer->finish();
                if (!isSafeRelativePath(record.source))
                    throw ExportError(QStringLiteral("record %1 has the source '%2', which would be "
                                                     "written outside %3; nothing more was written")
                                          .arg(record.id(), record.source, folder));
                const QString path = root.filePath(record.source);
                if (!QDir().mkpath(QFileInfo(path).path()))
                    throw ExportError(path + QStringLiteral(": cannot create its folder"));
                opened.append(path);
                writer = std::make_unique<JsonArrayWriter>(path, true);
                currentSource = record.source;
                ++result.files;
            }
            writer->append(upstreamObject(record));
            ++result.records;
        });
        if (writer)
            writer->finish();
    } catch (const ExportCancelled &) {
        // The folder was new or empty, so what is in it now is this export's: the file being
        // written goes with its QSaveFile, the finished ones and the folders made for them here.
        writer.reset();
        const QString top = QFileInfo(folder).absoluteFilePath();
        for (const QString &file : std::as_const(opened)) {
            QFile::remove(file);
            for (QString dir = QFileInfo(file).absolutePath(); dir != top && QDir().rmdir(dir);)
                dir = QFileInfo(dir).absolutePath();
        }
        if (!rootExisted)
            QDir().rmdir(top);
        throw;
    }
    return result;
}

ExportResult Exporter::writeJson(const QString &file)
{
    const QHash<qint64, QString> notes = m_workspace.notes();
    ExportResult result{0, 1};
    JsonArrayWriter writer(file, false);
    m_workspace.forEachRecord([&](const Record &record) {
        stopIfCancelled(result.records); // the unfinished QSaveFile is discarded
        Json object = Json::object();
        object["id"] = utf8(record.id());
        addKnownFields(object, record);
        object["series"] = utf8(record.series());
        object["source"] = utf8(record.source);
        if (!record.extra.isEmpty()) // under its own key, so no unknown field shadows ours
            object["extra"] = extraFields(record);
        if (const auto note = notes.constFind(record.rid); note != notes.cend())
            object["note"] = utf8(*note);
        writer.append(object);
        ++result.records;
    });
    writer.finish();
    return result;
}

ExportResult Exporter::writeCsv(const QString &file)
{
    const QHash<qint64, QString> notes = m_workspace.notes();
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw ExportError(file + QStringLiteral(": ") + out.errorString());
    out.write("id,number,link,status,SYMPTOM,ROOT CAUSE,STAGE,model,architecture,series,source,"
              "note,extra\r\n");
    ExportResult result{0, 1};
    m_workspace.forEachRecord([&](const Record &record) {
        stopIfCancelled(result.records); // the unfinished QSaveFile is discarded
        const QString line = Csv::line({record.id(), QString::number(record.number), record.link(),
                                        record.status, record.symptom, record.cause, record.stage,
                                        record.model, record.architecture, record.series(),
                                        record.source, notes.value(record.rid),
                                        QString::fromUtf8(record.extra)});
        out.write(line.toUtf8());
        ++result.records;
    });
    if (!out.commit())
        throw ExportError(file + QStringLiteral(": ") + out.errorString());
    return result;
}

} // namespace Triage
