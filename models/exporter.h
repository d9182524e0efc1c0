#pragma once

#include <QString>

#include <optional>
#include <stdexcept>

namespace Triage {

class Workspace;

enum class ExportFormat {
    Upstream, // the dataset's own layout: a folder of JSON arrays, one per source file
    Json,     // one JSON array of records with their id and every field
    Csv       // RFC 4180, a header row, UTF-8
};
std::optional<ExportFormat> exportFormatFromName(QStringView name);

class ExportError : public std::runtime_error
{
public:
    explicit ExportError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {
    }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

struct ExportResult
{
    qint64 records = 0;
    qint64 files = 0;
};

// Writes a workspace's records out. Upstream output is byte-stable: importing the upstream
// files and exporting them unchanged gives the same bytes (two-space indent, non-ASCII
// escaped, a newline at the end, records in file order). Files are written whole or not at
// all (QSaveFile); an upstream export refuses a folder that is not empty.
class Exporter
{
public:
    explicit Exporter(Workspace &workspace);
    // Throws ExportError when the output cannot be written, WorkspaceError when the
    // workspace cannot be read.
    ExportResult run(ExportFormat format, const QString &out);

private:
    ExportResult writeUpstream(const QString &folder);
    ExportResult writeJson(const QString &file);
    ExportResult writeCsv(const QString &file);

    Workspace &m_workspace;
};

} // namespace Triage
