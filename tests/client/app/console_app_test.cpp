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
#include "app/display_time.h"
#include "app/language_switcher.h"
#include "flameblue/v1/recommend.pb.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

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
        QCOMPARE(o->timeZone, QStringLiteral("Asia/Shanghai"));
        // The bundled base map, found without being told.
        QVERIFY2(QFile::exists(QDir(o->basemapDirectory).filePath("province_outlines.geojson")),
                 qPrintable(o->basemapDirectory));
    }

    void everyOption() {
        QString error;
        const auto o = parse(
            {"--server", "10.20.0.5:6000", "--operator", "王芳", "--console", "taiyuan-3", "--lang",
             "zh_CN", "--basemap", "/srv/basemap", "--tiles", "/srv/tiles/shanxi.mbtiles",
             "--session", "drill-7", "--time-zone", "Europe/Berlin"},
            &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->server, QStringLiteral("10.20.0.5:6000"));
        QCOMPARE(o->operatorName, QStringLiteral("王芳"));
        QCOMPARE(o->consoleName, QStringLiteral("taiyuan-3"));
        QCOMPARE(o->language, QStringLiteral("zh_CN"));
        QCOMPARE(o->basemapDirectory, QStringLiteral("/srv/basemap"));
        QCOMPARE(o->tileSource, QStringLiteral("/srv/tiles/shanxi.mbtiles"));
        QCOMPARE(o->session, QStringLiteral("drill-7"));
        QCOMPARE(o->timeZone, QStringLiteral("Europe/Berlin"));
    }

    void severalServersInFailoverOrder() {
        QString error;
        const auto o =
            parse({"--server", "10.20.0.5:6000, 10.20.0.6:6000,datong-centre:50051"}, &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->servers,
                 (QStringList{"10.20.0.5:6000", "10.20.0.6:6000", "datong-centre:50051"}));
        QCOMPARE(o->server, QStringLiteral("10.20.0.5:6000"));
        const auto single = parse({}, &error);
        QVERIFY2(single, qPrintable(error));
        QCOMPARE(single->servers, QStringList{"127.0.0.1:50051"});
    }

    void aTokenIsNotSentInClearToAnyServerOfTheList() {
        qputenv("FLAMEBLUE_TOKEN", "s3cret-token");
        QString error;
        const auto o = parse({"--server", "127.0.0.1:50051,10.0.0.9:50051"}, &error);
        qunsetenv("FLAMEBLUE_TOKEN");
        QVERIFY(!o);
        QVERIFY2(
            error.contains(QStringLiteral("--server 10.0.0.9:50051: sending a token needs TLS")),
            qPrintable(error));
    }

    void malformedOptionsSayWhy_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("server") << QStringList{"--server", "localhost"} << "--server localhost";
        QTest::newRow("port") << QStringList{"--server", "host:99999"} << "--server host:99999";
        QTest::newRow("list") << QStringList{"--server", "a:1,,b:2"} << "--server : expected";
        QTest::newRow("twice") << QStringList{"--server", "a:1,a:1"} << "--server a:1: given twice";
        QTest::newRow("lang") << QStringList{"--lang", "fr"} << "--lang fr";
        QTest::newRow("unknown") << QStringList{"--colour", "red"} << "colour";
        QTest::newRow("zone") << QStringList{"--time-zone", "Mars/Olympus"}
                              << "--time-zone Mars/Olympus";
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

    // Qt's own texts (dialog buttons, the file dialog's labels) are Chinese in the Chinese
    // interface too.
    void qtsOwnStringsFollowTheLanguage() {
        LanguageSwitcher languages;
        QVERIFY(languages.apply(QStringLiteral("zh_CN")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Save"), QStringLiteral("保存"));
        QCOMPARE(QCoreApplication::translate("FileDialog", "File name"), QStringLiteral("文件名"));
        QCOMPARE(QCoreApplication::translate("FileDialog", "Filter"), QStringLiteral("文件类型"));
        QVERIFY(languages.apply(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        QCOMPARE(QCoreApplication::translate("FileDialog", "File name"),
                 QStringLiteral("File name"));
    }

    // Times in China Standard Time whatever the workstation's zone (this process runs on UTC),
    // or in the zone the console is told.
    void timesInTheDisplayZone() {
        qputenv("TZ", "UTC");
        DisplayTime& time = *DisplayTime::instance();
        QCOMPARE(time.zoneId(), QStringLiteral("Asia/Shanghai"));
        const QDateTime start =
            QDateTime::fromString(QStringLiteral("2024-06-01T12:30:00+08:00"), Qt::ISODate);
        QVERIFY(start.isValid());
        QCOMPARE(time.dateTime(start), QStringLiteral("2024-06-01 12:30:00"));
        QCOMPARE(time.time(start), QStringLiteral("12:30:00"));
        QCOMPARE(time.dateTime(QVariant::fromValue(start.toMSecsSinceEpoch())),
                 QStringLiteral("2024-06-01 12:30:00"));
        QCOMPARE(time.zoneName(), QStringLiteral("China Standard Time"));
        time.setManualNow(start.toMSecsSinceEpoch());
        QCOMPARE(time.clockText(), QStringLiteral("2024-06-01 12:30:00"));
        // Missing or nonsense times show as nothing, never as 1970 or a crash.
        QCOMPARE(time.dateTime(QDateTime()), QString());
        QCOMPARE(time.dateTime(QVariant()), QString());
        QCOMPARE(time.dateTime(QStringLiteral("soon")), QString());
        QCOMPARE(time.dateTime(QVariant::fromValue(-5.0)), QString());
        QCOMPARE(time.dateTime(QVariant::fromValue(1e300)), QString());

        QVERIFY(!time.setZone(QStringLiteral("Mars/Olympus")));
        QCOMPARE(time.zoneId(), QStringLiteral("Asia/Shanghai"));
        QVERIFY(time.setZone(QStringLiteral("Europe/Berlin")));
        QCOMPARE(time.time(start), QStringLiteral("06:30:00"));
        QVERIFY(time.zoneName().endsWith(QStringLiteral("Europe/Berlin")));
        QVERIFY(time.setZone(QStringLiteral("Asia/Shanghai")));
        time.setManualNow(0);
    }

    // A connection that fails is explained in the display language, and again after a switch.
    void connectionErrorsInTheDisplayLanguage() {
        ConsoleOptions o;
        o.server = QStringLiteral("127.0.0.1:1");  // nothing listens there
        o.operatorName = QStringLiteral("test");
        o.language = QStringLiteral("zh_CN");
        ConsoleController controller(o);
        controller.start();
        const DispatchConnection& c = *controller.connection();
        QTRY_VERIFY_WITH_TIMEOUT(!c.lastError().isEmpty(), 20000);
        QVERIFY2(c.lastError().startsWith(QStringLiteral("无法连接服务器")),
                 qPrintable(c.lastError()));
        controller.setLanguage(QStringLiteral("en"));
        QVERIFY2(c.lastError().startsWith(QStringLiteral("The server cannot be reached")),
                 qPrintable(c.lastError()));
        controller.stop();
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

    // The recommendation's explanations, shortfalls and coverage gaps in the display language,
    // from the structured fields, switching live.
    void recommendationTextsFollowTheLanguage() {
        ConsoleOptions o;
        o.server = QStringLiteral("127.0.0.1:1");
        o.operatorName = QStringLiteral("test");
        o.language = QStringLiteral("zh_CN");
        ConsoleController controller(o);
        pb::Recommendation rec;
        rec.set_incident_id("inc-1");
        pb::Slot* engine = rec.add_slots();
        engine->set_capability("pumper");
        pb::Candidate* pick = engine->mutable_pick();
        pick->set_unit_id("ty-01-e1");
        pick->set_callsign("TY-E1");
        pick->mutable_eta()->set_mode("ground");
        pick->mutable_eta()->set_great_circle_m(3140);
        pick->mutable_eta()->set_total_s(395);
        engine->mutable_explanation()->set_next_alternative_unit_id("ty-01-e2");
        engine->mutable_explanation()->set_margin_s(117);
        engine->mutable_explanation()->set_late(true);
        engine->mutable_explanation()->set_late_by_s(95);
        engine->set_max_arrival_s(300);
        engine->mutable_explanation()->set_text("English from the server");
        pb::Candidate* alternative = engine->add_alternatives();
        alternative->set_unit_id("ty-01-e2");
        alternative->set_callsign("TY-E2");
        pb::Slot* boat = rec.add_slots();
        boat->set_capability("water_rescue");
        boat->mutable_shortfall()->set_reason(pb::SHORTFALL_REASON_ALL_COMMITTED);
        boat->mutable_shortfall()->set_units_with_capability(3);
        boat->mutable_shortfall()->set_committed(2);
        boat->mutable_shortfall()->set_out_of_service(1);
        boat->mutable_shortfall()->set_text("English from the server");
        rec.mutable_coverage()->set_computed(true);
        rec.mutable_coverage()->set_circle_s(300);
        rec.mutable_coverage()->set_stations_affected(1);
        pb::CoverageGap* gap = rec.mutable_coverage()->add_gaps();
        gap->set_station_name_zh("迎泽站");
        gap->set_station_name_en("Yingze Station");
        gap->add_lost_cover_unit_ids("ty-01-e1");
        gap->set_covered_by_move_up_of_unit_id("ty-01-e2");
        RecommendationModel& r = *controller.state()->recommendation();
        r.setRecommendation(rec);
        const auto explanation = [&r] {
            return r.index(0).data(RecommendationModel::ExplanationRole).toString();
        };
        const auto shortfall = [&r] {
            return r.index(1).data(RecommendationModel::ShortfallTextRole).toString();
        };
        QCOMPARE(explanation(),
                 QStringLiteral("比下一个可用的 TY-E2 早 1 分 57 秒到达。比预案要求的 5 分 0 秒晚 "
                                "1 分 35 秒。直线距离 3.1 公里。"));
        QCOMPARE(shortfall(), QStringLiteral("无可派单位：具备该能力的 3 个单位均已出动（2 个）"
                                             "或停用（1 个）。"));
        QCOMPARE(r.coverageGaps(),
                 QStringList{QStringLiteral("迎泽站 将在 5 分 0 秒内无可用单位（现由 TY-E1 覆盖）。"
                                            "该空缺由 TY-E2 的移防一并覆盖。")});
        controller.setLanguage(QStringLiteral("en"));
        QCOMPARE(explanation(),
                 QStringLiteral("Arrives 1 min 57 s before TY-E2, the next available. Later than "
                                "the run card's target of 5 min 0 s by 1 min 35 s. 3.1 km in a "
                                "straight line."));
        QCOMPARE(shortfall(), QStringLiteral("No unit: all 3 units with it are committed (2) or "
                                             "out of service (1)."));
        QCOMPARE(r.coverageGaps(),
                 QStringList{QStringLiteral("Yingze Station would have no unit within 5 min 0 s "
                                            "(now covered by TY-E1). Covered by the move-up of "
                                            "TY-E2.")});
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
