#pragma once

#include "importreport.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Triage {

class Workspace;

struct ImportOptions
{
    // Overwrite a record whose id exists with different values, recording the change in the
    // history; without it such a record is quarantined as a conflict.
    bool replace = false;
    QString annotator; // who the history names for replaced records
    int threads = 0;   // parser threads; 0 for one per core
    // Polled between files and every few thousand records; true rolls the import back.
    std::function<bool()> isCancelled;
    // Bytes parsed so far and in all, from the calling thread.
    std::function<void(qint64 done, qint64 total)> progress;
};

// Files and folders -> JsonRecordReader -> RecordValidator -> the workspace, in one
// transaction. Files are parsed in parallel and written in a fixed order (arguments in the
// order given, folders by relative path), so two runs on the same input agree. A file that
// cannot be read is rejected whole; a bad record is quarantined and the rest of its file goes in.
class Importer
{
public:
    explicit Importer(Workspace &workspace);

    // Folders are searched recursively for *.json and *.jsonl; records keep their path
    // relative to the folder (or the file name, for a file named directly) as their source.
    ImportReport run(const QStringList &paths, const ImportOptions &options = {});

private:
    ImportReport runFiles(const QStringList &paths, const ImportOptions &options);

    Workspace &m_workspace;
};

} // namespace Triage
