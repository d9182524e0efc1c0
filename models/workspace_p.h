#pragma once

// What the workspace*.cpp files share: one class, Workspace, split by what it does (open and
// read, edit, import and quarantine) so that no file holds all of its SQL.

#include "workspace.h"

#include "sqlite/statement.h"

#include <exception>

namespace Triage::WorkspaceDetail {

// The column order readRow() expects.
#define RECORD_COLUMNS                                                                        \
    "rid, model, status, symptom, cause, stage, architecture, repo, number, issue, source, " \
    "extra, updated_by, updated_at"

StoredRecord readRow(const Sql::Statement &st);
WorkspaceError toWorkspaceError(const std::exception &error);
// Every write names who made it, by a name that passes the rules of a text field.
void checkAnnotator(const QString &annotator);

} // namespace Triage::WorkspaceDetail
