// Qt Quick Test runner for the console's QML components (module Flameblue.Console).
#include <QtQuickTest/quicktest.h>
#include <QQmlContext>
#include <QQmlEngine>

#include "app/console_ui.h"
#include "app/language_switcher.h"

// Lets a test switch the display language as the console does (translations installed, every
// binding re-evaluated): `testLanguages.apply("zh_CN")`.
class TestLanguages : public QObject {
    Q_OBJECT

public:
    explicit TestLanguages(QQmlEngine* engine) { m_switcher.setEngine(engine); }
    Q_INVOKABLE bool apply(const QString& language) { return m_switcher.apply(language); }

private:
    flameblue::console::LanguageSwitcher m_switcher;
};

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine* engine) {
        flameblue::console::prepareConsoleEngine(*engine);
        auto* languages = new TestLanguages(engine);
        languages->setParent(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("testLanguages"), languages);
    }
};

QUICK_TEST_MAIN_WITH_SETUP(console_components, Setup)
#include "qml_test_main.moc"
