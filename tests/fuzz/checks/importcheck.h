#pragma once

#include <QString>
#include <QTemporaryDir>

#include <string_view>

namespace Triage::Fuzz {

// One file's bytes imported the way `llmtriage import FILE` does, into a fresh copy of a small
// workspace that already holds a few records of the real dataset (so ids can collide), with
// --replace when the input's length is odd. Checks that nothing throws and that the report
// agrees with what the workspace then holds. Throws CheckFailed.
class ImportCheck
{
public:
    ImportCheck();
    void check(std::string_view bytes);

private:
    QTemporaryDir m_dir;
    QString m_template;
    qint64 m_templateRecords = 0;
};

} // namespace Triage::Fuzz
