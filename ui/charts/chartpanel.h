#pragma once

#include "activefilter.h"
#include "recordindex.h"
#include "widgets/afternextframe.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Triage {

class WorkbenchSession;

// One chart of the Charts area: a title, the chart itself, a caption, and the export menu. It
// draws the rows the session's filter selects and redraws (once, however many changes came,
// after the frame that shows the table) when they or their labels change. A click on a bar,
// cell or tile asks the window to narrow the filter to exactly those records.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    ChartPanel(WorkbenchSession &session, const QString &name, const QString &title,
               QWidget *parent = nullptr);

    // The name the command line knows the chart by: "symptoms", "divergence", ...
    QString chartName() const { return m_name; }
    QString title() const;
    QString caption() const;
    // Records selected in the table, drawn as a highlight where the chart can show them.
    void setSelection(const RowSet &selected);
    const RowSet &selection() const { return m_selection; }
    // Larger text for a projector.
    virtual void setPresentationMode(bool on);
    // Brings the chart up to date now (export and tests do not wait for the event loop).
    void refreshNow();
    // Export draws at once: bars that grow over a few hundred milliseconds would be caught at
    // length zero. Set by the exporter around its drawing.
    void setStill(bool still);

    // The same whatever the chart shows: a size that followed its captions and filter line
    // made every refresh lay out the Charts area anew and repaint it whole.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // A click on data: the panel narrows the session's filter to what was clicked
    // (ActiveFilter::narrow), wherever the panel stands (the Charts area, a slide).
    void filterRequested(const QVector<Triage::FacetValue> &values);
    // The breadcrumb going back up: the field is set to this value (ActiveFilter::focus).
    void filterReplaced(const QVector<Triage::FacetValue> &values);
    // After each redraw, for tests and the presentation.
    void refreshed();

protected:
    // Recomputes the chart's data from the index and the session's rows.
    virtual void rebuild() = 0;
    WorkbenchSession &session() { return m_session; }
    QVBoxLayout *body() const { return m_body; }
    void setCaption(const QString &text);
    // A heading over one part of the chart: plain text, wrapped when the part is narrow (on a
    // slide two of them stand side by side in large type).
    QLabel *subtitle(const QString &text);
    // Animated transitions help the eye follow a relabel, but not when drawing for a file or
    // when the data is so large that each frame costs.
    bool animationsWanted() const;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRefresh();

    WorkbenchSession &m_session;
    QString m_name;
    QLabel *m_title;
    // Everything the panel shows, laid out inside this widget and set to the panel's size by
    // hand: a new caption or filter line lays it out and stops there. With the layout on the
    // panel itself, Qt passed each refresh up through the tab widget (which repaints itself
    // whole on a layout request) to the main window.
    QWidget *m_content;
    QVBoxLayout *m_body;
    QLabel *m_caption;
    QLabel *m_scope; // the filter, when there is one
    AfterNextFrame m_refresh; // the table and the facets are drawn first
    RowSet m_selection;
    bool m_still = false;
    bool m_stale = false; // changed while hidden: redrawn when shown
};

} // namespace Triage
