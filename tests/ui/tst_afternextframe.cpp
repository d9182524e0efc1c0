// AfterNextFrame: a chart waits for the frame that shows the table and the facets. The function
// runs after the window's next paint, not before it; with nothing to draw it runs anyway after
// the fallback; scheduling twice runs it once; cancel() stops it.

#include "widgets/afternextframe.h"

#include <QElapsedTimer>
#include <QPaintEvent>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <QtTest>

using namespace Triage;

namespace {

// Writes "paint" into a shared log each time it is drawn.
class LoggingWidget : public QWidget
{
public:
    explicit LoggingWidget(QStringList *log, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_log(log)
    {
    }

protected:
    void paintEvent(QPaintEvent *) override { m_log->append(QStringLiteral("paint")); }

private:
    QStringList *m_log;
};

// A shown window whose one child logs its paints, and an AfterNextFrame on it that logs "run".
struct ShownWindow
{
    ShownWindow()
        : child(new LoggingWidget(&log, &window))
        , after([this] {
            log.append(QStringLiteral("run"));
            ++runs;
        })
    {
        window.resize(200, 100);
        child->setGeometry(0, 0, 200, 100);
        window.show();
    }
    // What a click does: schedules the chart, and changes something else to be drawn first.
    void change()
    {
        after.schedule(&window);
        child->update();
    }
    QStringList log;
    QWidget window;
    LoggingWidget *child;
    int runs = 0;
    AfterNextFrame after;
};

} // namespace

class TestAfterNextFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsAfterThePaint();
    void waitsForAPaintAskedForLater();
    void runsWithoutAPaint();
    void schedulingTwiceRunsOnce();
    void cancelStopsIt();
};

void TestAfterNextFrame::runsAfterThePaint()
{
    ShownWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    QTRY_VERIFY(!shown.log.isEmpty());
    shown.log.clear();

    shown.change();
    QTRY_COMPARE(shown.runs, 1);
    QCOMPARE(shown.log.first(), QStringLiteral("paint"));
    QVERIFY(!shown.after.isPending());
}

// What distinguishes it from a 0 ms timer: the paint is asked for by a timer started after the
// scheduling, as a view's delayed layout does; a plain timer would have run first.
void TestAfterNextFrame::waitsForAPaintAskedForLater()
{
    ShownWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    QTRY_VERIFY(!shown.log.isEmpty());
    QTest::qWait(20);
    shown.log.clear();

    shown.after.schedule(&shown.window);
    QTimer::singleShot(0, shown.child, [&shown] { shown.child->update(); });
    QTRY_COMPARE(shown.runs, 1);
    QCOMPARE(shown.log.first(), QStringLiteral("paint"));
}

void TestAfterNextFrame::runsWithoutAPaint()
{
    ShownWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    QTest::qWait(50); // the first frames are done

    QElapsedTimer clock;
    clock.start();
    shown.after.schedule(&shown.window);
    QVERIFY(shown.after.isPending());
    QTRY_COMPARE_WITH_TIMEOUT(shown.runs, 1, 2000);
    // Soon: a chart whose data changed while nothing else did still follows within a frame or
    // two (generous for a loaded machine; the point is that it is not left waiting).
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    QTest::qWait(50);
    QCOMPARE(shown.runs, 1);
}

void TestAfterNextFrame::schedulingTwiceRunsOnce()
{
    ShownWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    shown.change();
    shown.change();
    QTRY_COMPARE(shown.runs, 1);
    QTest::qWait(50);
    QCOMPARE(shown.runs, 1);
    // And it can be scheduled again once it ran.
    shown.change();
    QTRY_COMPARE(shown.runs, 2);
}

void TestAfterNextFrame::cancelStopsIt()
{
    ShownWindow shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    shown.change();
    shown.after.cancel();
    QVERIFY(!shown.after.isPending());
    QTest::qWait(100);
    QCOMPARE(shown.runs, 0);
}

QTEST_MAIN(TestAfterNextFrame)
#include "tst_afternextframe.moc"
