#include "models/catalog.h"

#include <QCoreApplication>

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
// Picker rows that mean "no filter"; translated when shown.
const char* const kAllCities = QT_TRANSLATE_NOOP("Catalog", "All cities");
const char* const kAllCapabilities = QT_TRANSLATE_NOOP("Catalog", "All capabilities");
}  // namespace

CatalogListModel::CatalogListModel(QString allLabel, QObject* parent)
    : QAbstractListModel(parent), m_allLabel(std::move(allLabel)) {
    connect(this, &QAbstractItemModel::modelReset, this, &CatalogListModel::countChanged);
}

int CatalogListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size()) + offset();
}

QVariant CatalogListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (index.row() < offset()) {
        const QString all = QCoreApplication::translate("Catalog", m_allLabel.toUtf8().constData());
        switch (role) {
            case ItemIdRole:
                return QString();
            case Qt::DisplayRole:
            case NameRole:
            case NameZhRole:
            case NameEnRole:
                return all;
            default:
                return {};
        }
    }
    const pb::CatalogEntry& e = m_entries[static_cast<std::size_t>(index.row() - offset())];
    const std::string& preferred = m_english ? e.name_en() : e.name_zh();
    switch (role) {
        case ItemIdRole:
            return QString::fromStdString(e.id());
        case Qt::DisplayRole:
        case NameRole:
            return QString::fromStdString(preferred.empty() ? e.id() : preferred);
        case NameZhRole:
            return QString::fromStdString(e.name_zh());
        case NameEnRole:
            return QString::fromStdString(e.name_en());
        default:
            return {};
    }
}

QHash<int, QByteArray> CatalogListModel::roleNames() const {
    return {
        {ItemIdRole, "itemId"}, {NameRole, "name"}, {NameZhRole, "nameZh"}, {NameEnRole, "nameEn"}};
}

int CatalogListModel::indexOf(const QString& id) const {
    if (id.isEmpty()) {
        return offset() > 0 ? 0 : -1;
    }
    const std::string key = id.toStdString();
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].id() == key) {
            return static_cast<int>(i) + offset();
        }
    }
    return -1;
}

QString CatalogListModel::idAt(int row) const {
    if (row < offset() || row >= rowCount()) {
        return {};
    }
    return QString::fromStdString(m_entries[static_cast<std::size_t>(row - offset())].id());
}

void CatalogListModel::setEntries(std::vector<pb::CatalogEntry> entries) {
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void CatalogListModel::setEnglish(bool english) {
    m_english = english;
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole, NameRole});
    }
}

Catalog::Catalog(QObject* parent)
    : QObject(parent),
      m_cities(QString()),
      m_cityChoices(QString::fromLatin1(kAllCities)),
      m_capabilityChoices(QString::fromLatin1(kAllCapabilities)),
      m_incidentTypes(QString()) {}

void Catalog::setCatalog(const pb::Catalog& catalog) {
    const google::protobuf::RepeatedPtrField<pb::CatalogEntry>* lists[6] = {
        &catalog.cities(),     &catalog.station_classes(), &catalog.capabilities(),
        &catalog.unit_types(), &catalog.incident_types(),  &catalog.aircraft_types()};
    for (std::size_t i = 0; i < 6; ++i) {
        m_tables[i].clear();
        for (const pb::CatalogEntry& e : *lists[i]) {
            m_tables[i][e.id()] = Names{e.name_zh(), e.name_en()};
        }
    }
    auto entries = [](const auto& list) {
        return std::vector<pb::CatalogEntry>(list.begin(), list.end());
    };
    m_cities.setEntries(entries(catalog.cities()));
    m_cityChoices.setEntries(entries(catalog.cities()));
    m_capabilityChoices.setEntries(entries(catalog.capabilities()));
    m_incidentTypes.setEntries(entries(catalog.incident_types()));
    m_fixStaleAfterSeconds = catalog.fix_stale_after_s();
    m_loaded = true;
    Q_EMIT changed();
}

void Catalog::setEnglish(bool english) {
    m_english = english;
    for (CatalogListModel* m :
         {&m_cities, &m_cityChoices, &m_capabilityChoices, &m_incidentTypes}) {
        m->setEnglish(english);
    }
    Q_EMIT changed();
}

const Catalog::Table& Catalog::table(Vocabulary vocabulary) const {
    return m_tables[static_cast<std::size_t>(vocabulary)];
}

QString Catalog::name(Vocabulary vocabulary, const std::string& id) const {
    const Table& t = table(vocabulary);
    auto it = t.find(id);
    if (it == t.end()) {
        return QString::fromStdString(id);
    }
    const std::string& preferred = m_english ? it->second.en : it->second.zh;
    return QString::fromStdString(preferred.empty() ? id : preferred);
}

QString Catalog::incidentTypeName(const QString& id) const {
    return name(Vocabulary::IncidentType, id.toStdString());
}

QString Catalog::cityName(const QString& id) const {
    return name(Vocabulary::City, id.toStdString());
}

}  // namespace flameblue::console
