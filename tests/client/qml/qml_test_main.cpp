// Qt Quick Test runner for the console's QML components (module Flameblue.Console).
#include <QtQuickTest/quicktest.h>
#include <QQmlEngine>

#include "app/console_ui.h"

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine* engine) {
        flameblue::console::prepareConsoleEngine(*engine);
    }
};

QUICK_TEST_MAIN_WITH_SETUP(console_components, Setup)
#include "qml_test_main.moc"
