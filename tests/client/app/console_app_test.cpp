// The console application layer: command line, embedded translations (every string translated
// into Chinese), and the controller refusing malformed commands before they leave the console.
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include "app/console_controller.h"
#include "app/console_options.h"
#include "app/language_switcher.h"

using namespace flameblue::console;

namespace {
std::optional<ConsoleOptions> parse(QStringList args, QString* error) {
    args.prepend(QStringLiteral("flameblue-console"));
    return parseConsoleOptions(args, error);
}
}  // namespace

class ConsoleAppTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults() {
        qputenv("USER", "li.na");
        QString error;
        const auto o = parse({QStringLiteral("--lang"), QStringLiteral("en")}, &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->server, QStringLiteral("127.0.0.1:50051"));
        QCOMPARE(o->operatorName, QStringLiteral("li.na"));
        QVERIFY(o->consoleName.startsWith(QStringLiteral("console@")));
        QCOMPARE(o->language, QStringLiteral("en"));
        QCOMPARE(o->staleFixSeconds, 300.0);
        // The bundled base map, found without being told.
        QVERIFY2(QFile::exists(QDir(o->basemapDirectory).filePath("province_outlines.geojson")),
                 qPrintable(o->basemapDirectory));
    }

    void everyOption() {
        QString error;
        const auto o = parse(
            {"--server", "10.20.0.5:6000", "--operator", "王芳", "--console", "taiyuan-3", "--lang",
             "zh_CN", "--basemap", "/srv/basemap", "--tiles", "/srv/tiles/shanxi.mbtiles",
             "--session", "drill-7", "--stale-fix-seconds", "120"},
            &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->server, QStringLiteral("10.20.0.5:6000"));
        QCOMPARE(o->operatorName, QStringLiteral("王芳"));
        QCOMPARE(o->consoleName, QStringLiteral("taiyuan-3"));
        QCOMPARE(o->language, QStringLiteral("zh_CN"));
        QCOMPARE(o->basemapDirectory, QStringLiteral("/srv/basemap"));
        QCOMPARE(o->tileSource, QStringLiteral("/srv/tiles/shanxi.mbtiles"));
        QCOMPARE(o->session, QStringLiteral("drill-7"));
        QCOMPARE(o->staleFixSeconds, 120.0);
    }

    void malformedOptionsSayWhy_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("server") << QStringList{"--server", "localhost"} << "--server localhost";
        QTest::newRow("port") << QStringList{"--server", "host:99999"} << "--server host:99999";
        QTest::newRow("lang") << QStringList{"--lang", "fr"} << "--lang fr";
        QTest::newRow("stale") << QStringList{"--stale-fix-seconds", "0"} << "--stale-fix-seconds";
        QTest::newRow("unknown") << QStringList{"--colour", "red"} << "colour";
        QTest::newRow("positional") << QStringList{"extra"} << "extra";
    }
    void malformedOptionsSayWhy() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parse(args, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void languageForLocale() {
        QCOMPARE(flameblue::console::languageForLocale(QStringLiteral("zh_CN")),
                 QStringLiteral("zh_CN"));
        QCOMPARE(flameblue::console::languageForLocale(QStringLiteral("zh_TW")),
                 QStringLiteral("zh_CN"));
        QCOMPARE(flameblue::console::languageForLocale(QStringLiteral("en_GB")),
                 QStringLiteral("en"));
        QCOMPARE(flameblue::console::languageForLocale(QStringLiteral("C")), QStringLiteral("en"));
    }

    void translationsAreEmbeddedAndSwitch() {
        LanguageSwitcher languages;
        QVERIFY(languages.apply(QStringLiteral("zh_CN")));
        const char* context = "flameblue::console::UnitListModel";
        QCOMPARE(QCoreApplication::translate(context, "Available"), QStringLiteral("待命"));
        QCOMPARE(QCoreApplication::translate(context, "Dispatched"), QStringLiteral("已调派"));
        QCOMPARE(QCoreApplication::translate(context, "En route"), QStringLiteral("出动途中"));
        QCOMPARE(QCoreApplication::translate(context, "On scene"), QStringLiteral("到场"));
        QCOMPARE(QCoreApplication::translate(context, "Returning"), QStringLiteral("返回"));
        QCOMPARE(QCoreApplication::translate(context, "Out of service"), QStringLiteral("停用"));
        QCOMPARE(QCoreApplication::translate("SessionBadge", "LIVE"), QStringLiteral("实战"));
        QCOMPARE(QCoreApplication::translate("flameblue::console::ConsoleController",
                                             "%n unit(s) dispatched.", nullptr, 3),
                 QStringLiteral("已调派 3 个单位。"));
        QVERIFY(languages.apply(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate(context, "Available"), QStringLiteral("Available"));
        QCOMPARE(QCoreApplication::translate("flameblue::console::ConsoleController",
                                             "%n unit(s) dispatched.", nullptr, 1),
                 QStringLiteral("1 unit dispatched."));
    }

    // Every string of the console has its Chinese translation, and keeps its placeholders.
    void chineseTranslationIsComplete() {
        QFile ts(QStringLiteral(FLAMEBLUE_TS_DIR "/flameblue_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        QVERIFY(!text.contains(QStringLiteral("type=\"unfinished\"")));
        QVERIFY(!text.contains(QStringLiteral("type=\"vanished\"")));
        const QRegularExpression message(
            QStringLiteral("<source>(.*?)</source>\\s*<translation>(.*?)</translation>"),
            QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
        int checked = 0;
        for (auto it = message.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            QStringList inSource;
            QStringList inTranslation;
            for (auto p = placeholder.globalMatch(m.captured(1)); p.hasNext();) {
                inSource.append(p.next().captured(0));
            }
            for (auto p = placeholder.globalMatch(m.captured(2)); p.hasNext();) {
                inTranslation.append(p.next().captured(0));
            }
            inSource.sort();
            inTranslation.sort();
            QVERIFY2(inSource == inTranslation, qPrintable(m.captured(1)));
            ++checked;
        }
        QVERIFY(checked > 100);
    }

    void controllerRefusesMalformedCommands() {
        ConsoleOptions o;
        o.server = QStringLiteral("127.0.0.1:1");
        o.operatorName = QStringLiteral("test");
        o.language = QStringLiteral("en");
        ConsoleController controller(o);
        QSignalSpy finished(&controller, &ConsoleController::commandFinished);
        const int noType = controller.createIncident({}, 2, 37.8, 112.5, {}, {});
        const int badLevel =
            controller.createIncident(QStringLiteral("building_fire"), 6, 37.8, 112.5, {}, {});
        const int badPosition =
            controller.createIncident(QStringLiteral("building_fire"), 2, 137.8, 112.5, {}, {});
        const int noIncident = controller.dispatchSelectedUnits();
        const int emptyNote = controller.addNote(QStringLiteral("INC-1"), QStringLiteral("  "));
        QTRY_COMPARE(finished.count(), 5);
        const QList<int> ids{noType, badLevel, badPosition, noIncident, emptyNote};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(finished.at(i).at(0).toInt(), ids[i]);
            QCOMPARE(finished.at(i).at(1).toBool(), false);
        }
        QVERIFY(finished.at(1).at(3).toString().contains(QStringLiteral("from 1 to 5")));
        QCOMPARE(controller.pendingCommands(), 0);
    }
};

QTEST_GUILESS_MAIN(ConsoleAppTest)
#include "console_app_test.moc"
