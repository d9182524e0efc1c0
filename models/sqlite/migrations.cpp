#include "migrations.h"

#include "database.h"
#include "statement.h"
#include "transaction.h"

#include <QFile>

#include <sqlite3.h>

namespace Triage::Sql::Migrations {

namespace {

// Version 1: records with dictionary-coded labels (the label table), history, notes,
// quarantine and metadata. Labels are coded because a million records repeat the same few
// dozen label texts: integer columns keep the file and the import small.
const char *const Step1 = R"sql(
CREATE TABLE meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE label(
    id    INTEGER PRIMARY KEY,
    field TEXT NOT NULL,    -- model, status, symptom, cause, stage, architecture, repo, source, annotator
    text  TEXT NOT NULL,
    UNIQUE(field, text)
);

CREATE TABLE record(
    rid          INTEGER PRIMARY KEY,
    model        INTEGER NOT NULL REFERENCES label(id),
    number       INTEGER NOT NULL,
    repo         INTEGER NOT NULL REFERENCES label(id),  -- 'owner/repo' of the GitHub link
    issue        INTEGER NOT NULL,                       -- the GitHub issue number of the link
    status       INTEGER NOT NULL REFERENCES label(id),
    symptom      INTEGER NOT NULL REFERENCES label(id),
    cause        INTEGER NOT NULL REFERENCES label(id),
    stage        INTEGER NOT NULL REFERENCES label(id),
    architecture INTEGER NOT NULL REFERENCES label(id),
    source       INTEGER NOT NULL REFERENCES label(id),  -- file it was imported from, relative
    extra        TEXT,                                   -- JSON object of unknown fields, or NULL
    updated_at   TEXT,
    updated_by   INTEGER REFERENCES label(id)
);
-- A record's id is model#number. A separate index rather than a table constraint, so that a
-- bulk import can drop it and build it again in one sort (Workspace::ImportTransaction).
CREATE UNIQUE INDEX record_by_id ON record(model, number);

CREATE TABLE history(
    seq       INTEGER PRIMARY KEY,
    rid       INTEGER NOT NULL REFERENCES record(rid),
    field     TEXT NOT NULL,
    old       TEXT,
    new       TEXT,
    annotator TEXT NOT NULL,
    at        TEXT NOT NULL,        -- ISO 8601, UTC
    reason    TEXT,
    batch     INTEGER               -- the seq of the first row written by the same edit
);
CREATE INDEX history_by_record ON history(rid);

CREATE TABLE note(
    rid        INTEGER PRIMARY KEY REFERENCES record(rid),
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE quarantine(
    seq            INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,
    line           INTEGER,
    col            INTEGER,
    reason         TEXT NOT NULL,
    raw            TEXT NOT NULL,
    conflicts_with TEXT,            -- id of the record it collides with, for a conflict
    at             TEXT NOT NULL
);

-- For people who open the file in the sqlite3 shell: the records as the dataset spells them.
CREATE VIEW record_view AS
SELECT r.rid,
       m.text || '#' || r.number                                 AS id,
       r.number,
       'https://github.com/' || rp.text || '/issues/' || r.issue AS link,
       st.text AS status, sy.text AS symptom, ca.text AS cause, sg.text AS stage,
       m.text AS model, ar.text AS architecture, so.text AS source, r.extra
FROM record r
JOIN label m  ON m.id  = r.model
JOIN label rp ON rp.id = r.repo
JOIN label st ON st.id = r.status
JOIN label sy ON sy.id = r.symptom
JOIN label ca ON ca.id = r.cause
JOIN label sg ON sg.id = r.stage
JOIN label ar ON ar.id = r.architecture
JOIN label so ON so.id = r.source;

INSERT INTO meta(key, value) VALUES('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
)sql";

// Version 2: a quarantined record is resolved in the Quarantine view, accepted (after a fix)
// into the records or discarded. The row stays either way, with who decided and when: nothing
// a user typed is ever lost, and an accepted record can be traced to the text it came from.
const char *const Step2 = R"sql(
ALTER TABLE quarantine ADD COLUMN resolution TEXT    -- NULL while held
    CHECK (resolution IN ('accepted', 'discarded'));
ALTER TABLE quarantine ADD COLUMN resolved_at TEXT;  -- ISO 8601, UTC
ALTER TABLE quarantine ADD COLUMN resolved_by TEXT;  -- the annotator's name
ALTER TABLE quarantine ADD COLUMN accepted_rid INTEGER REFERENCES record(rid);
)sql";

// Version 3: the record index's columns as one blob (IndexColumns), so that opening a large
// workspace reads it instead of scanning every record. It stands for the records only while
// nothing changed them: any update or delete, by llmtriage or by hand in the sqlite3 shell,
// drops it, and an insert is seen by the record count stored with it. Whoever next builds the
// index from the records writes it again.
const char *const Step3 = R"sql(
CREATE TABLE index_snapshot(
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    record_count INTEGER NOT NULL,
    max_rid      INTEGER NOT NULL,
    data         BLOB NOT NULL
);
CREATE TRIGGER record_update_drops_snapshot AFTER UPDATE ON record
BEGIN
    DELETE FROM index_snapshot;
END;
CREATE TRIGGER record_delete_drops_snapshot AFTER DELETE ON record
BEGIN
    DELETE FROM index_snapshot;
END;
)sql";

// Version 4: dropping the snapshot (14 MB at a million records) inside the first edit after an
// open cost that edit about 50 ms, all on the window's thread. The triggers now clear a one-row
// mark instead; the stale blob stays until whoever next stores a snapshot replaces it.
const char *const Step4 = R"sql(
CREATE TABLE index_snapshot_mark(
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    record_count INTEGER NOT NULL,
    max_rid      INTEGER NOT NULL
);
INSERT INTO index_snapshot_mark SELECT 1, record_count, max_rid FROM index_snapshot;
DROP TRIGGER record_update_drops_snapshot;
DROP TRIGGER record_delete_drops_snapshot;
CREATE TRIGGER record_update_voids_snapshot AFTER UPDATE ON record
BEGIN
    DELETE FROM index_snapshot_mark;
END;
CREATE TRIGGER record_delete_voids_snapshot AFTER DELETE ON record
BEGIN
    DELETE FROM index_snapshot_mark;
END;
)sql";

const char *const Steps[] = {Step1, Step2, Step3, Step4};
constexpr int StepCount = int(sizeof(Steps) / sizeof(Steps[0]));

bool hasTables(Database &db)
{
    Statement st(db, "SELECT count(*) FROM sqlite_master");
    st.step();
    return st.int64(0) > 0;
}

int applicationId(Database &db)
{
    Statement st(db, "PRAGMA application_id");
    st.step();
    return int(st.int64(0));
}

void runSteps(Database &db, int to)
{
    Transaction tx(db);
    // Read again under the write lock: a second process opening the same new file at the same
    // moment may have run the steps already.
    const int from = db.userVersion();
    if (from >= to)
        return;
    for (int version = from + 1; version <= to; ++version)
        db.exec(Steps[version - 1]);
    db.exec(("PRAGMA application_id = " + std::to_string(ApplicationId)).c_str());
    db.setUserVersion(to);
    tx.commit();
}

} // namespace

int checkVersion(Database &db)
{
    // One snapshot for the three reads, so a migration committing meanwhile is seen whole or
    // not at all.
    Transaction snapshot(db, Transaction::Kind::Read);
    const int version = db.userVersion();
    const int appId = applicationId(db);
    const bool tables = hasTables(db);
    snapshot.commit();
    const QString path = db.path();
    // Application id 0 is "unset" (a new, empty file); any other id is another program's.
    if (appId != ApplicationId && (appId != 0 || version != 0 || tables))
        throw Error(SQLITE_NOTADB,
                    (path + QStringLiteral(": not an llmtriage workspace (an SQLite file of "
                                           "another program)"))
                        .toStdString());
    if (version > currentVersion())
        throw Error(SQLITE_CANTOPEN,
                    (path
                     + QStringLiteral(": written by a newer llmtriage (schema version %1; this "
                                      "build reads up to %2); open it with that version")
                           .arg(version)
                           .arg(currentVersion()))
                        .toStdString());
    return version;
}

int currentVersion()
{
    return StepCount;
}

QString backupPath(const QString &path, int fromVersion)
{
    return path + QStringLiteral(".v%1.bak").arg(fromVersion);
}

void migrate(Database &db)
{
    const int version = checkVersion(db);
    if (version == currentVersion())
        return;
    if (version > 0) {
        QString backup = backupPath(db.path(), version);
        for (int n = 2; QFile::exists(backup); ++n) // never overwrite an earlier backup
            backup = backupPath(db.path(), version) + QLatin1Char('.') + QString::number(n);
        Statement st(db, "VACUUM INTO ?1");
        st.bind(1, backup);
        st.run();
    }
    runSteps(db, currentVersion());
}

void migrateTo(Database &db, int version)
{
    checkVersion(db);
    runSteps(db, version);
}

} // namespace Triage::Sql::Migrations
