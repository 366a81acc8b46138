// flameblue-console: the dispatcher's screen. Wiring only; see ConsoleController.
#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

#include <cstdio>

#include "app/console_controller.h"
#include "app/console_ui.h"
#include "app/startup_probe.h"
#include "net/drill_control.h"

int main(int argc, char* argv[]) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments.append(QString::fromLocal8Bit(argv[i]));
    }
    QString error;
    QString help;
    // Before the application object, so that --help and mistakes need no display.
    const auto options = flameblue::console::parseConsoleOptions(arguments, &error, &help);
    if (!options) {
        std::fprintf(stderr, "flameblue-console: %s (see --help)\n", qPrintable(error));
        return 2;
    }
    if (options->showHelp || options->showVersion) {
        std::fputs(options->showHelp ? qPrintable(help) : FLAMEBLUE_VERSION "\n", stdout);
        return 0;
    }
    // A QApplication: Qt Charts (the Reports view) draws with the Graphics View framework.
    QApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("flameblue-console"));
    QGuiApplication::setApplicationVersion(QStringLiteral(FLAMEBLUE_VERSION));
    flameblue::console::ConsoleController controller(*options);
    QQmlApplicationEngine engine;
    if (!flameblue::console::loadConsoleUi(engine, controller)) {
        return 1;
    }
    if (options->reportStartup) {
        flameblue::console::reportStartup(engine, controller);
    }
    flameblue::console::DrillControl::Settings drillSettings;
    drillSettings.address = options->server;
    drillSettings.operatorName = options->operatorName;
    drillSettings.consoleName = options->consoleName;
    drillSettings.tls = options->tls;
    drillSettings.caCertificatesPem = options->caCertificatesPem;
    drillSettings.tlsServerName = options->tlsServerName;
    drillSettings.token = options->token;
    drillSettings.session = options->session;
    drillSettings.instructor = options->instructor;
    flameblue::console::DrillControl drill(drillSettings);
    engine.rootObjects().constFirst()->setProperty("drill", QVariant::fromValue(&drill));
    controller.start();
    drill.start();
    return QApplication::exec();
}
