#include "commandline.h"
#include "commands.h"

#include "recordindex.h"
#include "taxonomy.h"
#include "workspace.h"

namespace Triage::Cli {

int runLint(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("lint"),
                   QStringLiteral("Reports labels an annotator should look at: siblings that "
                                  "differ only in white space or case, labels with leading, "
                                  "trailing or doubled spaces, and labels used by one record."),
                   arguments);
    if (const auto stop = cl.parse(0, 0))
        return *stop;
    std::unique_ptr<Workspace> workspace = cl.openWorkspace();
    RecordIndex index;
    index.build(*workspace);
    const QVector<LintIssue> issues = lintLabels(index);
    for (const LintIssue &issue : issues)
        cl.out() << issue.toString() << "\n";
    cl.out() << issues.size() << (issues.size() == 1 ? " finding" : " findings") << "\n";
    return ExitOk;
}

} // namespace Triage::Cli
