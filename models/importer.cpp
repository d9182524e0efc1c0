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
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <future>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

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

// What a parser thread hands the writer for one file.
struct ParsedFile
{
    SourceFile source;
    FileBytes bytes;
    QString error; // the file is rejected when set
    qint64 errorOffset = -1;
    RecordValidator validator;
    std::vector<CodedRecord> records;
    std::vector<HeldRecord> held; // quarantined records and warnings, in file order
};

// Thrown out of the reader's callback when the import was cancelled: a large file stops
// within a few thousand records instead of being parsed to its end for nothing.
struct ParseStopped
{
};

void parseInto(ParsedFile *parsed, const std::atomic<bool> &stop);

std::shared_ptr<ParsedFile> parseFile(const SourceFile &source, const std::atomic<bool> *stop)
{
    auto parsed = std::make_shared<ParsedFile>();
    parsed->source = source;
    try {
        parseInto(parsed.get(), *stop);
    } catch (const ParseStopped &) {
        parsed->records.clear();
        parsed->held.clear();
        parsed->error = QStringLiteral("cancelled");
    } catch (const std::exception &error) { // out of memory on a huge file, most likely
        parsed->records.clear();
        parsed->held.clear();
        parsed->errorOffset = -1;
        parsed->error = QStringLiteral("cannot be read: %1").arg(QString::fromUtf8(error.what()));
    }
    return parsed;
}

void parseInto(ParsedFile *parsed, const std::atomic<bool> &stop)
{
    const SourceFile &source = parsed->source;
    if (!parsed->bytes.open(source.path, &parsed->error))
        return;
    JsonRecordReader reader;
    std::string problem;
    std::string warning;
    CodedRecord coded;
    quint32 seen = 0;
    // Upstream records take about 350 bytes: room for all of them at once, rather than a
    // vector that doubles (a copy and fresh page faults each time, a fifth of a parser's time
    // on a 100 MB file). Capacity never touched costs no memory.
    parsed->records.reserve(std::min<size_t>(parsed->bytes.view().size() / 256, size_t(1) << 24));
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
    });
    if (!ok) {
        parsed->error = QString::fromStdString(reader.error().message);
        parsed->errorOffset = reader.error().offset;
        parsed->records.clear();
        parsed->held.clear();
    }
}

// The writer is the import's critical path: parsers on every core, at normal priority, kept
// it at half speed on 2 cores while they ran ahead. A parser thread gives way to it (nice 10:
// about a tenth of a shared core), yet still runs whenever a core is free, so it is never
// starved by other programs the way SCHED_IDLE would be. The pool's threads end with it.
void yieldToWriter()
{
#ifdef Q_OS_LINUX
    static thread_local bool done = false;
    if (!done) {
        done = true;
        setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
    }
#endif
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

    // False when the import was cancelled. `progress` gets the bytes of the file written so far.
    bool write(ParsedFile &file, const std::function<void(qint64)> &progress)
    {
        ++m_report.files;
        if (!file.error.isEmpty()) {
            ++m_report.rejectedFiles;
            ImportProblem problem{ImportProblem::Kind::RejectedFile, file.source.display, 0, 0,
                                  file.error, {}};
            if (file.errorOffset >= 0) {
                const TextPosition at = LineLocator(file.bytes.view()).at(file.errorOffset);
                problem.line = at.line;
                problem.column = at.column;
            }
            m_report.add(problem);
            return true;
        }
        transaction(); // labels go in under the write lock, after seeing what others added
        mapLabels(file);
        LineLocator locator(file.bytes.view());
        auto held = file.held.cbegin();
        const auto flushHeldBefore = [&](qint64 offset) {
            for (; held != file.held.cend() && held->offset < offset; ++held)
                hold(file, locator, *held);
        };
        StoredRecord row;
        row.source = m_source;
        for (size_t i = 0; i < file.records.size(); ++i) {
            if ((i & 4095) == 0) {
                if (cancelled())
                    return false;
                progress(file.records[i].offset);
            }
            const CodedRecord &coded = file.records[i];
            flushHeldBefore(coded.offset);
            for (int k = 0; k < RecordLabelCount; ++k)
                row.labels[size_t(k)] = m_ids[size_t(k)][coded.labels[size_t(k)]];
            row.number = coded.number;
            row.issue = coded.issue;
            row.extra = coded.extra >= 0 ? file.validator.extras()[size_t(coded.extra)]
                                         : std::string();
            if (const qint64 existing = transaction().insert(row))
                collide(file, locator, coded, row, existing);
            else
                ++m_report.imported;
        }
        flushHeldBefore(std::numeric_limits<qint64>::max());
        return true;
    }

    void commit()
    {
        if (m_transaction)
            m_transaction->commit();
    }

private:
    void mapLabels(const ParsedFile &file)
    {
        LabelTable &labels = m_workspace.labels();
        for (int k = 0; k < RecordLabelCount; ++k) {
            const std::vector<std::string> &texts = file.validator.labels(LabelKind(k));
            m_ids[size_t(k)].resize(texts.size());
            for (size_t code = 0; code < texts.size(); ++code) {
                m_ids[size_t(k)][code] = file.validator.isUsed(LabelKind(k), quint32(code))
                    ? labels.ensure(LabelKind(k), texts[code])
                    : 0;
            }
        }
        m_source = labels.ensure(LabelKind::Source, file.source.relative);
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
    std::array<std::vector<qint64>, RecordLabelCount> m_ids; // file code -> label id
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
    pool.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());
    // Parsers run ahead of the writer by a bounded amount, so memory stays bounded whatever the
    // size of the import: a few files, or as many as fit in AheadBytes of input. The writer is
    // the critical path and must not wait: with a file-count bound alone, a folder of small
    // files followed by large ones (the generated million: 40 MB, then two of 100 MB) left it
    // idle while one thread parsed a large file and the other core had nothing to do.
    constexpr qint64 AheadBytes = 256 * 1024 * 1024;
    const int minimumAhead = pool.maxThreadCount() * 2;
    using Parsed = std::future<std::shared_ptr<ParsedFile>>;
    std::deque<Parsed> pending;
    qint64 pendingBytes = 0;
    qsizetype next = 0;
    const auto topUp = [&] {
        while (next < files.size()
               && (int(pending.size()) < minimumAhead
                   || pendingBytes + sizes[size_t(next)] <= AheadBytes)) {
            pendingBytes += sizes[size_t(next)];
            auto promise = std::make_shared<std::promise<std::shared_ptr<ParsedFile>>>();
            pending.push_back(promise->get_future());
            pool.start([promise, file = files[next++], &stop] {
                yieldToWriter();
                try {
                    promise->set_value(parseFile(file, &stop));
                } catch (...) {
                    promise->set_exception(std::current_exception());
                }
            });
        }
    };
    // Waits for the next parsed file while watching for a cancel, which then stops the parsers.
    // A file parsed meanwhile is taken at once: with naps between looks, a folder of 10,000
    // tiny files spent most of its time asleep.
    const auto waitForNext = [&] {
        while (pending.front().wait_for(std::chrono::milliseconds(5))
               != std::future_status::ready) {
            if (options.isCancelled && options.isCancelled()) {
                stop = true;
                return false;
            }
        }
        return true;
    };

    // Upstream records take about 350 bytes each: enough to tell a bulk import from a few files.
    Writer writer(m_workspace, options, report, totalBytes / 350);
    qint64 doneBytes = 0;
    topUp();
    while (!pending.empty()) {
        if (!waitForNext()) {
            report.cancelled = true;
            break;
        }
        std::shared_ptr<ParsedFile> parsed = pending.front().get();
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
        for (const Parsed &parsed : pending)
            parsed.wait();
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
