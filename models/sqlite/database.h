#pragma once

#include <QString>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

struct sqlite3;

namespace Triage::Sql {

class CachedStatement;
class Statement;

// Every SQLite failure becomes one of these, carrying SQLite's own message and the file it
// concerns, so the command line and the window can show it as it is.
class Error : public std::runtime_error
{
public:
    Error(int code, const std::string &message);
    int code() const { return m_code; }

private:
    int m_code;
};

// RAII owner of one sqlite3 connection. Not thread-safe: each thread that touches a workspace
// opens its own Database (SQLite serialises writers across connections).
class Database final
{
public:
    enum class OpenMode { ReadOnly, ReadWrite, ReadWriteCreate };
    // How long a statement waits for another connection's lock before failing with "busy".
    static constexpr int BusyTimeoutMs = 5000;

    Database(const QString &path, OpenMode mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    // Runs one or more statements that take no parameters (schema, pragmas).
    void exec(const char *sql);
    // A fresh statement, finalised when the returned object dies.
    Statement prepare(const char *sql);
    // A statement prepared once per connection and reused; it is unbound when lent and reset
    // when the returned handle goes out of scope.
    CachedStatement cached(const char *sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    int userVersion();
    void setUserVersion(int version);
    // The value of a pragma that answers one row with one column (journal_mode, integrity_check...).
    QString pragma(const char *name);

    [[noreturn]] void throwLastError(int code, const char *what) const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    std::map<std::string, std::unique_ptr<Statement>> m_cache;
};

} // namespace Triage::Sql
