#pragma once

namespace Triage::Cli {

// The command line's exit statuses, as the README documents them.
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 1,     // the command line itself is wrong
    ExitRefused = 2,   // some input was rejected, quarantined or in conflict
    ExitWorkspace = 3  // the workspace (or an output file) cannot be opened or written
};

} // namespace Triage::Cli
