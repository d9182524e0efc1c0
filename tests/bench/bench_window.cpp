// The window at 706 (the paper's data), 100k and 1M records: open to first paint, facet filter
// changes (p50 / p95 over 120 random filters), search, sort, a relabel, a batch relabel of 10k and
// its undo, export, and resident memory per record. Every action is posted to the event loop
// as a user's click would be; a watchdog timer ticking every millisecond gives the longest
// stall of the event loop (the limit: 50 ms), and the last paint after the action its
// latency. Offscreen platform, release build:
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_window [SIZES...]
// (default 706 100000 1000000; data in $LLMTRIAGE_BENCH_DIR, as for bench_core).
// LLMTRIAGE_BENCH_FILTERS=N makes N filter changes and stops there, for a profiler;
// LLMTRIAGE_BENCH_TRACE=1 prints each filter change's times, LLMTRIAGE_BENCH_PAINTS=1 each paint
// (when, how big, which widget) to see which frames a click takes.

#include "annotatoridentity.h"
#include "benchdata.h"
#include "editcontroller.h"
#include "exporter.h"
#include "importer.h"
#include "mainwindow.h"
#include "recordindex.h"
#include "recordtablemodel.h"
#include "workbenchactions.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPaintEvent>
#include <QWidget>
#include <QFile>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace Triage;

namespace {

// Watches the event loop: the longest gap between ticks of a 1 ms timer is the longest time the
// GUI thread did not come back to it; the time of the last paint event is when the screen
// caught up with an action.
class Watchdog : public QObject
{
public:
    Watchdog()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_maxGap = std::max(m_maxGap, now - m_lastTick);
            m_lastTick = now;
        });
        m_clock.start();
        m_timer.start();
        qApp->installEventFilter(this);
    }
    void reset()
    {
        m_lastTick = m_clock.nsecsElapsed();
        m_resetAt = m_lastTick;
        m_maxGap = 0;
        m_lastPaint = -1;
        m_lastViewPaint = -1;
        m_lastWindowPaint = -1;
    }
    qint64 now() const { return m_clock.nsecsElapsed(); }
    double maxGapMs() const { return m_maxGap / 1e6; }
    qint64 lastPaint() const { return m_lastPaint; }
    qint64 lastViewPaint() const { return m_lastViewPaint; }
    qint64 lastWindowPaint() const { return m_lastWindowPaint; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // What shows the data: the table's and the charts' viewports (scroll areas), and the
        // painted charts; not a text cursor blinking in the search box.
        if (m_paintLog && (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize || event->type() == QEvent::Move) && watched->isWidgetType()) {
            QString path;
            for (const QObject *o = watched; o; o = o->parent())
                path.prepend(QString::fromLatin1(o->metaObject()->className()) + (o->objectName().isEmpty() ? QString() : QLatin1Char('#') + o->objectName()) + QLatin1Char('/'));
            std::printf("    %s %7.2f ms %s\n", event->type() == QEvent::LayoutRequest ? "layout" : event->type() == QEvent::Resize ? "resize" : "move", (m_clock.nsecsElapsed() - m_resetAt) / 1e6, qPrintable(path.right(160)));
        }
        if (event->type() == QEvent::Paint) {
            if (m_paintLog) { // LLMTRIAGE_BENCH_PAINTS
                QString path;
                for (const QObject *o = watched; o; o = o->parent())
                    path.prepend(QString::fromLatin1(o->metaObject()->className()) + (o->objectName().isEmpty() ? QString() : QLatin1Char('#') + o->objectName()) + QLatin1Char('/'));
                const QRect r = static_cast<QPaintEvent *>(event)->rect();
                std::printf("    paint %7.2f ms %4dx%-4d %s\n", (m_clock.nsecsElapsed() - m_resetAt) / 1e6, r.width(), r.height(), qPrintable(path.right(160)));
            }
            const QObject *parent = watched->parent();
            if ((parent && parent->inherits("QAbstractScrollArea"))
                || watched->inherits("QAbstractScrollArea") || watched->inherits("QChartView"))
                m_lastPaint = m_clock.nsecsElapsed();
            // The table's and the facet lists' rows, without the charts (nor the views' scroll
            // bars and headers).
            if (parent && parent->inherits("QAbstractItemView")
                && watched->objectName() == QLatin1String("qt_scrollarea_viewport"))
                m_lastViewPaint = m_clock.nsecsElapsed();
            // Everything but the charts: the table, the facets, the record dock, the chips and
            // the status bar, what a click changes first.
            bool chart = false;
            for (const QObject *o = watched; o && !chart; o = o->parent())
                chart = o->objectName() == QLatin1String("chartsDock");
            if (!chart)
                m_lastWindowPaint = m_clock.nsecsElapsed();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_lastTick = 0;
    qint64 m_maxGap = 0;
    qint64 m_lastPaint = -1;
    qint64 m_lastViewPaint = -1;
    qint64 m_lastWindowPaint = -1;
    qint64 m_resetAt = 0;
    const bool m_paintLog = qEnvironmentVariableIsSet("LLMTRIAGE_BENCH_PAINTS");
};

struct Sample
{
    double latencyMs; // action posted -> last paint it caused (or its end, without a paint)
    double stallMs;   // the longest the event loop was away meanwhile
    double actionMs;  // the action's own call, before any paint
    double viewsMs;   // action posted -> last paint of the table or a facet list
    double windowMs;  // action posted -> last paint outside the charts
};

// Posts `action` to the event loop, lets the window settle, and says how it went.
Sample measure(Watchdog &watchdog, const std::function<void()> &action, int settleMs = 250)
{
    QEventLoop loop;
    qint64 start = 0;
    qint64 end = 0;
    QTimer::singleShot(0, &loop, [&] {
        watchdog.reset();
        start = watchdog.now();
        action();
        end = watchdog.now();
        QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
    });
    loop.exec();
    const qint64 finished = std::max(end, watchdog.lastPaint());
    const qint64 views = std::max(end, watchdog.lastViewPaint());
    const qint64 window = std::max(end, watchdog.lastWindowPaint());
    return {(finished - start) / 1e6, watchdog.maxGapMs(), (end - start) / 1e6, (views - start) / 1e6,
            (window - start) / 1e6};
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

void report(const char *what, qint64 records, const std::vector<Sample> &samples)
{
    std::vector<double> latency;
    std::vector<double> stall;
    std::vector<double> action;
    std::vector<double> views;
    std::vector<double> window;
    for (const Sample &s : samples) {
        latency.push_back(s.latencyMs);
        stall.push_back(s.stallMs);
        action.push_back(s.actionMs);
        views.push_back(s.viewsMs);
        window.push_back(s.windowMs);
    }
    std::printf("%-34s %8lld  n=%-3zu latency p50 %6.1f p95 %6.1f ms | stall max %6.1f ms"
                " | call p50 %6.1f ms | table and facets p50 %6.1f p95 %6.1f ms"
                " | window but charts p50 %6.1f p95 %6.1f ms\n",
                what, static_cast<long long>(records), samples.size(), percentile(latency, 0.5),
                percentile(latency, 0.95), *std::max_element(stall.begin(), stall.end()),
                percentile(action, 0.5), percentile(views, 0.5), percentile(views, 0.95),
                percentile(window, 0.5), percentile(window, 0.95));
    std::fflush(stdout);
}

qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    return 0;
}

QString workspaceFor(qint64 records, const QTemporaryDir &scratch)
{
    if (records != 706)
        return Bench::workspace(records);
    const QString path = scratch.filePath(QStringLiteral("real.llmtriage"));
    auto workspace = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    Importer(*workspace).run({QStringLiteral(":/dataset/open-llm-failures")});
    return path;
}

void benchSize(qint64 records, const QTemporaryDir &scratch)
{
    const QString path = workspaceFor(records, scratch);
    // A first open migrates an older file and keeps the index snapshot: not what a user sees
    // every day, so it is done before measuring.
    {
        auto warm = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        RecordIndex index;
        index.build(*warm);
    }
    // The window's first-start layout, every run: a layout saved by an earlier run (the bench's
    // own settings) had squeezed the docks to 68 and 151 pixels.
    QSettings().remove(QStringLiteral("window"));
    Watchdog watchdog;
    const qint64 residentBefore = Bench::residentBytes();

    // Open to first paint.
    QPointer<MainWindow> window;
    const Sample open = measure(watchdog, [&] {
        window = new MainWindow(Workspace::open(path, Workspace::OpenMode::OpenExisting));
        window->annotator().setName(QStringLiteral("bench"));
        window->resize(1400, 900);
        window->show();
    }, 500);
    report("open to first paint", records, {open});
    const qint64 residentOpen = Bench::residentBytes() - residentBefore;
    std::printf("%-34s %8lld  %.1f bytes/record resident after open (%.0f MB), peak RSS %.0f MB\n",
                "memory", static_cast<long long>(records), double(residentOpen) / double(records),
                residentOpen / 1e6, peakResidentBytes() / 1e6);

    WorkbenchSession &session = window->session();
    const RecordIndex &index = session.index();
    std::mt19937 random(42);

    // Facet filter changes: one or two random values of random fields, as clicks in the facets.
    std::vector<Sample> filters;
    const Field fields[] = {Field::Symptom, Field::Cause, Field::Stage, Field::Series,
                            Field::Model, Field::Architecture, Field::Status};
    // LLMTRIAGE_BENCH_FILTERS=N makes N filter changes and nothing after them: a run to profile.
    const int profiledFilters = qEnvironmentVariableIntValue("LLMTRIAGE_BENCH_FILTERS");
    const int filterCount = profiledFilters > 0 ? profiledFilters : 120; // p95: the sixth slowest
    for (int i = 0; i < filterCount; ++i) {
        QVector<FacetValue> values;
        for (int k = 0, n = 1 + int(random() % 2); k < n; ++k) {
            const Field field = fields[random() % std::size(fields)];
            const int level = 1 + int(random() % quint32(maxLevel(field)));
            const quint32 row = quint32(random() % quint32(index.size()));
            values.append({field, level, index.text({field, level}, row)});
        }
        filters.push_back(measure(watchdog, [&] { session.filter().setValues(values); }));
        if (qEnvironmentVariableIsSet("LLMTRIAGE_BENCH_TRACE")) { // each click, to find the slow ones
            QStringList said;
            for (const FacetValue &value : values)
                said.append(value.displayText());
            const Sample &s = filters.back();
            std::printf("  table and facets %6.1f  window %6.1f  all %6.1f  call %6.1f  stall %6.1f ms  %8zu rows  %s\n",
                        s.viewsMs, s.windowMs, s.latencyMs, s.actionMs, s.stallMs, session.rows().size(),
                        qPrintable(said.join(QStringLiteral(" & "))));
        }
    }
    report("facet filter change", records, filters);
    if (profiledFilters > 0) {
        window->close();
        return;
    }

    // The same with the table sorted by symptom, as an annotator working through one label
    // would have it: the rows come out of the sort order kept since the sort.
    measure(watchdog, [&] { window->tableModel()->sort(RecordTableModel::Symptom); });
    std::vector<Sample> sortedFilters;
    for (int i = 0; i < 40; ++i) {
        QVector<FacetValue> values;
        const Field field = fields[random() % std::size(fields)];
        const quint32 row = quint32(random() % quint32(index.size()));
        values.append({field, 1, index.text({field, 1}, row)});
        sortedFilters.push_back(measure(watchdog, [&] { session.filter().setValues(values); }));
    }
    report("facet filter change, sorted table", records, sortedFilters);
    window->tableModel()->sort(-1);
    measure(watchdog, [&] { session.filter().clear(); });

    std::vector<Sample> searches;
    for (const char *text : {"oom", "cuda", "tokenizer", "zzzz-nothing", "#12"})
        searches.push_back(measure(watchdog, [&] { session.filter().setText(QString::fromLatin1(text)); }));
    report("search", records, searches);
    measure(watchdog, [&] { session.filter().clear(); });

    std::vector<Sample> sorts;
    for (int column : {RecordTableModel::Symptom, RecordTableModel::Cause, RecordTableModel::Model,
                       RecordTableModel::Link, RecordTableModel::Id})
        sorts.push_back(measure(watchdog, [&] { window->tableModel()->sort(column); }));
    report("sort by a column", records, sorts);

    std::vector<Sample> relabels;
    for (int i = 0; i < 5; ++i) {
        const quint32 row = quint32(random() % quint32(index.size()));
        // A cause the record does not have: the workspace is kept between runs, and a value
        // written by an earlier run would change nothing.
        quint32 other = quint32(random() % quint32(index.size()));
        while (index.text({Field::Cause, 2}, other) == index.text({Field::Cause, 2}, row))
            other = quint32(random() % quint32(index.size()));
        const qint64 rid = index.rid(row);
        const QString cause = index.text({Field::Cause, 2}, other);
        bool written = false;
        relabels.push_back(measure(watchdog, [&] {
            written = window->edits().relabel(rid, QString(), cause, QString(), false);
        }));
        if (!written)
            std::fprintf(stderr, "relabel of %lld was not written\n", static_cast<long long>(rid));
    }
    report("relabel one record", records, relabels);

    if (records >= 10000) {
        QVector<qint64> rids;
        for (quint32 row = 0; row < 10000; ++row)
            rids.append(index.rid(row * quint32(index.size() / 10000)));
        const Sample batch = measure(watchdog, [&] {
            window->edits().batchRelabel(rids, EditField::Symptom,
                                         QStringLiteral("Crash - Bench Batch - Ten Thousand"), true);
        }, 500);
        report("batch relabel 10k (worker)", records, {batch});
        const Sample undo = measure(watchdog, [&] { window->undoStack().undo(); }, 500);
        report("undo of the batch (worker)", records, {undo});
    }
    window->close();
    QCoreApplication::processEvents();

    QElapsedTimer timer;
    timer.start();
    {
        auto workspace = Workspace::open(path, Workspace::OpenMode::OpenExisting);
        Exporter(*workspace).run(ExportFormat::Csv, scratch.filePath(QStringLiteral("export.csv")));
    }
    std::printf("%-34s %8lld  %.0f ms\n", "export CSV (in process)", static_cast<long long>(records),
                timer.nsecsElapsed() / 1e6);
    QFile::remove(scratch.filePath(QStringLiteral("export.csv")));
}

} // namespace

int main(int argc, char **argv)
{
    // The offscreen platform's notes about window hints are not results.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type != QtDebugMsg && type != QtInfoMsg && !message.contains(u"propagateSizeHints"))
            std::fprintf(stderr, "%s\n", qPrintable(message));
    });
    QApplication app(argc, argv);
    QApplication::setCursorFlashTime(0); // a blinking text cursor is no result of an action
    QStandardPaths::setTestModeEnabled(true); // settings of the bench, not the user's
    QTemporaryDir scratch;
    std::vector<qint64> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(QByteArray(argv[i]).toLongLong());
    if (sizes.empty())
        sizes = {706, 100000, 1000000};
    for (const qint64 records : sizes)
        benchSize(records, scratch);
    return 0;
}
