#include "labeltable.h"

#include "sqlite/database.h"
#include "sqlite/statement.h"

namespace Triage {

namespace {
std::optional<LabelKind> kindFromName(std::string_view name)
{
    for (int i = 0; i < LabelKindCount; ++i) {
        if (labelKindName(LabelKind(i)).toStdString() == name)
            return LabelKind(i);
    }
    return std::nullopt;
}

std::string_view view(const QByteArray &utf8)
{
    return {utf8.constData(), size_t(utf8.size())};
}
} // namespace

LabelTable::LabelTable(Sql::Database &db)
    : m_db(db)
{
}

std::string LabelTable::key(LabelKind kind, std::string_view utf8)
{
    std::string k;
    k.reserve(utf8.size() + 1);
    k += char('0' + int(kind));
    k += utf8;
    return k;
}

void LabelTable::remember(qint64 id, LabelKind kind, std::string_view utf8)
{
    if (id >= qint64(m_texts.size())) {
        m_texts.resize(size_t(id) + 1);
        m_kinds.resize(size_t(id) + 1, -1);
    }
    m_texts[size_t(id)] = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    m_kinds[size_t(id)] = qint8(kind);
    m_ids[key(kind, utf8)] = id;
}

void LabelTable::load()
{
    m_ids.clear();
    m_texts.assign(1, QString());
    m_kinds.assign(1, -1);
    m_committedMaxId = 0;
    refresh();
}

void LabelTable::refresh()
{
    // Labels this connection added in an open transaction are not committed yet, and stay
    // forgettable should it roll back.
    const bool nothingUncommitted = m_committedMaxId == maxId();
    Sql::Statement st = m_db.prepare("SELECT id, field, text FROM label WHERE id > ?1 ORDER BY id");
    st.bind(1, maxId());
    while (st.step()) {
        if (const std::optional<LabelKind> kind = kindFromName(st.utf8(1)))
            remember(st.int64(0), *kind, st.utf8(2));
    }
    if (nothingUncommitted)
        m_committedMaxId = maxId();
}

void LabelTable::forgetUncommitted()
{
    for (qint64 id = m_committedMaxId + 1; id <= maxId(); ++id) {
        if (m_kinds[size_t(id)] >= 0)
            m_ids.erase(key(LabelKind(m_kinds[size_t(id)]), m_texts[size_t(id)].toStdString()));
    }
    m_texts.resize(size_t(m_committedMaxId) + 1);
    m_kinds.resize(size_t(m_committedMaxId) + 1);
}

qint64 LabelTable::find(LabelKind kind, std::string_view utf8) const
{
    const auto it = m_ids.find(key(kind, utf8));
    return it == m_ids.end() ? 0 : it->second;
}

qint64 LabelTable::find(LabelKind kind, const QString &text) const
{
    return find(kind, view(text.toUtf8()));
}

qint64 LabelTable::ensure(LabelKind kind, std::string_view utf8)
{
    if (const qint64 id = find(kind, utf8))
        return id;
    // Another connection may have added it since refresh() (only outside a write transaction,
    // which callers avoid); then its row is found rather than duplicated.
    m_db.cached("INSERT INTO label(field, text) VALUES(?1, ?2) ON CONFLICT(field, text) DO NOTHING")
        ->bind(1, labelKindName(kind))
        .bind(2, utf8)
        .run();
    qint64 id = m_db.lastInsertRowId();
    if (m_db.changes() == 0) {
        Sql::CachedStatement existing = m_db.cached("SELECT id FROM label WHERE field = ?1 AND text = ?2");
        existing->bind(1, labelKindName(kind)).bind(2, utf8);
        existing->step();
        id = existing->int64(0);
    }
    remember(id, kind, utf8);
    return id;
}

qint64 LabelTable::ensure(LabelKind kind, const QString &text)
{
    return ensure(kind, view(text.toUtf8()));
}

const QString &LabelTable::text(qint64 id) const
{
    static const QString none;
    return id > 0 && id < qint64(m_texts.size()) ? m_texts[size_t(id)] : none;
}

bool LabelTable::contains(qint64 id) const
{
    return id > 0 && id < qint64(m_kinds.size()) && m_kinds[size_t(id)] >= 0;
}

LabelKind LabelTable::kind(qint64 id) const
{
    return LabelKind(m_kinds.at(size_t(id)));
}

std::vector<qint64> LabelTable::ids(LabelKind kind) const
{
    std::vector<qint64> result;
    for (size_t id = 1; id < m_kinds.size(); ++id) {
        if (m_kinds[id] == qint8(kind))
            result.push_back(qint64(id));
    }
    return result;
}

} // namespace Triage
