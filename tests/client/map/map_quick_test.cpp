// Qt Quick Test runner for tst_mapview.qml: links the static Flameblue.Map module and tells
// QML where the bundled base map is.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>
#include <QQmlContext>
#include <QQmlEngine>

Q_IMPORT_QML_PLUGIN(Flameblue_MapPlugin)

class MapQuickTestSetup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("testBasemapDirectory"),
                                                  QStringLiteral(FLAMEBLUE_BASEMAP_DIR));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(map_quick_test, MapQuickTestSetup)
#include "map_quick_test.moc"
