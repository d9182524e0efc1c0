#include "readresult.h"

namespace Triage::Fuzz {

ReadResult readText(std::string_view text, bool fastPath, int maxDepth)
{
    JsonRecordReader reader(maxDepth);
    reader.setFastPath(fastPath);
    ReadResult result;
    result.ok = reader.read(text, [&](const RawRecord &raw) { result.records.push_back(raw); });
    result.form = reader.form();
    result.error = reader.error();
    result.fast = reader.lastReadWasFast();
    return result;
}

// Everything a reader reports, compared field by field so a failure says where they differ.
QString difference(const ReadResult &a, const ReadResult &b)
{
    if (a.ok != b.ok || a.form != b.form)
        return QStringLiteral("ok/form %1/%2 against %3/%4")
            .arg(a.ok)
            .arg(int(a.form))
            .arg(b.ok)
            .arg(int(b.form));
    if (a.error.offset != b.error.offset || a.error.message != b.error.message)
        return QStringLiteral("error %1 \"%2\" against %3 \"%4\"")
            .arg(a.error.offset)
            .arg(QString::fromStdString(a.error.message))
            .arg(b.error.offset)
            .arg(QString::fromStdString(b.error.message));
    if (a.records.size() != b.records.size())
        return QStringLiteral("%1 records against %2").arg(a.records.size()).arg(b.records.size());
    for (size_t i = 0; i < a.records.size(); ++i) {
        const RawRecord &x = a.records[i];
        const RawRecord &y = b.records[i];
        const QString where = QStringLiteral("record %1: ").arg(i);
        if (x.offset != y.offset || x.length != y.length || x.kind != y.kind)
            return where
                + QStringLiteral("range %1+%2 kind %3 against %4+%5 kind %6")
                      .arg(x.offset)
                      .arg(x.length)
                      .arg(int(x.kind))
                      .arg(y.offset)
                      .arg(y.length)
                      .arg(int(y.kind));
        for (size_t k = 0; k < x.fields.size(); ++k) {
            const RawRecord::Value &u = x.fields[k];
            const RawRecord::Value &v = y.fields[k];
            if (u.kind != v.kind || u.text != v.text || u.integer != v.integer
                || u.outOfRange != v.outOfRange)
                return where
                    + QStringLiteral("field %1: kind %2 \"%3\" %4 against kind %5 \"%6\" %7")
                          .arg(k)
                          .arg(int(u.kind))
                          .arg(QString::fromStdString(u.text))
                          .arg(u.integer)
                          .arg(int(v.kind))
                          .arg(QString::fromStdString(v.text))
                          .arg(v.integer);
        }
        if (x.extra != y.extra || x.duplicateKeys != y.duplicateKeys)
            return where + QStringLiteral("extra or duplicate keys differ");
    }
    return QString();
}

} // namespace Triage::Fuzz
