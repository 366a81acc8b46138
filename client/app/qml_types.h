// The net and model types QML sees through the controller, registered (uncreatable) with the
// Flameblue.Console module so that QML tooling and enums work.
#pragma once

#include <QtQml/qqml.h>

#include "models/catalog.h"
#include "models/console_state.h"
#include "models/record_list_model.h"
#include "models/report_table_model.h"
#include "net/coverage_feed.h"
#include "net/dispatch_connection.h"

namespace flameblue::console::qml {

struct DispatchConnectionForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::DispatchConnection)
    QML_NAMED_ELEMENT(DispatchConnection)
    QML_UNCREATABLE("Owned by the controller")
};

struct CoverageFeedForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::CoverageFeed)
    QML_NAMED_ELEMENT(CoverageFeed)
    QML_UNCREATABLE("Owned by the controller")
};

struct ConsoleStateForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::ConsoleState)
    QML_NAMED_ELEMENT(ConsoleState)
    QML_UNCREATABLE("Owned by the controller")
};

struct UnitListModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::UnitListModel)
    QML_NAMED_ELEMENT(UnitListModel)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct TrafficListModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::TrafficListModel)
    QML_NAMED_ELEMENT(TrafficListModel)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct IncidentListModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::IncidentListModel)
    QML_NAMED_ELEMENT(IncidentListModel)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct UnitFilterModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::UnitFilterModel)
    QML_NAMED_ELEMENT(UnitFilterModel)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct IncidentDetailForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::IncidentDetail)
    QML_NAMED_ELEMENT(IncidentDetail)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct CatalogForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::Catalog)
    QML_NAMED_ELEMENT(Catalog)
    QML_UNCREATABLE("Owned by ConsoleState")
};

struct ReportTableModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::ReportTableModel)
    QML_NAMED_ELEMENT(ReportTableModel)
    QML_UNCREATABLE("Owned by ReportsController")
};

}  // namespace flameblue::console::qml
