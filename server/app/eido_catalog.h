#pragma once

#include "data/dataset.h"
#include "reports/eido_export.h"

namespace flameblue::app {

// The names an EIDO export takes from the data set: incident types, cities (their fire and
// rescue detachments are the agencies) and the city of every station.
reports::EidoCatalog eidoCatalogFrom(const data::Dataset& dataset);

}  // namespace flameblue::app
