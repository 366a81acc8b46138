// The aviation view's model types, registered (uncreatable) with the Flameblue.Console module.
#pragma once

#include <QtQml/qqml.h>

#include "models/alert_list_model.h"
#include "models/aviation_board_filter.h"
#include "models/aviation_board_model.h"

namespace flameblue::console::qml {

struct AviationBoardModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::AviationBoardModel)
    QML_NAMED_ELEMENT(AviationBoardModel)
    QML_UNCREATABLE("Owned by AviationController")
};

struct AviationBoardFilterForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::AviationBoardFilter)
    QML_NAMED_ELEMENT(AviationBoardFilter)
    QML_UNCREATABLE("Owned by AviationController")
};

struct AlertListModelForeign {
    Q_GADGET
    QML_FOREIGN(flameblue::console::AlertListModel)
    QML_NAMED_ELEMENT(AlertListModel)
    QML_UNCREATABLE("Owned by AviationController")
};

}  // namespace flameblue::console::qml
