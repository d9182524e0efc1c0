#pragma once

#include <QString>
#include <QHash>
#include <QPair>
#include <QVector>

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

// An edit that breaks a rule: a malformed label, an unknown stage or record, a label no record
// uses yet when new labels were not allowed, a missing annotator. Nothing was written. Kept
// apart from WorkspaceError because the user can correct it (the command line exits with 2,
// not 3).
class EditRejected : public std::runtime_error
{
public:
    enum class Reason {
        InvalidValue,  // a label breaking the rules, a stage that is not one
        NewLabel,      // a label no record has yet, and the set did not allow new labels
        UnknownRecord, // the record is not in the workspace (any more)
        NoAnnotator,   // the edit does not say who makes it, or the name is unusable
        Cancelled,     // the user cancelled it before it was written (requestCancel())
        Conflict       // a record changed underneath since the editor read it (EditConflicted)
    };

    EditRejected(Reason reason, const QString &message)
        : std::runtime_error(message.toStdString())
        , m_reason(reason)
        , m_message(message)
    {
    }
    Reason reason() const { return m_reason; }
    const QString &message() const { return m_message; }

private:
    Reason m_reason;
    QString m_message;
};

// One field another connection changed between the editor's reading and its write.
struct ConflictingEdit
{
    qint64 rid = 0;
    QString recordId;  // "Qwen#3"
    int field = 0;     // an EditField
    QString expected;  // what the editor saw
    QString current;   // what the store holds now ("theirs")
    QString wanted;    // what the editor meant to write ("mine")
    QString changedBy; // who wrote `current`, and when, from the history
    QString changedAt;
};

// What the store holds now for each conflicting field, keyed by record and field (an EditField
// as int): for writing an edit again over theirs, expecting what they wrote.
inline QHash<QPair<qint64, int>, QString> currentValues(const QVector<ConflictingEdit> &conflicts)
{
    QHash<QPair<qint64, int>, QString> current;
    for (const ConflictingEdit &c : conflicts)
        current.insert({c.rid, c.field}, c.current);
    return current;
}

// An edit set refused because some of its records changed underneath (Edit::expected). Nothing
// was written; the caller shows both values and lets the user choose.
class EditConflicted : public EditRejected
{
public:
    EditConflicted(const QString &message, QVector<ConflictingEdit> conflicts)
        : EditRejected(Reason::Conflict, message)
        , m_conflicts(std::move(conflicts))
    {
    }
    const QVector<ConflictingEdit> &conflicts() const { return m_conflicts; }

private:
    QVector<ConflictingEdit> m_conflicts;
};

} // namespace Triage
