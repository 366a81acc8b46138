// What the console's QML calls: the dispatcher's actions (create an incident, dispatch the
// selected units, change statuses, add notes, escalate) on top of the connection and the
// state. Owns both; QML receives it as a required property.
#pragma once

#include <QtQml/qqml.h>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <vector>

#include "app/aviation_controller.h"
#include "app/console_options.h"
#include "app/language_switcher.h"
#include "app/reports_controller.h"
#include "models/console_state.h"
#include "net/coverage_feed.h"
#include "net/dispatch_connection.h"
#include "net/traffic_watch.h"

class QQmlEngine;

namespace flameblue::console {

class ConsoleController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The console's main() creates the controller")
    Q_PROPERTY(flameblue::console::DispatchConnection* connection READ connection CONSTANT)
    Q_PROPERTY(flameblue::console::ConsoleState* state READ state CONSTANT)
    Q_PROPERTY(flameblue::console::AviationController* aviation READ aviation CONSTANT)
    Q_PROPERTY(flameblue::console::ReportsController* reports READ reports CONSTANT)
    // The 5-minute coverage layer's data, polled while the layer is shown (active).
    Q_PROPERTY(flameblue::console::CoverageFeed* coverage READ coverage CONSTANT)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(QString operatorName READ operatorName CONSTANT)
    Q_PROPERTY(QString consoleName READ consoleName CONSTANT)
    Q_PROPERTY(QString basemapDirectory READ basemapDirectory CONSTANT)
    Q_PROPERTY(QString tileSource READ tileSource CONSTANT)
    Q_PROPERTY(int pendingCommands READ pendingCommands NOTIFY pendingCommandsChanged)
    // False when the server does not offer recommendations (an older server).
    Q_PROPERTY(bool recommendationAvailable READ recommendationAvailable NOTIFY
                   recommendationAvailableChanged)

public:
    explicit ConsoleController(const ConsoleOptions& options, QObject* parent = nullptr);
    ~ConsoleController() override;

    // For run-time language switching (QQmlEngine::retranslate).
    void setEngine(QQmlEngine* engine);
    // Connects to the server; the state fills as the snapshot arrives.
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    DispatchConnection* connection() { return m_connection.get(); }
    ConsoleState* state() { return m_state.get(); }
    AviationController* aviation() { return m_aviation.get(); }
    ReportsController* reports() { return m_reports.get(); }
    CoverageFeed* coverage() { return m_coverage.get(); }
    QString language() const { return m_state->language(); }
    void setLanguage(const QString& language);
    QStringList languages() const { return supportedLanguages(); }
    QString operatorName() const { return m_options.operatorName; }
    QString consoleName() const { return m_options.consoleName; }
    QString basemapDirectory() const { return m_options.basemapDirectory; }
    QString tileSource() const { return m_options.tileSource; }
    int pendingCommands() const { return m_pending; }
    bool recommendationAvailable() const { return m_recommendationAvailable; }

    // Commands. Each returns a request id and ends in commandFinished with that id.
    Q_INVOKABLE int createIncident(const QString& type, int level, double latitude,
                                   double longitude, const QString& address,
                                   const QString& callerNotes);
    // The units selected on the boards (ground and air) to the selected incident.
    Q_INVOKABLE int dispatchSelectedUnits();
    Q_INVOKABLE int dispatchUnits(const QString& incidentId, const QStringList& unitIds);
    // An empty list releases every unit still on the incident.
    Q_INVOKABLE int releaseUnits(const QString& incidentId, const QStringList& unitIds);
    Q_INVOKABLE int setUnitStatus(const QString& unitId, int status);
    Q_INVOKABLE int setIncidentStatus(const QString& incidentId, int status);
    Q_INVOKABLE int setIncidentLevel(const QString& incidentId, int level);
    Q_INVOKABLE int escalateIncident(const QString& incidentId);
    Q_INVOKABLE int addNote(const QString& incidentId, const QString& text);

    Q_INVOKABLE void selectIncident(const QString& incidentId);

    // Asks again for the selected incident's recommended response (the state moved on).
    Q_INVOKABLE void requestRecommendation();
    // Dispatches the recommended units to their incident: all of them, or only those the
    // dispatcher left chosen.
    Q_INVOKABLE int dispatchRecommended(bool chosenOnly);
    // Known places whose Chinese or English name contains `text` (case-insensitive), best first:
    // maps with name, detail, latitude and longitude. Only places with surveyed positions.
    Q_INVOKABLE QVariantList findPlaces(const QString& text, int limit) const;
    // The incident types, the most frequent in the live state first (then the catalogue's
    // order): maps with itemId, name, count and level, the level most often given to that
    // type (the lowest level when there is none).
    Q_INVOKABLE QVariantList likelyIncidentTypes() const;

    static constexpr int kMinLevel = 1;
    static constexpr int kMaxLevel = 5;

Q_SIGNALS:
    void languageChanged();
    void recommendationAvailableChanged();
    void pendingCommandsChanged();
    // `message` is for the dispatcher: what happened, or why the server refused.
    void commandFinished(int requestId, bool ok, const QString& command, const QString& message);
    void incidentCreated(const QString& incidentId);

private:
    int track(int requestId);
    int refuse(const QString& command, const QString& message);
    void onSucceeded(int requestId, const QString& command, const QString& incidentId,
                     const QStringList& unitIds);
    void onFailed(int requestId, const QString& command, int code, const QString& message);
    QString commandTitle(const QString& command) const;
    void onRecommendation(int requestId, const flameblue::v1::Recommendation& recommendation);
    void onRecommendationFailed(int requestId, int code, const QString& message);

    ConsoleOptions m_options;
    std::unique_ptr<ConsoleState> m_state;
    std::unique_ptr<DispatchConnection> m_connection;
    std::unique_ptr<AviationController> m_aviation;
    std::unique_ptr<ReportsController> m_reports;
    std::unique_ptr<TrafficWatch> m_trafficWatch;  // runs while the map shows context traffic
    std::unique_ptr<CoverageFeed> m_coverage;
    LanguageSwitcher m_languages;
    int m_pending = 0;
    int m_localRequestId = 0;
    int m_recommendRequest = 0;
    bool m_recommendationAvailable = true;
    struct Place {
        QString nameZh;
        QString nameEn;
        double latitude = 0.0;
        double longitude = 0.0;
    };
    mutable std::vector<Place> m_places;  // read from the basemap on the first search
    mutable bool m_placesLoaded = false;
};

}  // namespace flameblue::console
