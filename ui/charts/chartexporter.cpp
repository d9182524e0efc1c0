#include "chartexporter.h"

#include "chartpanel.h"
#include "widgets/plainmessagebox.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSpinBox>
#include <QSvgGenerator>

namespace Triage::ChartExporter {

namespace {

// The layout a chart is designed for: a larger picture is this layout drawn larger (text grows
// with it, so a 4000-pixel picture on a slide is as readable as the window); a picture smaller
// than the smallest layout whose labels still fit is that layout drawn smaller (smaller text,
// but no name cut to "...").
constexpr QSizeF DesignSize(1200, 800);
constexpr QSizeF SmallestLayout(960, 640);

double scaleFor(const QSize &size)
{
    const double up = std::min(size.width() / DesignSize.width(), size.height() / DesignSize.height());
    if (up > 1)
        return up;
    return std::min({1.0, size.width() / SmallestLayout.width(), size.height() / SmallestLayout.height()});
}

// Why a file cannot be written, before drawing into it (QSvgGenerator and QPdfWriter do not
// say); empty when it can. A file the check had to create is removed again.
QString writeProblem(const QString &file)
{
    const QFileInfo info(file);
    if (info.isDir())
        return QCoreApplication::translate("ChartExporter", "%1: is a folder").arg(file);
    if (!info.absoluteDir().exists())
        return QCoreApplication::translate("ChartExporter", "%1: the folder %2 does not exist")
            .arg(file, info.absolutePath());
    const bool existed = info.exists();
    QFile probe(file);
    if (!probe.open(QIODevice::WriteOnly | QIODevice::Append))
        return QStringLiteral("%1: %2").arg(file, probe.errorString());
    probe.close();
    if (!existed)
        probe.remove();
    return {};
}

// The panel laid out at the export size (divided by the scale), off screen, so the file gets
// the layout of that size rather than a stretched picture of the window.
class SizedForExport
{
public:
    SizedForExport(QWidget *panel, const QSize &size)
        : m_panel(panel)
        , m_size(panel->size())
        , m_visible(panel->isVisible())
    {
        if (!m_visible) {
            m_panel->setAttribute(Qt::WA_DontShowOnScreen, true);
            m_panel->show();
        }
        m_scale = scaleFor(size);
        m_panel->resize((QSizeF(size) / m_scale).toSize());
        if (auto *chart = qobject_cast<ChartPanel *>(m_panel)) {
            chart->setStill(true);
            chart->refreshNow();
        }
        if (m_panel->layout())
            m_panel->layout()->activate();
        QApplication::sendPostedEvents(); // Qt Charts lays out through posted layout requests
    }
    ~SizedForExport()
    {
        if (auto *chart = qobject_cast<ChartPanel *>(m_panel))
            chart->setStill(false);
        m_panel->resize(m_size);
        if (!m_visible) {
            m_panel->hide();
            m_panel->setAttribute(Qt::WA_DontShowOnScreen, false);
        }
    }

    // Draws the panel scaled into the whole of the painter's device.
    void render(QPainter &painter) const
    {
        painter.scale(m_scale, m_scale);
        m_panel->render(&painter);
    }

private:
    QWidget *m_panel;
    QSize m_size;
    bool m_visible;
    double m_scale = 1;
};

} // namespace

bool formatFor(const QString &file, Format *format)
{
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("png"))
        *format = Png;
    else if (suffix == QLatin1String("svg"))
        *format = Svg;
    else if (suffix == QLatin1String("pdf"))
        *format = Pdf;
    else
        return false;
    return true;
}

bool allowsSize(const QSize &size)
{
    return size.width() >= MinimumSize.width() && size.height() >= MinimumSize.height()
        && size.width() <= MaximumSize.width() && size.height() <= MaximumSize.height();
}

QString sizeRange()
{
    return QCoreApplication::translate("ChartExporter", "from %1x%2 to %3x%4")
        .arg(MinimumSize.width())
        .arg(MinimumSize.height())
        .arg(MaximumSize.width())
        .arg(MaximumSize.height());
}

bool write(QWidget *panel, const QString &file, Format format, const QSize &size, QString *error)
{
    if (!allowsSize(size)) {
        *error = QCoreApplication::translate("ChartExporter", "%1x%2: the size must be %3 pixels")
                     .arg(size.width())
                     .arg(size.height())
                     .arg(sizeRange());
        return false;
    }
    if (const QString problem = writeProblem(file); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const SizedForExport sized(panel, size);
    switch (format) {
    case Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(panel->palette().color(QPalette::Window));
        QPainter painter(&image);
        sized.render(painter);
        painter.end();
        QImageWriter writer(file, "png");
        if (!writer.write(image)) {
            *error = QStringLiteral("%1: %2").arg(file, writer.errorString());
            return false;
        }
        return true;
    }
    case Svg: {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(qobject_cast<ChartPanel *>(panel) ? static_cast<ChartPanel *>(panel)->title() : QString());
        svg.setDescription(QStringLiteral("llmtriage chart"));
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = QCoreApplication::translate("ChartExporter", "%1: cannot be written").arg(file);
            return false;
        }
        painter.fillRect(QRect(QPoint(0, 0), size), panel->palette().color(QPalette::Window));
        sized.render(painter);
        return painter.end();
    }
    case Pdf: {
        QPdfWriter pdf(file);
        pdf.setResolution(96); // one pixel of the layout is one point-ish unit of the page
        pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(qobject_cast<ChartPanel *>(panel) ? static_cast<ChartPanel *>(panel)->title() : QString());
        pdf.setCreator(QStringLiteral("llmtriage"));
        QPainter painter;
        if (!painter.begin(&pdf)) {
            *error = QCoreApplication::translate("ChartExporter", "%1: cannot be written").arg(file);
            return false;
        }
        sized.render(painter);
        return painter.end();
    }
    }
    return false;
}

void exportInteractively(ChartPanel *panel, Format format)
{
    QDialog ask(panel);
    ask.setWindowTitle(QCoreApplication::translate("ChartExporter", "Export chart"));
    auto *width = new QSpinBox(&ask);
    auto *height = new QSpinBox(&ask);
    width->setRange(MinimumSize.width(), MaximumSize.width());
    height->setRange(MinimumSize.height(), MaximumSize.height());
    width->setValue(std::max(panel->width(), 800));
    height->setValue(std::max(panel->height(), 500));
    width->setSuffix(QStringLiteral(" px"));
    height->setSuffix(QStringLiteral(" px"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
    auto *form = new QFormLayout(&ask);
    form->addRow(QCoreApplication::translate("ChartExporter", "Width:"), width);
    form->addRow(QCoreApplication::translate("ChartExporter", "Height:"), height);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
    if (ask.exec() != QDialog::Accepted)
        return;
    const char *suffix = format == Png ? "png" : format == Svg ? "svg" : "pdf";
    const QString file = QFileDialog::getSaveFileName(
        panel, QCoreApplication::translate("ChartExporter", "Export chart"),
        panel->chartName() + QLatin1Char('.') + QLatin1String(suffix),
        QStringLiteral("*.") + QLatin1String(suffix));
    if (file.isEmpty())
        return;
    QString error;
    if (!write(panel, file, format, QSize(width->value(), height->value()), &error))
        showPlainMessage(panel, QMessageBox::Critical,
                         QCoreApplication::translate("ChartExporter", "Export failed"), error);
}

} // namespace Triage::ChartExporter
