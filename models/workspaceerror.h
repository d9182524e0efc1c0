#pragma once

#include <QString>

#include <stdexcept>

namespace Triage {

// Why a workspace could not be opened, read or written. The command line maps it to exit
// status 3; the window shows the message. The file is never left half-written: every write
// runs in a transaction that rolls back when this is thrown.
class WorkspaceError : public std::runtime_error
{
public:
    explicit WorkspaceError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {
    }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

} // namespace Triage
