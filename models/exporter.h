#pragma once

#include <QString>

#include <functional>
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

// The user stopped the export (Workspace::requestCancel on its connection): nothing of it is
// left on disk.
class ExportCancelled : public ExportError
{
public:
    using ExportError::ExportError;
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
    // workspace cannot be read, ExportCancelled when the workspace's connection was asked to
    // cancel (the files written so far are removed again).
    ExportResult run(ExportFormat format, const QString &out);
    // Asked before each record with the number written so far; by default, whether the
    // workspace's connection was asked to cancel. Tests stop at a chosen record.
    void setCancelCheck(std::function<bool(qint64 written)> check) { m_cancelled = std::move(check); }

private:
    void stopIfCancelled(qint64 written) const;

    ExportResult writeUpstream(const QString &folder);
    ExportResult writeJson(const QString &file);
    ExportResult writeCsv(const QString &file);

    Workspace &m_workspace;
    std::function<bool(qint64)> m_cancelled;
};

} // namespace Triage
