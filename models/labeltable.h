#pragma once

#include "record.h"

#include <QString>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Triage {

namespace Sql {
class Database;
}

// The store's label dictionary (table `label`), mirrored in memory: every text column of a
// record is an id into it. Ids are shared across kinds; each (kind, text) pair has one id.
class LabelTable
{
public:
    explicit LabelTable(Sql::Database &db);

    // Reads the whole table.
    void load();
    // Reads the labels other connections added since (ids only grow). Every transaction calls
    // it first, so a label another process added is known before this one adds or reads any.
    void refresh();

    // 0 when the label does not exist yet.
    qint64 find(LabelKind kind, std::string_view utf8) const;
    qint64 find(LabelKind kind, const QString &text) const;
    // The id, inserting the label first when it is new; must run inside a transaction.
    qint64 ensure(LabelKind kind, std::string_view utf8);
    qint64 ensure(LabelKind kind, const QString &text);
    // After a transaction: keep what it added, or drop it from memory when it rolled back.
    void markCommitted() { m_committedMaxId = maxId(); }
    void forgetUncommitted();

    // The text of a label id; empty for an id the table does not hold (see contains()).
    const QString &text(qint64 id) const;
    bool contains(qint64 id) const;
    LabelKind kind(qint64 id) const;
    qint64 maxId() const { return qint64(m_texts.size()) - 1; }
    // Every id of a kind, in id order.
    std::vector<qint64> ids(LabelKind kind) const;

private:
    static std::string key(LabelKind kind, std::string_view utf8);
    void remember(qint64 id, LabelKind kind, std::string_view utf8);

    Sql::Database &m_db;
    std::unordered_map<std::string, qint64> m_ids; // key(kind, text) -> id
    std::vector<QString> m_texts;                  // by id; index 0 unused
    std::vector<qint8> m_kinds;                    // by id; -1 for unused ids
    qint64 m_committedMaxId = 0;
};

} // namespace Triage
