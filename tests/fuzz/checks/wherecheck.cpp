#include "wherecheck.h"

#include "checkfailed.h"

#include "crosstab.h"
#include "filter.h"
#include "importer.h"
#include "selection.h"
#include "workspace.h"

#include <QString>
#include <QStringList>

namespace Triage::Fuzz {

WhereCheck::WhereCheck()
{
    require(m_dir.isValid(), "cannot create a scratch folder");
    std::unique_ptr<Workspace> workspace = Workspace::open(
        m_dir.filePath(QStringLiteral("where.llmtriage")), Workspace::OpenMode::CreateIfMissing);
    const ImportReport report =
        Importer(*workspace).run({QStringLiteral(":/dataset/open-llm-failures")});
    require(report.imported > 0, "cannot seed the workspace");
    m_index.build(*workspace);
}

void WhereCheck::check(std::string_view bytes)
{
    const QString text = QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
    Filter filter;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('?'))) {
            filter.text = line.mid(1);
            continue;
        }
        QString error;
        const std::optional<Condition> condition = parseWhere(line, &error);
        require(condition.has_value() == error.isEmpty(), "a refused expression needs a reason");
        if (!condition)
            continue;
        require(condition->on.level >= 1 && condition->on.level <= maxLevel(condition->on.field),
                "a level outside the field's levels");
        require(condition->values.size() == 1 && !condition->values.front().isEmpty(),
                "a condition without its value");
        // What warnAboutUnknownValues asks, and the warning's text.
        const LabelColumn &column = m_index.column(condition->on.field);
        for (const QString &value : condition->values)
            column.findLevel(condition->on.level, value);
        condition->on.toString();
        filter.conditions.append(*condition);
    }
    const RowSet rows = select(m_index, filter);
    require(rows.size() <= size_t(m_index.size()), "more rows than records");
    for (size_t i = 1; i < rows.size(); ++i)
        require(rows[i - 1] < rows[i], "rows out of order");
    if (filter.text.isEmpty() && filter.conditions.isEmpty())
        require(rows.size() == size_t(m_index.size()), "no filter must keep every record");
    if (!filter.conditions.isEmpty()) {
        const Crosstab table = Crosstab::compute(m_index, rows, filter.conditions.front().on);
        require(table.total() == qint64(rows.size()), "the crosstab lost or added records");
    }
}

} // namespace Triage::Fuzz
