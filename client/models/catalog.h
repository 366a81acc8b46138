// The server's vocabularies (cities, station classes, capabilities, unit, incident and
// aircraft types) with localized names, as lookups and as list models for pickers.
#pragma once

#include <QAbstractListModel>
#include <QObject>

#include <string>
#include <unordered_map>
#include <vector>

#include "flameblue/v1/dispatch.pb.h"

namespace flameblue::console {

// One vocabulary as a picker model; optionally led by an "all" row whose id is empty.
class CatalogListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role { ItemIdRole = Qt::UserRole + 1, NameRole, NameZhRole, NameEnRole };
    Q_ENUM(Role)

    CatalogListModel(QString allLabel, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of an id (-1 when absent), for a picker's currentIndex.
    Q_INVOKABLE int indexOf(const QString& id) const;
    Q_INVOKABLE QString idAt(int row) const;

    void setEntries(std::vector<flameblue::v1::CatalogEntry> entries);
    void setEnglish(bool english);

Q_SIGNALS:
    void countChanged();

private:
    int offset() const { return m_allLabel.isEmpty() ? 0 : 1; }

    QString m_allLabel;  // untranslated source text; empty: no "all" row
    std::vector<flameblue::v1::CatalogEntry> m_entries;
    bool m_english = false;
};

class Catalog : public QObject {
    Q_OBJECT
    Q_PROPERTY(CatalogListModel* cities READ cities CONSTANT)
    Q_PROPERTY(CatalogListModel* cityChoices READ cityChoices CONSTANT)
    Q_PROPERTY(CatalogListModel* capabilityChoices READ capabilityChoices CONSTANT)
    Q_PROPERTY(CatalogListModel* incidentTypes READ incidentTypes CONSTANT)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)

public:
    enum class Vocabulary { City, StationClass, Capability, UnitType, IncidentType, AircraftType };

    explicit Catalog(QObject* parent = nullptr);

    void setCatalog(const flameblue::v1::Catalog& catalog);
    void setEnglish(bool english);
    bool loaded() const { return m_loaded; }
    // The server's limit for trusting a position, in seconds (0 before the catalog came).
    double fixStaleAfterSeconds() const { return m_fixStaleAfterSeconds; }

    // The localized name of an id, or the id itself when the vocabulary does not know it.
    QString name(Vocabulary vocabulary, const std::string& id) const;
    Q_INVOKABLE QString incidentTypeName(const QString& id) const;
    Q_INVOKABLE QString cityName(const QString& id) const;

    CatalogListModel* cities() { return &m_cities; }
    CatalogListModel* cityChoices() { return &m_cityChoices; }
    CatalogListModel* capabilityChoices() { return &m_capabilityChoices; }
    CatalogListModel* incidentTypes() { return &m_incidentTypes; }

Q_SIGNALS:
    void changed();

private:
    struct Names {
        std::string zh;
        std::string en;
    };
    using Table = std::unordered_map<std::string, Names>;
    const Table& table(Vocabulary vocabulary) const;

    Table m_tables[6];
    bool m_english = false;
    bool m_loaded = false;
    double m_fixStaleAfterSeconds = 0;
    CatalogListModel m_cities;
    CatalogListModel m_cityChoices;
    CatalogListModel m_capabilityChoices;
    CatalogListModel m_incidentTypes;
};

}  // namespace flameblue::console
