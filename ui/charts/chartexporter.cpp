#include "chartexporter.h"

#include "chartpanel.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSpinBox>
#include <QSvgGenerator>

namespace Triage::ChartExporter {

namespace {

// The panel laid out at the export size, off screen, so the file gets the layout of that size
// rather than a stretched picture of the window.
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
        m_panel->resize(size);
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

private:
    QWidget *m_panel;
    QSize m_size;
    bool m_visible;
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

bool write(QWidget *panel, const QString &file, Format format, const QSize &size, QString *error)
{
    const SizedForExport sized(panel, size);
    switch (format) {
    case Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(panel->palette().color(QPalette::Window));
        QPainter painter(&image);
        panel->render(&painter);
        painter.end();
        if (!image.save(file, "PNG")) {
            *error = QCoreApplication::translate("ChartExporter", "%1: cannot be written").arg(file);
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
        panel->render(&painter);
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
        panel->render(&painter);
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
    width->setRange(200, 10000);
    height->setRange(150, 10000);
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
        QMessageBox::critical(panel, QCoreApplication::translate("ChartExporter", "Export failed"), error);
}

} // namespace Triage::ChartExporter
