#include "workbenchsession.h"

#include "workspace.h"

#include <QScopedValueRollback>

#include <algorithm>

namespace Triage {

WorkbenchSession::WorkbenchSession(std::unique_ptr<Workspace> workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(std::move(workspace))
{
    const qint64 seen = m_workspace->newestHistorySeq();
    m_index.build(*m_workspace);
    m_index.buildCombinations();
    markCaughtUp(seen);
    refilter();
    connect(&m_filter, &ActiveFilter::changed, this, [this] {
        refilter();
        Q_EMIT rowsChanged();
    });
}

WorkbenchSession::~WorkbenchSession() = default;

QVector<AppliedEdit> WorkbenchSession::apply(const EditSet &edits, Cancel cancel)
{
    const QScopedValueRollback busy(m_busy, true);
    QVector<AppliedEdit> applied;
    if (edits.edits.size() >= BackgroundEditsFrom) {
        runOnWorker(tr("Writing %n edits", nullptr, int(edits.edits.size())),
                    cancel == Cancel::Allowed,
                    [&](Workspace &worker) { applied = worker.apply(edits); });
    } else {
        applied = m_workspace->apply(edits);
    }
    if (applied.isEmpty())
        return applied;
    // Our own rows need no replay when nobody wrote between the last one taken in and them.
    if (applied.constFirst().seq == m_seenSeq + 1)
        m_seenSeq = applied.constLast().seq;
    m_index.applyEdits(applied);
    refilter();
    Q_EMIT recordsEdited(applied);
    Q_EMIT rowsChanged();
    return applied;
}

void WorkbenchSession::reload()
{
    RecordIndex fresh;
    qint64 seen = 0;
    runOnWorker(tr("Reading the workspace"), false, [&](Workspace &worker) {
        seen = worker.newestHistorySeq();
        fresh.build(worker);
        fresh.buildCombinations();
    });
    m_index = std::move(fresh);
    markCaughtUp(seen);
    refilter();
    Q_EMIT reloaded();
}

ExportResult WorkbenchSession::exportRecords(ExportFormat format, const QString &out)
{
    ExportResult result;
    runOnWorker(tr("Exporting %n records", nullptr, m_index.size()), true,
                [&](Workspace &worker) { result = Exporter(worker).run(format, out); });
    return result;
}

void WorkbenchSession::saveCopy(const QString &path)
{
    runOnWorker(tr("Saving a copy"), false, [&](Workspace &worker) { worker.saveCopy(path); });
}

void WorkbenchSession::markCaughtUp(qint64 seenSeq)
{
    m_seenSeq = seenSeq;
    m_largestRid = 0;
    for (quint32 row = 0; row < quint32(m_index.size()); ++row)
        m_largestRid = std::max(m_largestRid, m_index.rid(row));
    m_dataVersion = m_workspace->dataVersion();
}

bool WorkbenchSession::catchUp()
{
    if (m_busy)
        return false;
    const qint64 version = m_workspace->dataVersion();
    if (version == m_dataVersion)
        return false;
    const QScopedValueRollback busy(m_busy, true);
    m_dataVersion = version;
    qint64 largestRid = 0;
    QVector<HistoryEntry> entries;
    m_workspace->readSnapshot([&] {
        largestRid = m_workspace->largestRid();
        HistoryQuery since;
        since.afterSeq = m_seenSeq;
        since.limit = BackgroundEditsFrom + 1;
        entries = m_workspace->history(since);
    });
    bool rebuild = largestRid != m_largestRid || entries.size() > BackgroundEditsFrom;
    QVector<AppliedEdit> edits;
    for (const HistoryEntry &entry : std::as_const(entries)) {
        const std::optional<EditField> field = editFieldFromName(entry.field);
        const std::optional<QString> now = field ? m_index.editableValue(entry.rid, *field) : std::nullopt;
        if (!now) { // a record added or accepted: more than values changed
            rebuild = true;
            break;
        }
        if (*now != entry.newValue) // our own rows, replayed after a gap, change nothing
            edits.append({entry.rid, *field, *now, entry.newValue, entry.annotator, entry.seq});
    }
    if (rebuild) {
        m_busy = false; // reload() runs on the worker and guards itself
        reload();
        return true;
    }
    if (!entries.isEmpty())
        m_seenSeq = entries.constLast().seq;
    if (edits.isEmpty())
        return false;
    m_index.applyEdits(edits);
    refilter();
    Q_EMIT recordsEdited(edits);
    Q_EMIT rowsChanged();
    return true;
}

void WorkbenchSession::runOnWorker(const QString &what, bool cancellable,
                                   const std::function<void(Workspace &)> &work)
{
    const QScopedValueRollback busy(m_busy, true);
    if (!m_runner) {
        work(*m_workspace);
        return;
    }
    m_runner(what, cancellable, work);
    m_workspace->readSnapshot([] {}); // the labels another connection added
}

qint64 WorkbenchSession::acceptQuarantined(qint64 seq, const QString &fixedJson,
                                           const QString &annotator)
{
    const qint64 rid = m_workspace->acceptQuarantined(seq, fixedJson, annotator);
    // A new record may bring new labels and facet values: rebuild rather than patch the index.
    reload();
    Q_EMIT quarantineChanged();
    return rid;
}

void WorkbenchSession::discardQuarantined(qint64 seq, const QString &annotator)
{
    m_workspace->discardQuarantined(seq, annotator);
    Q_EMIT quarantineChanged();
}

void WorkbenchSession::setBaseFilter(const Filter &base)
{
    m_base = base;
    refilter();
    Q_EMIT rowsChanged();
}

QString WorkbenchSession::filterDescription() const
{
    QStringList parts;
    for (const Condition &c : m_base.conditions)
        parts.append(fieldTitle(c.on.field) + QStringLiteral(": ") + c.values.join(QStringLiteral(" or ")));
    QHash<int, QStringList> picked; // a field's picked values are alternatives
    QVector<Field> order;
    for (const FacetValue &v : m_filter.values()) {
        if (!picked.contains(int(v.field)))
            order.append(v.field);
        picked[int(v.field)].append(v.value);
    }
    for (Field field : order)
        parts.append(fieldTitle(field) + QStringLiteral(": ") + picked[int(field)].join(QStringLiteral(" or ")));
    if (!m_filter.text().isEmpty())
        parts.append(tr("search \u201c%1\u201d").arg(m_filter.text()));
    return parts.join(QStringLiteral("; "));
}

void WorkbenchSession::refilter()
{
    Filter filter = m_filter.toFilter(m_index);
    filter.conditions += m_base.conditions;
    RowSet rows;
    m_counts = FacetCounts::compute(m_index, filter, &rows);
    if (rows != m_rows) {
        m_rows = std::move(rows);
        ++m_rowsVersion;
    }
}

} // namespace Triage
