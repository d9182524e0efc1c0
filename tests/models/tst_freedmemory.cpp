// releaseFreedMemory() must give freed heap memory back: what the window does once an open has
// settled (at a million records it took the window from 86 to 64 bytes a record).

#include "freedmemory.h"

#include <QFile>
#include <QtTest>

#include <cstdlib>
#include <cstring>
#include <vector>

#include <unistd.h>

using namespace Triage;

namespace {

[[maybe_unused]] qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

} // namespace

class TestFreedMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freedHeapGoesBack();
};

void TestFreedMemory::freedHeapGoesBack()
{
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
    QSKIP("glibc's own allocator only (AddressSanitizer brings its own)");
#else
    if (residentBytes() < 0)
        QSKIP("no /proc/self/statm");
    // 64 MB in blocks below glibc's mmap threshold, so they come from the heap; every other one
    // is freed, so that the freed ones lie between live ones, where free() cannot give them
    // back by shrinking the heap: what a session's passing buffers look like.
    constexpr size_t Block = 64 * 1024;
    constexpr size_t Blocks = 1024;
    std::vector<char *> blocks;
    for (size_t i = 0; i < Blocks; ++i) {
        blocks.push_back(static_cast<char *>(std::malloc(Block)));
        QVERIFY(blocks.back());
        std::memset(blocks.back(), int(i), Block);
    }
    for (size_t i = 0; i < Blocks; i += 2)
        std::free(blocks[i]);
    const qint64 before = residentBytes();
    releaseFreedMemory();
    const qint64 after = residentBytes();
    for (size_t i = 1; i < Blocks; i += 2)
        std::free(blocks[i]);
    // Half the freed 32 MB at least: each freed block gives back its whole pages.
    QVERIFY2(before - after >= qint64(Block * Blocks / 4),
             qPrintable(QStringLiteral("resident %1 MB before, %2 MB after")
                            .arg(before / 1e6).arg(after / 1e6)));
#endif
}

QTEST_GUILESS_MAIN(TestFreedMemory)
#include "tst_freedmemory.moc"
