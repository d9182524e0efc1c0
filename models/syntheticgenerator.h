#pragma once

#include <QString>

namespace Triage {

struct GeneratorResult
{
    qint64 records = 0;
    qint64 files = 0;
    qint64 bytes = 0;
};

// Writes `count` records in the upstream layout (one JSON array per model, under the same
// relative paths as the dataset) into `folder`, each drawn with replacement from the embedded
// dataset's records, so their joint distribution of labels, stages, models and series is the
// real one. Issue numbers are drawn at random; numbers run 1.. within each file. The same seed
// gives the same bytes. Throws ExportError when the folder cannot be written.
GeneratorResult generateSynthetic(qint64 count, const QString &folder, quint64 seed);

} // namespace Triage
