#include "importer.h"

#include "jsonrecordreader.h"
#include "recordrules.h"
#include "recordvalidator.h"
#include "sqlite/database.h"
#include "workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace Triage {

namespace {

struct SourceFile
{
    QString path;     // to open
    QString display;  // for messages: as the user named it
    QString relative; // the record's source
};

// A file's bytes: mapped when it is a real file, read when it is a Qt resource.
class FileBytes
{
public:
    bool open(const QString &path, QString *error)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::ReadOnly)) {
            *error = m_file.errorString();
            return false;
        }
        if (m_file.size() > 0) {
            if (uchar *mapped = m_file.map(0, m_file.size())) {
                m_view = std::string_view(reinterpret_cast<const char *>(mapped),
                                          size_t(m_file.size()));
                return true;
            }
        }
        m_copy = m_file.readAll();
        if (m_file.error() != QFileDevice::NoError) {
            *error = m_file.errorString();
            return false;
        }
        m_view = std::string_view(m_copy.constData(), size_t(m_copy.size()));
        return true;
    }
    std::string_view view() const { return m_view; }

private:
    QFile m_file;
    QByteArray m_copy;
    std::string_view m_view;
};

struct HeldRecord
{
    qint64 offset = 0;
    qint64 length = 0;
    std::string reason;
    bool warningOnly = false;
};

// A part of a file's records that the parser hands the writer: the records, the held ones
// among them, and the labels and unknown fields the file's dictionaries gained meanwhile (the
// records' codes index the file's dictionaries, which only grow).
struct ParsedChunk
{
    std::vector<CodedRecord> records;
    std::vector<HeldRecord> held; // quarantined records and warnings, in file order
    std::array<std::vector<std::string>, RecordLabelCount> newLabels; // by LabelKind
    std::vector<std::string> newExtras;
};

// What a parser thread hands the writer for one file. A file of the fast path is handed over
// in chunks while it is still being coded (the whole file was read first, so none of it can
// be rejected any more): the writer then starts on a 100 MB file while it is being coded,
// instead of waiting idle (1M records: 0.98 -> 0.92 s). Any other file is handed over whole
// when read, or rejected.
struct ParsedFile
{
    SourceFile source;
    FileBytes bytes; // opened by the parser before its first chunk
    RecordValidator validator; // the parser's own

    // The parser's work in progress, not the writer's to read.
    std::vector<CodedRecord> records;
    std::vector<HeldRecord> held;
    std::array<size_t, RecordLabelCount> labelsHanded{};
    size_t extrasHanded = 0;

    // Shared, under `mutex`.
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<ParsedChunk> chunks; // handed over, not yet taken
    bool streaming = false;         // chunks come before the end: the file stands
    bool finished = false;          // the parser is done; then error says whether it failed
    QString error;                  // the file is rejected when set
    qint64 errorOffset = -1;

    // Parser side: hands over what was coded since the last chunk.
    void handOver()
    {
        ParsedChunk chunk;
        chunk.records = std::move(records);
        chunk.held = std::move(held);
        records.clear();
        held.clear();
        for (size_t k = 0; k < size_t(RecordLabelCount); ++k) {
            const std::vector<std::string> &all = validator.labels(LabelKind(k));
            chunk.newLabels[k].assign(all.begin() + qsizetype(labelsHanded[k]), all.end());
            labelsHanded[k] = all.size();
        }
        const std::vector<std::string> &extras = validator.extras();
        chunk.newExtras.assign(extras.begin() + qsizetype(extrasHanded), extras.end());
        extrasHanded = extras.size();
        const std::lock_guard lock(mutex);
        chunks.push_back(std::move(chunk));
        changed.notify_all();
    }
};

// Thrown out of the reader's callback when the import was cancelled: a large file stops
// within a few thousand records instead of being parsed to its end for nothing.
struct ParseStopped
{
};

// Records coded between two hand-overs of a streamed file: large enough that the locking is
// nothing, small enough that the writer starts early.
constexpr size_t ChunkRecords = 16384;

void parseInto(ParsedFile *parsed, const std::atomic<bool> &stop, QString *error,
               qint64 *errorOffset);

// Reads and codes one file on a parser thread; always ends with the file finished, handed
// over whole, in chunks, or failed.
void parseFile(ParsedFile *parsed, const std::atomic<bool> *stop)
{
    QString error;
    qint64 errorOffset = -1;
    try {
        parseInto(parsed, *stop, &error, &errorOffset);
    } catch (const ParseStopped &) {
        error = QStringLiteral("cancelled");
    } catch (const std::exception &failure) { // out of memory on a huge file, most likely
        errorOffset = -1;
        error = QStringLiteral("cannot be read: %1").arg(QString::fromUtf8(failure.what()));
    }
    if (error.isEmpty()) {
        parsed->handOver(); // the rest, or the whole file
    } else {
        parsed->records.clear();
        parsed->held.clear();
    }
    const std::lock_guard lock(parsed->mutex);
    parsed->error = error;
    parsed->errorOffset = errorOffset;
    parsed->finished = true;
    parsed->changed.notify_all();
}

void parseInto(ParsedFile *parsed, const std::atomic<bool> &stop, QString *error,
               qint64 *errorOffset)
{
    const SourceFile &source = parsed->source;
    if (!parsed->bytes.open(source.path, error))
        return;
    JsonRecordReader reader;
    std::string problem;
    std::string warning;
    CodedRecord coded;
    quint32 seen = 0;
    bool streaming = false;
    const auto startStreaming = [&] {
        streaming = true;
        const std::lock_guard lock(parsed->mutex);
        parsed->streaming = true;
    };
    // Upstream records take about 350 bytes: room for all of them at once (or for a chunk),
    // rather than a vector that doubles. Capacity never touched costs no memory.
    const size_t expected = std::min<size_t>(parsed->bytes.view().size() / 256, size_t(1) << 24);
    parsed->records.reserve(expected);
    const bool ok = reader.read(parsed->bytes.view(), [&](const RawRecord &raw) {
        if ((++seen & 4095) == 0 && stop.load(std::memory_order_relaxed))
            throw ParseStopped();
        if (parsed->validator.validate(raw, &coded, &problem, &warning)) {
            parsed->records.push_back(coded);
            if (!warning.empty())
                parsed->held.push_back({raw.offset, raw.length, warning, true});
        } else {
            parsed->held.push_back({raw.offset, raw.length, problem, false});
        }
        if (streaming && parsed->records.size() >= ChunkRecords) {
            parsed->handOver();
            parsed->records.reserve(ChunkRecords);
        }
    }, startStreaming);
    if (!ok) {
        *error = QString::fromStdString(reader.error().message);
        *errorOffset = reader.error().offset;
    }
}

QVector<SourceFile> collectFiles(const QStringList &paths, ImportReport *report)
{
    QVector<SourceFile> files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            ++report->rejectedFiles;
            report->add({ImportProblem::Kind::RejectedFile, path, 0, 0,
                         QStringLiteral("no such file or folder"), {}});
        } else if (info.isDir()) {
            // Sources are relative to the folder however it was named ("../data" included).
            const QDir root(info.absoluteFilePath());
            QVector<SourceFile> found;
            QVector<std::pair<SourceFile, QString>> refused; // and why
            // Hidden files and folders (.git, editor backups) are passed over, as other tools do.
            // System entries are listed to be refused by name, as when named directly: a FIFO
            // would block the read for ever, and skipping it silently would hide it.
            QDirIterator it(root.path(), {QStringLiteral("*.json"), QStringLiteral("*.jsonl")},
                QDir::Files | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                const QString relative = root.relativeFilePath(file);
                const QString display = QDir(path).filePath(relative);
                if (it.fileInfo().isFile())
                    found.append({file, display, relative});
                else
                    refused.append({{file, display, relative},
                        it.fileInfo().exists() ? QStringLiteral("not a regular file or folder")
                                               : QStringLiteral("no such file (a broken link)")});
            }
            const auto byRelativePath
                = [](const SourceFile &a, const SourceFile &b) { return a.relative < b.relative; };
            std::sort(found.begin(), found.end(), byRelativePath);
            std::sort(refused.begin(), refused.end(),
                [&](const auto &a, const auto &b) { return byRelativePath(a.first, b.first); });
            for (const auto &[entry, reason] : refused) {
                ++report->rejectedFiles;
                report->add({ImportProblem::Kind::RejectedFile, entry.display, 0, 0, reason, {}});
            }
            if (found.isEmpty()) {
                ++report->warnings;
                report->add({ImportProblem::Kind::Warning, path, 0, 0,
                             QStringLiteral("no .json or .jsonl files in this folder"), {}});
            }
            files += found;
        } else if (!info.isFile()) {
            // A device or socket has no end to read to (/dev/zero) or no meaning as a dataset.
            ++report->rejectedFiles;
            report->add({ImportProblem::Kind::RejectedFile, path, 0, 0,
                         QStringLiteral("not a regular file or folder"), {}});
        } else {
            files.append({path, path, info.fileName()});
        }
    }
    return files;
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Writes parsed files into the workspace inside one import transaction.
class Writer
{
public:
    Writer(Workspace &workspace, const ImportOptions &options, ImportReport &report,
           qint64 expectedRecords)
        : m_workspace(workspace)
        , m_options(options)
        , m_report(report)
        , m_expectedRecords(expectedRecords)
    {
    }

    bool cancelled() const { return m_options.isCancelled && m_options.isCancelled(); }

    // False when the import was cancelled. `progress` gets the bytes of the file written so
    // far. Takes the file's chunks as the parser hands them over, and waits for them.
    bool write(ParsedFile &file, const std::function<void(qint64)> &progress)
    {
        ++m_report.files;
        std::unique_ptr<LineLocator> locator;
        std::vector<HeldRecord> held; // the file's held records, reported in file order
        size_t nextHeld = 0;
        const auto flushHeldBefore = [&](qint64 offset) {
            for (; nextHeld < held.size() && held[nextHeld].offset < offset; ++nextHeld)
                hold(file, *locator, held[nextHeld]);
        };
        for (;;) {
            ParsedChunk chunk;
            {
                std::unique_lock lock(file.mutex);
                // Watching for a cancel meanwhile, which then stops the parsers.
                while (file.chunks.empty() && !file.finished) {
                    if (file.changed.wait_for(lock, std::chrono::milliseconds(5))
                            == std::cv_status::timeout
                        && cancelled())
                        return false;
                }
                if (file.chunks.empty()) { // finished, and every chunk taken
                    if (file.error.isEmpty())
                        break;
                    if (!file.streaming) {
                        lock.unlock();
                        reject(file, file.error, file.errorOffset);
                        return true;
                    }
                    // Part of the file is written: it can no longer be rejected alone.
                    if (cancelled())
                        return false;
                    throw WorkspaceError(file.source.display + QStringLiteral(": ") + file.error);
                }
                chunk = std::move(file.chunks.front());
                file.chunks.pop_front();
            }
            if (!locator) {
                transaction(); // labels go in under the write lock, after seeing what others added
                startFile(file);
                locator = std::make_unique<LineLocator>(file.bytes.view());
            }
            addDictionaries(chunk);
            held.insert(held.end(), std::make_move_iterator(chunk.held.begin()),
                        std::make_move_iterator(chunk.held.end()));
            if (!writeRecords(file, *locator, chunk.records, progress, flushHeldBefore))
                return false;
        }
        if (locator)
            flushHeldBefore(std::numeric_limits<qint64>::max());
        return true;
    }

    void commit()
    {
        if (m_transaction)
            m_transaction->commit();
    }

private:
    void reject(const ParsedFile &file, const QString &error, qint64 errorOffset)
    {
        ++m_report.rejectedFiles;
        ImportProblem problem{ImportProblem::Kind::RejectedFile, file.source.display, 0, 0, error, {}};
        if (errorOffset >= 0) {
            const TextPosition at = LineLocator(file.bytes.view()).at(errorOffset);
            problem.line = at.line;
            problem.column = at.column;
        }
        m_report.add(problem);
    }

    template<typename FlushHeld>
    bool writeRecords(const ParsedFile &file, LineLocator &locator,
                      const std::vector<CodedRecord> &records,
                      const std::function<void(qint64)> &progress, FlushHeld &flushHeldBefore)
    {
        StoredRecord row;
        row.source = m_source;
        for (size_t i = 0; i < records.size(); ++i) {
            if ((i & 4095) == 0) {
                if (cancelled())
                    return false;
                progress(records[i].offset);
            }
            const CodedRecord &coded = records[i];
            flushHeldBefore(coded.offset);
            for (size_t k = 0; k < size_t(RecordLabelCount); ++k)
                row.labels[k] = labelId(k, coded.labels[k]);
            row.number = coded.number;
            row.issue = coded.issue;
            row.extra = coded.extra >= 0 ? m_extras[size_t(coded.extra)] : std::string();
            if (const qint64 existing = transaction().insert(row))
                collide(file, locator, coded, row, existing);
            else
                ++m_report.imported;
        }
        return true;
    }

    void startFile(const ParsedFile &file)
    {
        for (size_t k = 0; k < size_t(RecordLabelCount); ++k) {
            m_texts[k].clear();
            m_ids[k].clear();
        }
        m_extras.clear();
        m_source = m_workspace.labels().ensure(LabelKind::Source, file.source.relative);
    }

    void addDictionaries(ParsedChunk &chunk)
    {
        for (size_t k = 0; k < size_t(RecordLabelCount); ++k) {
            for (std::string &text : chunk.newLabels[k])
                m_texts[k].push_back(std::move(text));
            m_ids[k].resize(m_texts[k].size(), 0);
        }
        for (std::string &extra : chunk.newExtras)
            m_extras.push_back(std::move(extra));
    }

    // A file's label code -> the workspace's label id, added on first use: a label only held
    // records have (a quarantined record's) never reaches the label table.
    qint64 labelId(size_t kind, quint32 code)
    {
        qint64 &id = m_ids[kind][code];
        if (!id)
            id = m_workspace.labels().ensure(LabelKind(kind), m_texts[kind][code]);
        return id;
    }

    QString rawText(const ParsedFile &file, qint64 offset, qint64 length) const
    {
        return fromUtf8(file.bytes.view().substr(size_t(offset), size_t(length)));
    }

    void hold(const ParsedFile &file, LineLocator &locator, const HeldRecord &held)
    {
        const TextPosition at = locator.at(held.offset);
        const QString reason = QString::fromStdString(held.reason);
        if (held.warningOnly) {
            ++m_report.warnings;
            m_report.add({ImportProblem::Kind::Warning, file.source.display, at.line, at.column,
                          reason, {}});
            return;
        }
        ++m_report.quarantined;
        m_report.add({ImportProblem::Kind::Quarantined, file.source.display, at.line, at.column,
                      reason, {}});
        transaction().quarantine({0, file.source.display, at.line, at.column, reason,
                                  rawText(file, held.offset, held.length), {}, {}});
    }

    // The incoming record's id exists: identical records are already present; different ones
    // replace the stored record with --replace and are otherwise held as conflicts.
    void collide(const ParsedFile &file, LineLocator &locator, const CodedRecord &coded,
                 const StoredRecord &incoming, qint64 existingRid)
    {
        const StoredRecord existing = m_workspace.storedRecord(existingRid);
        const QString differences = describeDifferences(existing, incoming);
        if (differences.isEmpty()) {
            ++m_report.alreadyPresent;
            return;
        }
        if (m_options.replace) {
            transaction().replace(existingRid, incoming, m_options.annotator,
                                  QStringLiteral("import --replace from %1").arg(file.source.display));
            ++m_report.replaced;
            return;
        }
        const QString id = recordId(m_workspace.labels().text(existing.label(LabelKind::Model)),
                                    existing.number);
        const TextPosition at = locator.at(coded.offset);
        ++m_report.conflicts;
        m_report.add({ImportProblem::Kind::Conflict, file.source.display, at.line, at.column,
                      differences, id});
        transaction().quarantine({0, file.source.display, at.line, at.column,
                                  QStringLiteral("conflicts with %1: ").arg(id) + differences,
                                  rawText(file, coded.offset, coded.length), id, {}});
    }

    QString describeDifferences(const StoredRecord &existing, const StoredRecord &incoming) const
    {
        // Labels and links have passed the rules (short, no control characters); extra fields
        // are any JSON, megabytes of it, so they are quoted cut and escaped.
        const auto shown = [](const FieldChange &change, const QString &value) {
            if (change.field != u"extra")
                return QLatin1Char('\'') + value + QLatin1Char('\'');
            const QByteArray utf8 = value.toUtf8();
            return QString::fromStdString(
                quoteValue(std::string_view(utf8.constData(), size_t(utf8.size()))));
        };
        QStringList parts;
        for (const FieldChange &change :
             differences(m_workspace.decode(existing), m_workspace.decode(incoming)))
            parts.append(QStringLiteral("%1 differs (workspace %2, file %3)")
                             .arg(change.field, shown(change, change.oldValue),
                                  shown(change, change.newValue)));
        return parts.join(QStringLiteral("; "));
    }

    // The transaction begins with the first file written, so parsing it does not hold the
    // workspace's write lock.
    Workspace::ImportTransaction &transaction()
    {
        if (!m_transaction)
            m_transaction.emplace(m_workspace, m_expectedRecords);
        return *m_transaction;
    }

    Workspace &m_workspace;
    const ImportOptions &m_options;
    ImportReport &m_report;
    qint64 m_expectedRecords;
    std::optional<Workspace::ImportTransaction> m_transaction;
    // The file being written: its dictionaries as handed over, and its codes' label ids (0:
    // not asked yet).
    std::array<std::vector<std::string>, RecordLabelCount> m_texts;
    std::array<std::vector<qint64>, RecordLabelCount> m_ids;
    std::vector<std::string> m_extras;
    qint64 m_source = 0;
};

} // namespace

Importer::Importer(Workspace &workspace)
    : m_workspace(workspace)
{
}

ImportReport Importer::run(const QStringList &paths, const ImportOptions &options)
{
    try {
        return runFiles(paths, options);
    } catch (const Sql::Error &error) {
        throw WorkspaceError(QString::fromUtf8(error.what()));
    }
}

ImportReport Importer::runFiles(const QStringList &paths, const ImportOptions &options)
{
    ImportReport report;
    const QVector<SourceFile> files = collectFiles(paths, &report);
    qint64 totalBytes = 0;
    std::vector<qint64> sizes;
    sizes.reserve(size_t(files.size()));
    for (const SourceFile &file : files) {
        sizes.push_back(QFileInfo(file.path).size());
        totalBytes += sizes.back();
    }

    // Declared before the pool: the pool's destructor waits for the parsers that read it.
    std::atomic<bool> stop{false};
    QThreadPool pool;
    // One core is the writer's: it is the import's critical path, and parsers on every core
    // held it at half speed on 2 cores while they ran ahead. (Parsers at a lower priority did
    // as well here, but then crawled whenever another program was busy.)
    pool.setMaxThreadCount(options.threads > 0 ? options.threads
                                               : std::max(1, QThread::idealThreadCount() - 1));
    // Parsers run ahead of the writer by a bounded amount, so memory stays bounded whatever the
    // size of the import: a few files, or as many as fit in AheadBytes of input. The writer is
    // the critical path and must not wait: with a file-count bound alone, a folder of small
    // files followed by large ones (the generated million: 40 MB, then two of 100 MB) left it
    // idle while one thread parsed a large file and the other core had nothing to do.
    constexpr qint64 AheadBytes = 256 * 1024 * 1024;
    const int minimumAhead = pool.maxThreadCount() * 2;
    std::deque<std::shared_ptr<ParsedFile>> pending;
    qint64 pendingBytes = 0;
    qsizetype next = 0;
    const auto topUp = [&] {
        while (next < files.size()
               && (int(pending.size()) < minimumAhead
                   || pendingBytes + sizes[size_t(next)] <= AheadBytes)) {
            pendingBytes += sizes[size_t(next)];
            auto parsed = std::make_shared<ParsedFile>();
            parsed->source = files[next++];
            pending.push_back(parsed);
            pool.start([parsed, &stop] {
                parseFile(parsed.get(), &stop);
            });
        }
    };

    // However the writer leaves (an error included), the parsers stop before the pool waits.
    const auto stopParsers = qScopeGuard([&stop] { stop = true; });
    // Upstream records take about 350 bytes each: enough to tell a bulk import from a few files.
    Writer writer(m_workspace, options, report, totalBytes / 350);
    qint64 doneBytes = 0;
    topUp();
    while (!pending.empty()) {
        std::shared_ptr<ParsedFile> parsed = pending.front();
        pending.pop_front();
        pendingBytes -= sizes[size_t(next - qsizetype(pending.size()) - 1)];
        topUp();
        const auto progress = [&](qint64 offset) {
            if (options.progress)
                options.progress(doneBytes + offset, totalBytes);
        };
        if (!writer.write(*parsed, progress)) {
            report.cancelled = true;
            break;
        }
        doneBytes += qint64(parsed->bytes.view().size());
        if (options.progress)
            options.progress(doneBytes, totalBytes);
        if (writer.cancelled()) {
            report.cancelled = true;
            break;
        }
    }
    if (report.cancelled) {
        stop = true;
        pool.waitForDone();
        // The writer's transaction rolls back as it goes out of scope: nothing was imported.
        ImportReport cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    report.bytes = doneBytes;
    writer.commit();
    return report;
}

} // namespace Triage
