#include "commandline.h"
#include "commands.h"

#include "charts/chartcatalog.h"
#include "charts/chartexporter.h"
#include "charts/chartpanel.h"
#include "workbenchsession.h"
#include "workspace.h"

#include <QRegularExpression>

namespace Triage::Cli {

int runChart(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("chart"),
                   QStringLiteral("Draws one chart of the window into a PNG, SVG or PDF file, without a "
                                  "display. Charts: %1.")
                       .arg(ChartCatalog::names().join(QStringLiteral(", "))),
                   arguments);
    cl.addPositional(QStringLiteral("name"), QStringLiteral("The chart."), QStringLiteral("NAME"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("The file to write; .png, .svg or .pdf says which."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Width and height in pixels (default 1200x800)."),
                                  QStringLiteral("WxH"), QStringLiteral("1200x800"));
    cl.parser().addOption(out);
    cl.parser().addOption(size);
    cl.addWhereOption();
    if (const auto stop = cl.parse(1, 1))
        return *stop;
    const QString name = cl.positional().constFirst();
    if (!ChartCatalog::names().contains(name))
        return cl.usageError(QStringLiteral("unknown chart '%1' (choose %2)")
                                 .arg(name, ChartCatalog::names().join(QLatin1Char('|'))));
    if (!cl.parser().isSet(out))
        return cl.usageError(QStringLiteral("--out FILE is required"));
    const QString file = cl.parser().value(out);
    ChartExporter::Format format;
    if (!ChartExporter::formatFor(file, &format))
        return cl.usageError(QStringLiteral("%1: the name must end in .png, .svg or .pdf").arg(file));
    const QRegularExpressionMatch dimensions
        = QRegularExpression(QStringLiteral("^(\\d{1,6})x(\\d{1,6})$")).match(cl.parser().value(size));
    const QSize pixels = dimensions.hasMatch() ? QSize(dimensions.captured(1).toInt(), dimensions.captured(2).toInt())
                                               : QSize();
    if (!ChartExporter::allowsSize(pixels))
        return cl.usageError(QStringLiteral("--size must be WxH in pixels, %1").arg(ChartExporter::sizeRange()));
    const std::optional<Filter> filter = cl.filter();
    if (!filter)
        return ExitUsage;

    WorkbenchSession session(cl.openWorkspace());
    cl.warnAboutUnknownValues(session.index(), *filter);
    session.setBaseFilter(*filter);
    std::unique_ptr<ChartPanel> chart(ChartCatalog::create(name, session));
    QString error;
    if (!ChartExporter::write(chart.get(), file, format, pixels, &error)) {
        cl.err() << "llmtriage chart: " << error << "\n";
        return ExitWorkspace;
    }
    cl.out() << "wrote " << file << " (" << name << ", " << pixels.width() << "x" << pixels.height()
             << ", " << session.rows().size() << (session.rows().size() == 1 ? " record)\n" : " records)\n");
    return ExitOk;
}

} // namespace Triage::Cli
