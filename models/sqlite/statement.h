#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

struct sqlite3_stmt;

namespace Triage::Sql {

class Database;

// A prepared statement with bound values only: SQL text never carries data.
// Parameter and column indexes follow SQLite: parameters from 1, columns from 0.
class Statement final
{
public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement &operator=(Statement &&) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, std::string_view utf8);
    Statement &bindNull(int index);
    // The bytes are used in place, not copied: they must outlive the statement's next step.
    Statement &bindBlob(int index, const QByteArray &bytes);
    // Binds a null for an empty string, the text otherwise.
    Statement &bindOptional(int index, const QString &value);

    // Advances; true while a row is available. Throws on error.
    bool step();
    // Runs a statement that returns no rows, then resets it for the next use.
    void run();
    void reset();
    // Runs a statement that returns no rows and readies it for a next run with every parameter
    // bound again: no unbinding, which costs a statement of hundreds of parameters (a bulk
    // insert) measurably.
    void runAndRebind();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    std::string_view utf8(int column) const;
    QByteArray blob(int column) const;
    // The blob where SQLite holds it: valid until the statement steps, resets or is finalised.
    QByteArrayView blobView(int column) const;

private:
    Database *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// A statement lent by Database::cached(): reset when the borrower is done with it, so no read
// stays open between uses (in WAL mode an open read pins an old snapshot of the file, hiding
// what other processes wrote, and blocks schema changes).
class CachedStatement final
{
public:
    explicit CachedStatement(Statement &statement)
        : m_statement(&statement)
    {
    }
    ~CachedStatement()
    {
        if (m_statement)
            m_statement->reset();
    }
    CachedStatement(CachedStatement &&other) noexcept
        : m_statement(other.m_statement)
    {
        other.m_statement = nullptr;
    }
    CachedStatement(const CachedStatement &) = delete;
    CachedStatement &operator=(const CachedStatement &) = delete;
    CachedStatement &operator=(CachedStatement &&) = delete;

    Statement *operator->() const { return m_statement; }
    Statement &operator*() const { return *m_statement; }

private:
    Statement *m_statement;
};

} // namespace Triage::Sql
