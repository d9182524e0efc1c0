#include "benchdata.h"

#include "importer.h"
#include "syntheticgenerator.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <malloc.h>
#include <unistd.h>

namespace Bench {

namespace {
QString root()
{
    const QString dir = qEnvironmentVariable("LLMTRIAGE_BENCH_DIR", QStringLiteral("/tmp/llmtriage-bench"));
    QDir().mkpath(dir);
    return dir;
}
} // namespace

QString dataset(qint64 records)
{
    const QString folder = QDir(root()).filePath(QStringLiteral("data-%1").arg(records));
    const QString done = folder + QStringLiteral(".done");
    if (!QFileInfo::exists(done)) {
        QDir(folder).removeRecursively();
        Triage::generateSynthetic(records, folder, 1);
        QFile(done).open(QIODevice::WriteOnly);
    }
    return folder;
}

QString workspace(qint64 records)
{
    const QString path = QDir(root()).filePath(QStringLiteral("workspace-%1.llmtriage").arg(records));
    const QString done = path + QStringLiteral(".done");
    if (!QFileInfo::exists(done)) {
        QFile::remove(path);
        auto ws = Triage::Workspace::open(path, Triage::Workspace::OpenMode::CreateIfMissing);
        Triage::Importer(*ws).run({dataset(records)});
        QFile(done).open(QIODevice::WriteOnly);
    }
    return path;
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

qint64 heapBytesInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

} // namespace Bench
