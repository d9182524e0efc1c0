// Hostile content: records whose labels, model names, statuses and unknown fields hold HTML,
// scripts, links and spreadsheet formulas (tests/data/hostile) are shown as the characters
// they are, in every widget of the real window; SVG exports are well-formed XML with the text
// escaped; and no link opens but a GitHub issue link, and that only on a click.
//
// What a widget shows is worked out as Qt decides it (shownText below): plain text as it is,
// rich text (set, or guessed by Qt::mightBeRichText) through QTextDocument. Expectations are
// the raw strings of the file, read with QJsonDocument, or written by hand.

#include "testsupport.h"
#include "windowsupport.h"

#include "annotatoridentity.h"
#include "charts/barchartview.h"
#include "charts/chartcatalog.h"
#include "charts/chartexporter.h"
#include "charts/chartpanel.h"
#include "charts/drilldownchart.h"
#include "docks/chartsdock.h"
#include "docks/detaildock.h"
#include "docks/facetdock.h"
#include "docks/historydock.h"
#include "editcontroller.h"
#include "facetmodel.h"
#include "findings/findingsboard.h"
#include "historymodel.h"
#include "importer.h"
#include "importreport.h"
#include "mainwindow.h"
#include "presentationwindow.h"
#include "record.h"
#include "recordtablemodel.h"
#include "recordtableview.h"
#include "widgets/filterchipbar.h"
#include "widgets/labelpicker.h"
#include "widgets/relabelpanel.h"
#include "workbenchactions.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QAbstractBarSeries>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDesktopServices>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>
#include <QXmlStreamReader>
#include <QtTest>

using namespace Triage;
using namespace TestSupport;

namespace {

// The texts the file's fields are made of (tests/data/hostile/hostile.json).
const QStringList Hostile{
    QStringLiteral("<b>bold</b>"),
    QStringLiteral("<img src=x onerror=alert(1)>"),
    QStringLiteral("<script>alert(1)</script>"),
    QStringLiteral("<a href=\"file:///etc/passwd\">x</a>"),
    QStringLiteral("&amp;"),
    QStringLiteral("=HYPERLINK(\"http://evil\",\"x\")"),
    QStringLiteral("+cmd|' /C calc'!A0"),
    QStringLiteral("-2+3"),
    QStringLiteral("@SUM(A1)"),
};

const QString Note = QStringLiteral("<a href=\"javascript:alert(1)\">click</a> <img src=x onerror=alert(1)>");

// What a person reads of `text` in a widget with `format`: Qt renders rich text, whether set or
// guessed by Qt::mightBeRichText (AutoText; tooltips always guess).
QString shownText(const QString &text, Qt::TextFormat format)
{
    const bool rich = format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text));
    if (!rich)
        return text;
    QTextDocument document;
    document.setHtml(text);
    return document.toPlainText();
}

QString shownTooltip(const QString &tip)
{
    return shownText(tip, Qt::AutoText);
}

// A menu entry or button: "&x" marks a mnemonic (not shown), "&&" is one '&'.
QString shownMnemonicText(const QString &text)
{
    QString shown;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&') && i + 1 < text.size())
            ++i;
        shown += text[i];
    }
    return shown;
}

// Qt Charts draws axis labels and legend names as HTML; a long name may be broken over two
// lines (<br>) or elided in the middle, and a repeated one carries zero-width spaces.
QString shownChartText(const QString &html)
{
    QString shown = QTextDocumentFragment::fromHtml(html).toPlainText();
    shown.replace(QChar(QChar::LineSeparator), QLatin1Char(' '));
    shown.replace(QLatin1Char('\n'), QLatin1Char(' '));
    shown.remove(QChar(0x200B));
    return shown;
}

// Whether `shown` is `raw`, or `raw` elided with an ellipsis.
bool showsAsWritten(const QString &shown, const QString &raw)
{
    if (shown == raw)
        return true;
    const qsizetype ellipsis = shown.indexOf(QChar(0x2026));
    return ellipsis >= 0 && raw.startsWith(shown.left(ellipsis))
        && raw.endsWith(shown.mid(ellipsis + 1).trimmed());
}

QString firstPart(const QString &label)
{
    return label.section(QStringLiteral(" - "), 0, 0);
}

// Every QLabel under `root` that holds one of the hostile texts shows it as written.
void checkLabels(const QWidget *root)
{
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        const QString shown = shownText(label->text(), label->textFormat());
        for (const QString &hostile : Hostile) {
            if (label->text().contains(hostile))
                QVERIFY2(shown.contains(hostile),
                         qPrintable(label->objectName() + QStringLiteral(": ") + label->text()));
        }
        // A label that opens links opens them only from rich text it was given on purpose.
        if (label->openExternalLinks() && label->textFormat() != Qt::PlainText) {
            for (const QString &hostile : Hostile)
                QVERIFY2(!label->text().contains(hostile), qPrintable(label->text()));
        }
    }
}

struct SeenBox
{
    QString text;
    Qt::TextFormat format = Qt::AutoText;
};

// Answers the next modal message box with `button`, keeping what it showed.
void answerNextBox(QMessageBox::StandardButton button, QVector<SeenBox> *seen)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box && ++*tries < 500)
            return;
        timer->stop();
        timer->deleteLater();
        if (!box)
            return;
        seen->append({box->text(), box->textFormat()});
        if (QAbstractButton *answer = box->button(button))
            answer->click();
        else
            box->reject();
    });
    timer->start();
}

} // namespace

// Stands in for the desktop: every URL any code asks QDesktopServices to open lands here.
class UrlSpy : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> opened;

public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

class TestHostileContent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void everyRecordIsImported();
    void tableShowsTheCharacters();
    void recordDockShowsTheCharacters();
    void facetsShowTheCharacters();
    void chipsAndBreadcrumbsShowTheCharacters();
    void chartsShowTheCharacters();
    void findingsAndSlidesShowTheCharacters();
    void historyAndUndoShowTheCharacters();
    void messageBoxesShowTheCharacters();
    void svgExportsAreEscaped();
    void hostileLinksNeverOpen_data();
    void hostileLinksNeverOpen();
    void issueLinkOpensOnlyOnClick();

private:
    MainWindow *open();
    qint64 ridOf(int number) const;
    ChartPanel *showChart(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QPointer<MainWindow> m_window;
    QJsonArray m_records; // the file's records as written
    UrlSpy m_urls;
};

void TestHostileContent::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    for (const char *scheme : {"https", "http", "file", "javascript", "data", "mailto", "ftp"})
        QDesktopServices::setUrlHandler(QString::fromLatin1(scheme), &m_urls, "open");
    QFile file(testDataPath(QStringLiteral("hostile/hostile.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_records = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(m_records.size(), 9);
}

void TestHostileContent::cleanupTestCase()
{
    for (const char *scheme : {"https", "http", "file", "javascript", "data", "mailto", "ftp"})
        QDesktopServices::unsetUrlHandler(QString::fromLatin1(scheme));
}

void TestHostileContent::init()
{
    QSettings().clear();
    m_urls.opened.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.llmtriage"));
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QCOMPARE(Importer(*workspace).run({testDataPath(QStringLiteral("hostile"))}).imported, 9);
    EditSet notes;
    notes.annotator = QStringLiteral("<b>ann</b>");
    notes.edits = {{workspace->ridOf(QStringLiteral("<b>bold</b>#1")).value(), EditField::Note, Note}};
    QCOMPARE(workspace->apply(notes).size(), 1);
}

void TestHostileContent::cleanup()
{
    // A test that failed half-way may leave labels chosen but not applied: the question that
    // brings on closing is declined here, so that closing never waits on a box nobody answers.
    QTimer decline;
    decline.setInterval(20);
    connect(&decline, &QTimer::timeout, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->reject();
    });
    decline.start();
    if (m_window)
        m_window->close();
    QTRY_VERIFY(m_window.isNull());
    decline.stop();
    m_dir.reset();
    // No test opens a URL by itself; the one that clicks "Open issue" checks and clears it.
    QVERIFY2(m_urls.opened.isEmpty(), qPrintable(m_urls.opened.value(0).toString()));
}

MainWindow *TestHostileContent::open()
{
    m_window = openWindow(m_path, QStringLiteral("<i>tester</i>"));
    m_window->resize(1600, 1000); // room for whole names on the chart axes
    QCoreApplication::processEvents();
    return m_window;
}

qint64 TestHostileContent::ridOf(int number) const
{
    for (const QJsonValue &value : m_records) {
        const QJsonObject record = value.toObject();
        if (record.value(u"number").toInt() == number)
            return m_window->session().workspace().ridOf(
                recordId(record.value(u"model").toString(), number)).value_or(0);
    }
    return 0;
}

// The chart's tab in front, drawn now.
ChartPanel *TestHostileContent::showChart(const QString &name)
{
    m_window->chartsDock()->showChart(name);
    ChartPanel *panel = m_window->chartsDock()->chart(name);
    panel->refreshNow();
    return panel;
}

// The file is what the other tests think it is: every record passes the rules as written.
void TestHostileContent::everyRecordIsImported()
{
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    QCOMPARE(workspace->recordCount(), qint64(9));
    for (const QJsonValue &value : std::as_const(m_records)) {
        const QJsonObject raw = value.toObject();
        const QString id = recordId(raw.value(u"model").toString(), raw.value(u"number").toInt());
        const std::optional<Record> record = workspace->record(workspace->ridOf(id).value_or(0));
        QVERIFY2(record, qPrintable(id));
        QCOMPARE(record->symptom, raw.value(u"SYMPTOM").toString());
        QCOMPARE(record->cause, raw.value(u"ROOT CAUSE").toString());
        QCOMPARE(record->status, raw.value(u"status").toString());
        QCOMPARE(record->architecture, raw.value(u"architecture").toString());
    }
}

void TestHostileContent::tableShowsTheCharacters()
{
    MainWindow *window = open();
    const RecordTableModel *model = window->tableModel();
    QCOMPARE(model->rowCount(), 9);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &value : std::as_const(m_records)) {
        const QJsonObject raw = value.toObject();
        byId.insert(recordId(raw.value(u"model").toString(), raw.value(u"number").toInt()), raw);
    }
    const std::pair<int, const char16_t *> columns[] = {
        {RecordTableModel::Model, u"model"}, {RecordTableModel::Symptom, u"SYMPTOM"},
        {RecordTableModel::Cause, u"ROOT CAUSE"}, {RecordTableModel::Status, u"status"},
        {RecordTableModel::Link, u"link"}};
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString id = model->index(row, RecordTableModel::Id).data().toString();
        QVERIFY2(byId.contains(id), qPrintable(id));
        for (const auto &[column, key] : columns)
            QCOMPARE(model->index(row, column).data().toString(), byId[id].value(QStringView(key)).toString());
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            const QString tip = index.data(Qt::ToolTipRole).toString();
            if (!tip.isEmpty())
                QCOMPARE(shownTooltip(tip), index.data().toString());
        }
    }
}

void TestHostileContent::recordDockShowsTheCharacters()
{
    MainWindow *window = open();
    DetailDock *dock = window->detailDock();
    for (const QJsonValue &value : std::as_const(m_records)) {
        const QJsonObject raw = value.toObject();
        dock->setRecord(ridOf(raw.value(u"number").toInt()));
        QCoreApplication::processEvents(); // a layout shows the labels added to it on the next turn
        QStringList shown;
        for (const QLabel *label : dock->findChildren<QLabel *>()) {
            if (label->isVisibleTo(dock))
                shown.append(shownText(label->text(), label->textFormat()));
        }
        const QString id = recordId(raw.value(u"model").toString(), raw.value(u"number").toInt());
        QVERIFY2(shown.contains(id), qPrintable(shown.join(u'|')));
        for (const char16_t *key : {u"model", u"SYMPTOM", u"ROOT CAUSE", u"status", u"architecture", u"link"})
            QVERIFY2(shown.contains(raw.value(QStringView(key)).toString()),
                     qPrintable(raw.value(QStringView(key)).toString() + QStringLiteral(" in ") + shown.join(u'|')));
        checkLabels(dock);
    }
    // The unknown field, kept as the file's JSON, and the note.
    dock->setRecord(ridOf(1));
    bool extraShown = false;
    for (const QLabel *label : dock->findChildren<QLabel *>())
        extraShown = extraShown
            || shownText(label->text(), label->textFormat()).contains(QStringLiteral("javascript:alert(1)\\\">click</a>"));
    QVERIFY(extraShown);
    QCOMPARE(dock->noteEditor()->toPlainText(), Note);
}

void TestHostileContent::facetsShowTheCharacters()
{
    MainWindow *window = open();
    for (const Field field : {Field::Model, Field::Symptom, Field::Cause, Field::Status, Field::Architecture}) {
        FacetModel *model = window->facetDock()->model(field);
        QVERIFY(model);
        QStringList names;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < model->rowCount(parent); ++row) {
                const QModelIndex index = model->index(row, 0, parent);
                const QString name = index.data().toString();
                names.append(name);
                QVERIFY2(shownTooltip(index.data(Qt::ToolTipRole).toString()).contains(name), qPrintable(name));
                walk(index);
            }
        };
        walk(QModelIndex());
        for (const QJsonValue &value : std::as_const(m_records)) {
            const QJsonObject raw = value.toObject();
            const QString expected = field == Field::Model ? raw.value(u"model").toString()
                : field == Field::Symptom                 ? firstPart(raw.value(u"SYMPTOM").toString())
                : field == Field::Cause                   ? firstPart(raw.value(u"ROOT CAUSE").toString())
                : field == Field::Status                  ? raw.value(u"status").toString()
                                                          : raw.value(u"architecture").toString();
            QVERIFY2(names.contains(expected), qPrintable(expected + QStringLiteral(" in ") + names.join(u'|')));
        }
    }
}

void TestHostileContent::chipsAndBreadcrumbsShowTheCharacters()
{
    MainWindow *window = open();
    const QString ampersand = QStringLiteral("&amp;");
    window->session().filter().narrow({FacetValue{Field::Model, 1, ampersand}});
    window->session().filter().setText(QStringLiteral("<b>x</b> &"));
    QCoreApplication::processEvents(); // the new chips show on the next turn
    QStringList shown;
    for (const QToolButton *chip : window->chips()->findChildren<QToolButton *>(QStringLiteral("filterChip"))) {
        if (chip->isVisibleTo(window->chips()))
            shown.append(shownMnemonicText(chip->text()));
    }
    QVERIFY2(shown.size() == 2, qPrintable(shown.join(u'|')));
    QVERIFY2(shown.filter(QStringLiteral("Model: &amp;")).size() == 1, qPrintable(shown.join(u'|')));
    QVERIFY2(shown.filter(QStringLiteral("Search: <b>x</b> &")).size() == 1, qPrintable(shown.join(u'|')));
    window->session().filter().clear();

    // Drilling into a category (a click on its bar) puts its name on a breadcrumb button.
    auto *symptoms = qobject_cast<DrillDownChart *>(showChart(QStringLiteral("symptoms")));
    QVERIFY(symptoms);
    const QVector<BarGroup> &groups = symptoms->bars()->data().groups;
    const auto group = std::find_if(groups.begin(), groups.end(), [&](const BarGroup &g) { return g.text == ampersand; });
    QVERIFY(group != groups.end());
    symptoms->bars()->activateBar(0, int(group - groups.begin()));
    QTRY_COMPARE(symptoms->parentPath(), ampersand);
    QCoreApplication::processEvents();
    QStringList steps;
    for (const QToolButton *step : symptoms->findChildren<QToolButton *>(QStringLiteral("breadcrumb")))
        steps.append(shownMnemonicText(step->text()));
    QVERIFY2(steps.contains(ampersand), qPrintable(steps.join(u'|')));
}

void TestHostileContent::chartsShowTheCharacters()
{
    MainWindow *window = open();
    QSet<QString> symptoms;
    QSet<QString> causes;
    for (const QJsonValue &value : std::as_const(m_records)) {
        const QJsonObject raw = value.toObject();
        symptoms.insert(firstPart(raw.value(u"SYMPTOM").toString()));
        causes.insert(firstPart(raw.value(u"ROOT CAUSE").toString()));
    }
    for (const QString &name : ChartCatalog::names()) {
        ChartPanel *panel = showChart(name);
        QStringList categories;
        for (BarChartView *bars : panel->findChildren<BarChartView *>()) {
            for (QAbstractAxis *axis : bars->chart()->axes()) {
                if (auto *category = qobject_cast<QBarCategoryAxis *>(axis)) {
                    for (const QString &html : category->categories()) {
                        const QString shown = shownChartText(html);
                        categories.append(shown);
                        // Whatever the label, it is shown as the text of some group of the data.
                        QVERIFY2(std::any_of(bars->data().groups.begin(), bars->data().groups.end(),
                                             [&](const BarGroup &g) { return showsAsWritten(shown, g.text); }),
                                 qPrintable(name + QStringLiteral(": ") + html));
                    }
                }
            }
            for (QAbstractSeries *series : bars->chart()->series()) {
                for (const QBarSet *set : static_cast<QAbstractBarSeries *>(series)->barSets()) {
                    const QString shown = shownChartText(set->label());
                    QVERIFY2(bars->data().sets.contains(shown) || set->label() == BarChartView::tr("Selected in the table"),
                             qPrintable(name + QStringLiteral(": ") + set->label()));
                }
            }
        }
        if (name == u"symptoms" || name == u"causes") {
            const QSet<QString> &expected = name == u"symptoms" ? symptoms : causes;
            QCOMPARE(categories.size(), expected.size());
            for (const QString &shown : std::as_const(categories))
                QVERIFY2(std::any_of(expected.begin(), expected.end(),
                                     [&](const QString &raw) { return showsAsWritten(shown, raw); }),
                         qPrintable(shown));
        }
        checkLabels(panel);
    }
    // Filtered, each chart says its filter under its title, quoting the values picked.
    window->session().filter().narrow({FacetValue{Field::Model, 1, Hostile[2]}, FacetValue{Field::Model, 1, Hostile[0]}});
    for (const QString &name : {QStringLiteral("symptoms"), QStringLiteral("escalation"), QStringLiteral("evolution")}) {
        ChartPanel *panel = showChart(name);
        auto *scope = panel->findChild<QLabel *>(QStringLiteral("chartScope"));
        QVERIFY(scope);
        const QString shown = shownText(scope->text(), scope->textFormat());
        QVERIFY2(shown.contains(Hostile[2]) && shown.contains(Hostile[0]), qPrintable(scope->text()));
        checkLabels(panel);
    }
}

void TestHostileContent::findingsAndSlidesShowTheCharacters()
{
    MainWindow *window = open();
    window->showPanel(QStringLiteral("findings"));
    checkLabels(window->findingsBoard());
    // The board's sentences name the causes and symptoms that lead: here hostile ones.
    bool named = false;
    for (const QLabel *label : window->findingsBoard()->findChildren<QLabel *>()) {
        for (const QString &hostile : Hostile)
            named = named || label->text().contains(hostile);
    }
    QVERIFY(named);
    QPointer<PresentationWindow> slides = window->startPresentation();
    QVERIFY(slides);
    for (int slide = 0; slide < slides->slideCount(); ++slide) {
        slides->goTo(slide);
        QCoreApplication::processEvents();
        checkLabels(slides);
    }
    slides->close();
    QTRY_VERIFY(slides.isNull() || !slides->isVisible());
}

void TestHostileContent::historyAndUndoShowTheCharacters()
{
    MainWindow *window = open();
    const qint64 rid = ridOf(2);
    // Labels in use, so no question is asked; the symptom's '&' would be a mnemonic in a menu.
    const QString symptom = QStringLiteral("&amp; - =HYPERLINK(\"http://evil\",\"x\")");
    const QString cause = QStringLiteral("&amp; - &lt;i&gt;not italic&lt;/i&gt;");
    QVERIFY(window->edits().relabel(rid, symptom, cause, QStringLiteral("Inference"), false,
                                    QStringLiteral("<a href=\"file:///etc/passwd\">why</a>")));

    // The history: each cell shows what was written, and its tooltip says the same.
    HistoryModel *history = window->historyDock()->model();
    QStringList cells;
    for (int row = 0; row < history->rowCount(); ++row) {
        for (int column = 0; column < history->columnCount(); ++column) {
            const QModelIndex index = history->index(row, column);
            cells.append(index.data().toString());
            if (column != HistoryModel::At) // the time's tooltip is the stored timestamp
                QCOMPARE(shownTooltip(index.data(Qt::ToolTipRole).toString()), index.data().toString());
        }
    }
    for (const QString &expected : {symptom, cause, QStringLiteral("<img src=x onerror=alert(1)>#2"),
                                    QStringLiteral("<a href=\"file:///etc/passwd\">why</a>"),
                                    QStringLiteral("<i>tester</i>"), QStringLiteral("<b>ann</b>"), Note})
        QVERIFY2(cells.contains(expected), qPrintable(expected));

    // The undo history, the Edit menu and the toolbar name the command as written.
    auto *undoView = window->undoDock()->findChild<QUndoView *>();
    QVERIFY(undoView);
    const QString command = window->undoStack().text(0);
    QVERIFY2(command.contains(QStringLiteral("<img src=x onerror=alert(1)>#2")), qPrintable(command));
    QVERIFY2(command.contains(symptom), qPrintable(command));
    QCOMPARE(undoView->model()->index(1, 0).data().toString(), command);
    QAction *undo = window->actions().action(QStringLiteral("undo"));
    QCOMPARE(shownMnemonicText(undo->text()), QStringLiteral("Undo ") + command);
    QCOMPARE(shownMnemonicText(undo->iconText()), QStringLiteral("Undo ") + command);
    QCOMPARE(shownTooltip(undo->toolTip()), QStringLiteral("Undo ") + command);
    QToolButton *button = nullptr;
    for (QToolBar *bar : window->findChildren<QToolBar *>()) {
        if (auto *b = qobject_cast<QToolButton *>(bar->widgetForAction(undo)))
            button = b;
    }
    QVERIFY(button);
    QCOMPARE(shownMnemonicText(button->text()), QStringLiteral("Undo ") + command);
    QCOMPARE(shownTooltip(button->toolTip()), QStringLiteral("Undo ") + command);

    // Undone, the same text moves to Redo.
    undo->trigger();
    QAction *redo = window->actions().action(QStringLiteral("redo"));
    QCOMPARE(shownMnemonicText(redo->text()), QStringLiteral("Redo ") + command);
    QCOMPARE(shownTooltip(redo->toolTip()), QStringLiteral("Redo ") + command);
    checkLabels(window);
}

void TestHostileContent::messageBoxesShowTheCharacters()
{
    MainWindow *window = open();
    QVector<SeenBox> seen;

    // Labels chosen but not applied when the record changes: the question names the record.
    const qint64 bold = ridOf(1);
    window->detailDock()->setRecord(bold);
    window->detailDock()->relabelPanel()->symptomPicker()->setLabel(
        m_records.at(1).toObject().value(u"SYMPTOM").toString());
    QVERIFY(window->detailDock()->relabelPanel()->hasPendingChanges());
    answerNextBox(QMessageBox::Discard, &seen);
    window->detailDock()->setRecord(ridOf(2));
    QTRY_COMPARE(seen.size(), 1);
    QVERIFY2(shownText(seen[0].text, seen[0].format).contains(QStringLiteral("<b>bold</b>#1")),
             qPrintable(seen[0].text));

    // An edit the store refuses: the reason quotes the label as typed.
    const QString label = QStringLiteral("<a href=\"file:///etc/passwd\">new</a> - <b>label</b>");
    answerNextBox(QMessageBox::Ok, &seen);
    QVERIFY(!window->edits().relabel(bold, label, QString(), QString(), false));
    QTRY_COMPARE(seen.size(), 2);
    QVERIFY2(shownText(seen[1].text, seen[1].format).contains(QStringLiteral("'") + label + QStringLiteral("'")),
             qPrintable(seen[1].text));

    // The record panel's own checks quote the label too: a missing level, a label too long,
    // a label no record has yet.
    RelabelPanel *panel = window->detailDock()->relabelPanel();
    window->detailDock()->setRecord(bold);
    const QString tooLong = QStringLiteral("<b>") + QString(300, QLatin1Char('x')) + QStringLiteral("</b> - y");
    const std::pair<QString, QString> checks[] = {
        {QStringLiteral("<b>only</b>"), QStringLiteral("\u201c<b>only</b>\u201d")},
        {tooLong, QStringLiteral("'<b>xxxxxxxx")},
        {label, label}};
    for (const auto &[typed, quoted] : checks) {
        panel->symptomPicker()->setLabel(typed);
        const qsizetype before = seen.size();
        answerNextBox(QMessageBox::Cancel, &seen);
        QVERIFY(!panel->apply());
        QTRY_COMPARE(seen.size(), before + 1);
        QVERIFY2(shownText(seen.last().text, seen.last().format).contains(quoted), qPrintable(seen.last().text));
    }
    panel->setRecord(bold); // back to the stored labels: nothing pending
}

void TestHostileContent::svgExportsAreEscaped()
{
    open();
    for (const QString &name : ChartCatalog::names()) {
        ChartPanel *panel = showChart(name);
        const QString file = m_dir->filePath(name + QStringLiteral(".svg"));
        QString error;
        QVERIFY2(ChartExporter::write(panel, file, ChartExporter::Svg, QSize(1200, 800), &error), qPrintable(error));
        QFile svg(file);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray bytes = svg.readAll();
        QXmlStreamReader xml(bytes);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::Characters)
                texts.append(xml.text().toString());
        }
        QVERIFY2(!xml.hasError(), qPrintable(name + QStringLiteral(": ") + xml.errorString()));
        // No element but the SVG's own: a tag in a label is text.
        for (const char *tag : {"<script", "<img", "<a ", "<b>", "<i>"})
            QVERIFY2(!bytes.contains(tag), qPrintable(name + QStringLiteral(": ") + QLatin1String(tag)));
        if (name == u"symptoms") {
            const QString all = texts.join(QString());
            for (const QString &hostile : Hostile)
                QVERIFY2(all.contains(hostile), qPrintable(hostile));
            QVERIFY(bytes.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            QVERIFY(bytes.contains("&amp;amp;"));
        }
    }
}

// Links no record can carry: the importer holds them back, and the parser the record dock asks
// before opening says no.
void TestHostileContent::hostileLinksNeverOpen_data()
{
    QTest::addColumn<QString>("link");
    const char *links[] = {
        "javascript:alert(1)",
        "javascript:alert(1)//https://github.com/a/b/issues/1",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "http://github.com/a/b/issues/1",
        "HTTPS://github.com/a/b/issues/1",
        "https://GITHUB.COM/a/b/issues/1",
        "https://gitlab.com/a/b/issues/1",
        "https://github.com.evil.com/a/b/issues/1",
        "https://evil.com/https://github.com/a/b/issues/1",
        "https://github.com@evil.com/a/b/issues/1",
        "https://user:pass@github.com/a/b/issues/1",
        "https://user@github.com/a/b/issues/1",
        "https://github.com:443/a/b/issues/1",
        "https://github.com:8080/a/b/issues/1",
        "//github.com/a/b/issues/1",
        "github.com/a/b/issues/1",
        "https:/github.com/a/b/issues/1",
        "https:\\\\github.com\\a\\b\\issues\\1",
        " https://github.com/a/b/issues/1",
        "https://github.com/a/b/issues/1 ",
        "https://github.com/a/b/issues/1#x",
        "https://github.com/a/b/issues/1?x=1",
        "https://github.com/a/b/issues/1/",
        "https://github.com/a/b/issues/1/../../../evil",
        "https://github.com/a/b/issues/1%2F..",
        "https://github.com/a%2Fb/c/issues/1",
        "https://github.com/a/b/issues/1x",
        "https://github.com/a/b/issues/0",
        "https://github.com/a/b/issues/-1",
        "https://github.com/a/b/issues/",
        "https://github.com/a/b/pull/1",
        "https://github.com//b/issues/1",
        "https://github.com/a/../issues/1",
        "https://github.com/a/<script>/issues/1",
        "https://github.com/a/b/issues/1<script>",
        "https://github.com/a/b/issues/99999999999",
    };
    for (const char *link : links)
        QTest::newRow(link) << QString::fromUtf8(link);
    QTest::newRow("fullwidth digit") << QStringLiteral("https://github.com/a/b/issues/\uFF11");
    QTest::newRow("arabic-indic digit") << QStringLiteral("https://github.com/a/b/issues/\u0661");
    QTest::newRow("cyrillic host") << QStringLiteral("https://gith\u0443b.com/a/b/issues/1");
    QTest::newRow("newline then link") << QStringLiteral("https://github.com/a/b/issues/1\nfile:///etc/passwd");
    QTest::newRow("NUL") << QStringLiteral("https://github.com/a/b/issues/1") + QChar(0);
}

void TestHostileContent::hostileLinksNeverOpen()
{
    QFETCH(QString, link);
    QVERIFY(!GitHubIssue::parse(link).has_value());

    QJsonObject record{{QStringLiteral("number"), 10}, {QStringLiteral("link"), link},
                       {QStringLiteral("status"), QStringLiteral("open")},
                       {QStringLiteral("SYMPTOM"), QStringLiteral("Crash - Segfault")},
                       {QStringLiteral("ROOT CAUSE"), QStringLiteral("A - B")},
                       {QStringLiteral("STAGE"), QStringLiteral("Inference")},
                       {QStringLiteral("model"), QStringLiteral("Linked")},
                       {QStringLiteral("architecture"), QStringLiteral("Dense")}};
    const QString file = writeFile(*m_dir, QStringLiteral("link.json"),
                                   QJsonDocument(QJsonArray{record}).toJson());
    auto workspace = Workspace::open(m_path, Workspace::OpenMode::OpenExisting);
    const ImportReport report = Importer(*workspace).run({file});
    QCOMPARE(report.imported, qint64(0));
    QCOMPARE(report.quarantined, qint64(1));
    QVERIFY(!workspace->ridOf(QStringLiteral("Linked#10")).has_value());
}

// The one link that opens: a record's GitHub issue, when "Open issue" is clicked, and never
// from showing the record or clicking its text in the table or the dock.
void TestHostileContent::issueLinkOpensOnlyOnClick()
{
    MainWindow *window = open();
    DetailDock *dock = window->detailDock();
    RecordTableView *table = window->table();
    for (int row = 0; row < window->tableModel()->rowCount(); ++row) {
        const QModelIndex link = window->tableModel()->index(row, RecordTableModel::Link);
        table->scrollTo(link);
        const QPoint at = table->visualRect(link).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, at);
        QTest::keyClick(table, Qt::Key_Return);
        // Let an editor opened by the double click go.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    }
    auto *linkLabel = dock->findChild<QLabel *>(QStringLiteral("recordLink"));
    QVERIFY(linkLabel);
    QCOMPARE(linkLabel->textFormat(), Qt::PlainText);
    QVERIFY(!linkLabel->openExternalLinks());
    QVERIFY(!(linkLabel->textInteractionFlags() & Qt::LinksAccessibleByMouse));
    QTest::mouseClick(linkLabel, Qt::LeftButton, {}, QPoint(5, linkLabel->height() / 2));
    QCOMPARE(m_urls.opened.size(), 0);

    dock->setRecord(ridOf(4));
    QCOMPARE(m_urls.opened.size(), 0);
    auto *open = dock->findChild<QPushButton *>(QStringLiteral("openLink"));
    QVERIFY(open && open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(m_urls.opened.size(), 1);
    const QUrl url = m_urls.opened.takeFirst();
    QCOMPARE(url.toString(QUrl::FullyEncoded), QStringLiteral("https://github.com/QwenLM/Qwen2.5/issues/4"));
    QCOMPARE(url.scheme(), QStringLiteral("https"));
    QCOMPARE(url.host(), QStringLiteral("github.com"));
    QVERIFY(url.userInfo().isEmpty());
    QCOMPARE(url.port(), -1);
}

QTEST_MAIN(TestHostileContent)
#include "tst_hostilecontent.moc"
