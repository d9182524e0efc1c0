#pragma once

// The tests' own reading of data files: QDirIterator, QFile and QJsonDocument, labels split on
// " - " and series taken from the link owner here, never through the code under test, so a
// count computed from it is an independent expectation.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cmath>
#include <map>

namespace TestSupport {

// relative path -> bytes, for every file below `root` (folder names keep trailing spaces).
using FileMap = std::map<QString, QByteArray>;

inline FileMap filesBelow(const QString &root)
{
    FileMap files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        files[QDir(root).relativeFilePath(path)] = file.readAll();
    }
    return files;
}

inline QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// One record as its file has it.
struct RawRecord
{
    QString file; // relative path of its file
    QJsonObject object;

    QString text(QStringView key) const { return object.value(key).toString(); }
    qint64 number() const { return object.value(u"number").toInteger(); }
    QString id() const { return text(u"model") + u'#' + QString::number(number()); }
};

// Every record of every *.json file below `folder`, files in relative-path order.
inline QVector<RawRecord> readRawRecords(const QString &folder)
{
    QVector<RawRecord> records;
    for (const auto &[path, bytes] : filesBelow(folder)) {
        if (!path.endsWith(QLatin1String(".json")))
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        if (!document.isArray())
            qFatal("%s: %s", qPrintable(path), qPrintable(error.errorString()));
        for (const QJsonValue &value : document.array())
            records.append({path, value.toObject()});
    }
    return records;
}

// "A - B - C" at level 2 is "A - B"; a label with fewer parts stays whole.
inline QString rawCut(const QString &label, int level)
{
    return label.split(QStringLiteral(" - ")).mid(0, level).join(QStringLiteral(" - "));
}

// https://github.com/OWNER/REPO/issues/N -> the series the paper names for OWNER.
inline QString rawSeriesOfLink(const QString &link)
{
    const QString owner = link.section(u'/', 3, 3);
    if (owner == u"deepseek-ai")
        return QStringLiteral("DeepSeek");
    if (owner == u"meta-llama")
        return QStringLiteral("Llama");
    if (owner == u"QwenLM")
        return QStringLiteral("Qwen");
    return owner;
}

inline bool closeRelative(double actual, double expected, double tolerance = 1e-9)
{
    if (expected == 0)
        return std::abs(actual) <= tolerance;
    return std::abs(actual - expected) <= tolerance * std::abs(expected);
}

} // namespace TestSupport

// QVERIFY that two doubles agree to a relative tolerance, printing both at full precision.
#define COMPARE_RELATIVE(actual, expected, tolerance)                                              \
    QVERIFY2(TestSupport::closeRelative((actual), (expected), (tolerance)),                        \
             qPrintable(QStringLiteral("%1 = %2, expected %3")                                     \
                            .arg(QStringLiteral(#actual))                                          \
                            .arg((actual), 0, 'g', 17)                                             \
                            .arg((expected), 0, 'g', 17)))
