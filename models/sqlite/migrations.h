#pragma once

#include <QString>

namespace Triage::Sql {

class Database;

// The workspace schema, in ordered steps keyed by PRAGMA user_version. Step N takes a file at
// version N-1 to version N; a new file runs every step. Steps are never edited once released:
// a change of schema is a new step, with a test that migrates a file made by the steps before.
namespace Migrations {

// The schema version this build writes.
int currentVersion();

// Marks the file as ours (PRAGMA application_id) so a foreign SQLite file is recognised.
constexpr int ApplicationId = 0x4C4C4D54; // "LLMT"

// Throws Sql::Error for a file that is not a workspace (or not SQLite at all) or one written by
// a newer schema; returns the file's version. Changes nothing, so it runs before any pragma
// that would write to a foreign file.
int checkVersion(Database &db);

// Brings an empty or older file to currentVersion() in one transaction. Before migrating a file
// that already holds a workspace, copies it to backupPath(path, version). Throws Sql::Error
// for a file that is not a workspace, or one written by a newer schema; the file is untouched.
void migrate(Database &db);

// Runs steps up to `version` only: how tests make the files older builds wrote.
void migrateTo(Database &db, int version);

QString backupPath(const QString &path, int fromVersion);

} // namespace Migrations
} // namespace Triage::Sql
