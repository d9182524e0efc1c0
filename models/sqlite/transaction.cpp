#include "transaction.h"

#include "database.h"

namespace Triage::Sql {

Transaction::Transaction(Database &db)
    : m_db(db)
{
    // IMMEDIATE takes the write lock now, so a busy second writer waits here (busy timeout)
    // instead of failing half way through the work.
    m_db.exec("BEGIN IMMEDIATE");
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
