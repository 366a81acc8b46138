#include "app/console_ui.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QQmlApplicationEngine>

#include "app/console_controller.h"

// The QML modules are static: their plugins are linked in and must be imported by name.
Q_IMPORT_QML_PLUGIN(Flameblue_ConsolePlugin)
#ifdef FLAMEBLUE_HAVE_MAP_PLUGIN
Q_IMPORT_QML_PLUGIN(Flameblue_MapPlugin)
#endif

namespace flameblue::console {

void prepareConsoleEngine(QQmlEngine& engine) {
    engine.addImportPath(QString::fromLatin1(kQmlImportPath));
}

bool loadConsoleUi(QQmlApplicationEngine& engine, ConsoleController& controller) {
    prepareConsoleEngine(engine);
    controller.setEngine(&engine);
    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QString::fromLatin1(kMainQmlUrl)));
    return !engine.rootObjects().isEmpty();
}

}  // namespace flameblue::console
