#include "app/eido_catalog.h"

namespace flameblue::app {

reports::EidoCatalog eidoCatalogFrom(const data::Dataset& dataset) {
    reports::EidoCatalog catalog;
    for (const data::CatalogEntry& t : dataset.incidentTypes) {
        catalog.incidentTypes[t.id] = {t.nameEn, t.nameZh};
    }
    for (const data::City& c : dataset.cities) {
        catalog.cities[c.id] = {c.nameEn, c.nameZh};
    }
    for (const core::Station& s : dataset.stations) {
        catalog.stationCity[s.id] = s.city;
    }
    return catalog;
}

}  // namespace flameblue::app
