#pragma once

namespace Triage::Sql {

class Database;

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() ran: an exception
// anywhere between the two leaves the file as it was.
class Transaction final
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_db;
    bool m_open = true;
};

} // namespace Triage::Sql
