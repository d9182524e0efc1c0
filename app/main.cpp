// llmtriage: with a sub-command it runs headless (QCoreApplication, no display needed);
// without one it opens the workbench window.

#include "charts/chartcatalog.h"
#include "cli/commands.h"
#include "cli/exitcode.h"

#include "defaultworkspace.h"
#include "mainwindow.h"
#include "presentationwindow.h"
#include "recentworkspaces.h"
#include "workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("llmtriage"));
    QCoreApplication::setOrganizationName(QStringLiteral("llmtriage")); // QSettings' folder
    QCoreApplication::setApplicationVersion(QStringLiteral(LLMTRIAGE_VERSION));
}

int runWindow(int argc, char *argv[])
{
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("llmtriage"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/llmtriage.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("llmtriage"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A workbench for studying why open-source LLMs fail. "
                                        "Run 'llmtriage --help' for the command line."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"),
                                             QApplication::translate("main", "The workspace file."),
                                             QStringLiteral("PATH"));
    parser.addOption(workspaceOption);
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Open the window, save a picture of it to FILE and quit "
                                        "(for documentation)."),
        QStringLiteral("FILE"));
    parser.addOption(screenshotOption);
    const QCommandLineOption showOption(
        QStringLiteral("show"),
        QApplication::translate("main", "Open with a chart (symptoms, causes, taxonomy, divergence, "
                                        "homogeneity, escalation, evolution) or the findings board in front."),
        QStringLiteral("NAME"));
    parser.addOption(showOption);
    const QCommandLineOption presentOption(
        QStringLiteral("present"),
        QApplication::translate("main", "Start in presentation mode (full screen, one finding at a time), "
                                        "at the slide of --show's chart if it has one."));
    parser.addOption(presentOption);
    parser.process(app);
    // A wrong name is a usage error, said before any window opens: with --screenshot nobody is
    // there to close a message box.
    const QStringList panels = Triage::ChartCatalog::names() + QStringList{QStringLiteral("findings")};
    if (parser.isSet(showOption) && !panels.contains(parser.value(showOption))) {
        QTextStream(stderr) << "llmtriage: there is no chart or board called '" << parser.value(showOption)
                            << "' (choose " << panels.join(QLatin1Char('|')) << ")\n";
        return Triage::Cli::ExitUsage;
    }

    std::unique_ptr<Triage::Workspace> workspace;
    QString path;
    try {
        const Triage::WorkspaceLocation location = Triage::locateWorkspace(parser.value(workspaceOption));
        path = location.path;
        workspace = location.isDefault
            ? Triage::openDefaultWorkspace(location.path)
            : Triage::Workspace::open(location.path, Triage::Workspace::OpenMode::CreateIfMissing);
    } catch (const Triage::WorkspaceError &error) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the workspace"),
                              error.message());
        return Triage::Cli::ExitWorkspace;
    }
    Triage::RecentWorkspaces::add(path);
    auto *window = new Triage::MainWindow(std::move(workspace)); // deletes itself on close
    window->show();
    if (parser.isSet(showOption))
        window->showPanel(parser.value(showOption));
    Triage::PresentationWindow *presentation
        = parser.isSet(presentOption) ? window->startPresentation(parser.value(showOption)) : nullptr;
    if (presentation && parser.isSet(showOption) && presentation->slideOf(parser.value(showOption)) < 0)
        QTextStream(stderr) << "llmtriage: '" << parser.value(showOption)
                            << "' has no slide; the presentation starts at the first (slides: "
                            << presentation->slideNames().join(QLatin1Char('|')) << ")\n";
    if (parser.isSet(screenshotOption)) {
        window->setPersistent(false); // a picture for the docs must not change the user's layout
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(800, window, [window, presentation, file] {
            const bool saved = (presentation ? static_cast<QWidget *>(presentation) : window)->grab().save(file);
            window->close();
            QCoreApplication::exit(saved ? 0 : Triage::Cli::ExitWorkspace);
        });
    }
    return app.exec();
}

// Lines that are no news on a command's stderr and would read as faults: the offscreen platform
// cannot pass size hints to a window manager it does not have, and QStandardPaths notes a missing
// XDG_RUNTIME_DIR (root shells, containers) that no command uses.
QtMessageHandler g_defaultHandler = nullptr;
void quietCommandHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.contains(QLatin1String("does not support propagateSizeHints"))
        || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (Triage::Cli::isCommand(arguments)) {
        g_defaultHandler = qInstallMessageHandler(quietCommandHandler);
        if (Triage::Cli::needsWidgets(arguments)) {
            // Charts are drawn by widgets but never shown: always offscreen, so a stale DISPLAY
            // (an SSH session's forwarding gone) cannot abort the run, and the picture does not
            // depend on which screen happens to be attached.
            qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication app(argc, argv);
            describeApplication();
            return Triage::Cli::run(QCoreApplication::arguments());
        }
        QCoreApplication app(argc, argv);
        describeApplication();
        return Triage::Cli::run(QCoreApplication::arguments());
    }
    return runWindow(argc, argv);
}
