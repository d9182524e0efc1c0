#include "transaction.h"

#include "database.h"

namespace Triage::Sql {

Transaction::Transaction(Database &db, Kind kind)
    : m_db(db)
{
    m_db.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const Error &) {
            // SQLite has already rolled back after some errors (e.g. SQLITE_FULL); nothing to do.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

} // namespace Triage::Sql
