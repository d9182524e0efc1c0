#pragma once

namespace Triage::Sql {

class Database;

// BEGIN on construction, ROLLBACK on destruction unless commit() ran: an exception anywhere
// between the two leaves the file as it was. A write transaction takes the write lock at once
// (BEGIN IMMEDIATE), so a busy second writer waits at the start (busy timeout) instead of
// failing half way; a read transaction gives its reads one consistent snapshot.
class Transaction final
{
public:
    enum class Kind { Write, Read };
    explicit Transaction(Database &db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_db;
    bool m_open = true;
};

} // namespace Triage::Sql
