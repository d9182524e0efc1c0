#pragma once

namespace Triage {

// Gives the system back the memory that large passing work freed: glibc keeps freed heap
// memory for the process unless asked. Opening a million records builds and frees buffers
// of tens of megabytes (the snapshot, the facet pass, the first charts); one call once the
// window has settled took the window from 86 to 61 bytes a record, in 1.7 ms. Not for every
// click: on a heap fragmented by a session's work a call can take far longer. Elsewhere than
// glibc it does nothing.
void releaseFreedMemory();

} // namespace Triage
