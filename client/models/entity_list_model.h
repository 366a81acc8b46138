// A list model of entities keyed by id, updated in place: an upsert is one inserted row or one
// dataChanged, a removal one removed row, never a reset. Subclasses supply roles and data().
#pragma once

#include <QAbstractListModel>
#include <QString>

#include <google/protobuf/util/message_differencer.h>

#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace flameblue::console {

template <typename Entity>
class EntityListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int size() const { return static_cast<int>(m_rows.size()); }
    const Entity& at(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    int rowOf(const std::string& id) const {
        auto it = m_index.find(id);
        return it == m_index.end() ? -1 : it->second;
    }
    int rowOf(const QString& id) const { return rowOf(id.toStdString()); }
    const Entity* find(const std::string& id) const {
        const int row = rowOf(id);
        return row < 0 ? nullptr : &at(row);
    }

    // Inserts a new entity or replaces the one with its id (dataChanged only when it differs).
    void upsert(Entity entity) {
        const int row = rowOf(entity.id());
        if (row >= 0) {
            adopt(&at(row), entity);
            if (!sameEntity(at(row), entity)) {
                m_rows[static_cast<std::size_t>(row)] = std::move(entity);
                emitRowChanged(row);
            }
            return;
        }
        adopt(nullptr, entity);
        const int position = insertPosition(entity);
        beginInsertRows({}, position, position);
        m_rows.insert(m_rows.begin() + position, std::move(entity));
        reindexFrom(position);
        endInsertRows();
    }

    bool remove(const std::string& id) {
        const int row = rowOf(id);
        if (row < 0) {
            return false;
        }
        beginRemoveRows({}, row, row);
        m_index.erase(id);
        m_rows.erase(m_rows.begin() + row);
        reindexFrom(row);
        endRemoveRows();
        return true;
    }

    // Makes the rows what `entities` says (a fresh snapshot): rows that changed get
    // dataChanged, new ones are inserted, missing ones removed; views keep their place.
    void sync(std::vector<Entity> entities) {
        if (m_rows.empty() && !entities.empty()) {
            std::vector<Entity> ordered;
            ordered.reserve(entities.size());
            for (Entity& e : entities) {
                adopt(nullptr, e);
                const int position = insertPositionIn(ordered, e);
                ordered.insert(ordered.begin() + position, std::move(e));
            }
            beginInsertRows({}, 0, static_cast<int>(ordered.size()) - 1);
            m_rows = std::move(ordered);
            reindexFrom(0);
            endInsertRows();
            return;
        }
        std::unordered_set<std::string> keep;
        for (const Entity& e : entities) {
            keep.insert(e.id());
        }
        std::vector<std::string> gone;
        for (const Entity& e : m_rows) {
            if (!keep.contains(e.id())) {
                gone.push_back(e.id());
            }
        }
        for (const std::string& id : gone) {
            remove(id);
        }
        for (Entity& e : entities) {
            upsert(std::move(e));
        }
    }

protected:
    // Where a new entity goes among the current rows; default: at the end.
    virtual int insertPositionIn(const std::vector<Entity>& rows, const Entity& entity) const {
        (void)entity;
        return static_cast<int>(rows.size());
    }
    // Lets a subclass carry client-side state (a trail) from the old copy (null when the
    // entity is new) to the one that replaces it.
    virtual void adopt(const Entity* before, Entity& after) {
        (void)before;
        (void)after;
    }
    virtual bool sameEntity(const Entity& a, const Entity& b) const {
        if constexpr (std::is_base_of_v<google::protobuf::Message, Entity>) {
            return google::protobuf::util::MessageDifferencer::Equals(a, b);
        } else {
            return a == b;
        }
    }

    Entity& mutableAt(int row) { return m_rows[static_cast<std::size_t>(row)]; }
    const std::vector<Entity>& rows() const { return m_rows; }
    void emitRowChanged(int row, const QList<int>& roles = {}) {
        const QModelIndex i = index(row);
        Q_EMIT dataChanged(i, i, roles);
    }
    void emitAllChanged(const QList<int>& roles) {
        if (!m_rows.empty()) {
            Q_EMIT dataChanged(index(0), index(size() - 1), roles);
        }
    }

private:
    int insertPosition(const Entity& entity) const { return insertPositionIn(m_rows, entity); }
    void reindexFrom(int row) {
        for (auto i = static_cast<std::size_t>(row); i < m_rows.size(); ++i) {
            m_index[m_rows[i].id()] = static_cast<int>(i);
        }
    }

    std::vector<Entity> m_rows;
    std::unordered_map<std::string, int> m_index;
};

}  // namespace flameblue::console
