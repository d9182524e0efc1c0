#include "database.h"

#include "statement.h"

#include <sqlite3.h>

namespace Triage::Sql {

Error::Error(int code, const std::string &message)
    : std::runtime_error(message)
    , m_code(code)
{
}

Database::Database(const QString &path, OpenMode mode)
    : m_path(path)
{
    // Each connection is used by one thread at a time (see the class comment), so SQLite's own
    // mutexes only cost time. This must run before SQLite initialises; later calls are no-ops.
    static const int configured = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    Q_UNUSED(configured);
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw Error(rc, path.toStdString() + ": " + message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // A second process (the CLI beside the window) may hold the write lock for a moment.
    sqlite3_busy_timeout(m_db, BusyTimeoutMs);
}

Database::~Database()
{
    m_cache.clear(); // statements must be finalised before the connection closes
    sqlite3_close_v2(m_db);
}

void Database::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(rc, m_path.toStdString() + ": " + text);
    }
}

Statement Database::prepare(const char *sql)
{
    return Statement(*this, sql);
}

CachedStatement Database::cached(const char *sql)
{
    auto &slot = m_cache[sql];
    if (!slot)
        slot = std::make_unique<Statement>(*this, sql);
    else
        slot->reset();
    return CachedStatement(*slot);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

int Database::userVersion()
{
    Statement st(*this, "PRAGMA user_version");
    st.step();
    return int(st.int64(0));
}

void Database::setUserVersion(int version)
{
    // PRAGMA takes no bound parameters; the value is an integer we produce, never user text.
    exec(("PRAGMA user_version = " + std::to_string(version)).c_str());
}

QString Database::pragma(const char *name)
{
    Statement st(*this, (std::string("PRAGMA ") + name).c_str());
    return st.step() ? st.text(0) : QString();
}

void Database::throwLastError(int code, const char *what) const
{
    throw Error(code, m_path.toStdString() + ": " + what + ": " + sqlite3_errmsg(m_db));
}

} // namespace Triage::Sql
