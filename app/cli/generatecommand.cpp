#include "commandline.h"
#include "commands.h"

#include "syntheticgenerator.h"

namespace Triage::Cli {

int runGenerate(const QStringList &arguments)
{
    CommandLine cl(QStringLiteral("generate"),
                   QStringLiteral("Writes N synthetic records in the upstream layout, each drawn "
                                  "with replacement from the embedded dataset (so labels, stages, "
                                  "models and series keep their real joint distribution), with "
                                  "random issue numbers. The same seed gives the same files."),
                   arguments);
    cl.addPositional(QStringLiteral("count"), QStringLiteral("How many records."),
                     QStringLiteral("N"));
    cl.addPositional(QStringLiteral("out"), QStringLiteral("The folder to write."),
                     QStringLiteral("OUT"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (default 1)."), QStringLiteral("S"),
                                  QStringLiteral("1"));
    cl.parser().addOption(seed);
    if (const auto stop = cl.parse(2, 2))
        return *stop;
    bool ok = false;
    const qint64 count = cl.positional().constFirst().toLongLong(&ok);
    if (!ok || count < 1)
        return cl.usageError(QStringLiteral("N must be a positive whole number"));
    bool seedOk = false;
    const quint64 seedValue = cl.parser().value(seed).toULongLong(&seedOk);
    if (!seedOk)
        return cl.usageError(QStringLiteral("--seed must be a whole number"));

    const GeneratorResult result = generateSynthetic(count, cl.positional().at(1), seedValue);
    cl.out() << "wrote " << result.records << " records in " << result.files << " files ("
             << result.bytes << " bytes) to " << cl.positional().at(1) << "\n";
    return ExitOk;
}

} // namespace Triage::Cli
