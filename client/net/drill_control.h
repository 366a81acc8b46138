// The instructor's drill controls: playback of the drill this console is in, through the
// server's Drills service. Only the instructor role uses it; every console shows the banner.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QVariantList>

#include <chrono>
#include <memory>

#include "net/server_link.h"

namespace flameblue::v1 {
class DrillInfo;
class PlaybackState;
}  // namespace flameblue::v1

namespace flameblue::console {

class QtPoster;

class DrillControl : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool instructor READ instructor CONSTANT)
    Q_PROPERTY(bool inDrill READ inDrill CONSTANT)
    Q_PROPERTY(QString drillId READ drillId CONSTANT)
    Q_PROPERTY(QString drillName READ drillName NOTIFY infoChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY infoChanged)
    Q_PROPERTY(QVariantList incidents READ incidents NOTIFY infoChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playbackChanged)
    Q_PROPERTY(double speed READ speed NOTIFY playbackChanged)
    Q_PROPERTY(qint64 drillTimeMs READ drillTimeMs NOTIFY playbackChanged)
    Q_PROPERTY(qint64 startMs READ startMs NOTIFY playbackChanged)
    Q_PROPERTY(qint64 endMs READ endMs NOTIFY playbackChanged)
    Q_PROPERTY(double position READ position NOTIFY playbackChanged)
    Q_PROPERTY(QString controller READ controller NOTIFY playbackChanged)
    Q_PROPERTY(QStringList handedOver READ handedOver NOTIFY playbackChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(bool ended READ ended NOTIFY endedChanged)
    Q_PROPERTY(QVariantList speeds READ speeds CONSTANT)

public:
    struct Settings : ServerLink {
        QString session;  // the drill id; empty or "live": no drill
        bool instructor = false;
        std::chrono::milliseconds pollInterval{1000};
        std::chrono::milliseconds deadline{10000};
    };

    explicit DrillControl(Settings settings, QObject* parent = nullptr);
    ~DrillControl() override;

    bool instructor() const { return m_settings.instructor; }
    bool inDrill() const;
    QString drillId() const { return inDrill() ? m_settings.session : QString(); }
    QString drillName() const { return m_name; }
    bool ready() const { return m_ready; }
    QVariantList incidents() const { return m_incidents; }
    bool playing() const { return m_playing; }
    double speed() const { return m_speed; }
    qint64 drillTimeMs() const { return m_drillTimeMs; }
    qint64 startMs() const { return m_startMs; }
    qint64 endMs() const { return m_endMs; }
    // Where the drill clock is in the range, 0..1.
    double position() const;
    QString controller() const { return m_controller; }
    QStringList handedOver() const { return m_handedOver; }
    QString lastError() const { return m_lastError; }
    // The server no longer has this drill (ended): polling and controls stop.
    bool ended() const { return m_ended; }
    QVariantList speeds() const;

    // Starts polling the playback state (instructor in a drill only).
    Q_INVOKABLE void start();
    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void setSpeed(double speed);
    // To the next thing that happened in history.
    Q_INVOKABLE void step();
    // To a point of the range, 0..1.
    Q_INVOKABLE void seekTo(double position);
    Q_INVOKABLE void handOver(const QString& incidentId);
    Q_INVOKABLE void releaseControl();
    Q_INVOKABLE void refresh();
    // Fetches the after-action report as HTML and writes it to `file` (a local file URL or a
    // path); reportSaved tells how it went.
    Q_INVOKABLE void saveReport(const QUrl& file);
    // A file name for the report in the user's documents folder, as a URL.
    Q_INVOKABLE QUrl suggestedReportFile() const;

Q_SIGNALS:
    void infoChanged();
    void playbackChanged();
    void lastErrorChanged();
    void endedChanged();
    // A control call finished; `message` is the server's reason when it failed.
    void controlFinished(bool ok, const QString& message);
    // saveReport finished: `message` names the file, or says why nothing was written.
    void reportSaved(bool ok, const QString& message);

private:
    struct Net;
    void applyInfo(const flameblue::v1::DrillInfo& info);
    void applyPlayback(const flameblue::v1::PlaybackState& p);
    void setLastError(const QString& e);
    void setEnded();
    template <typename Request, typename Method>
    void control(Method method, Request request, const QString& what);

    Settings m_settings;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    QTimer m_poll;
    bool m_polling = false;

    QString m_name;
    bool m_ready = false;
    QVariantList m_incidents;
    bool m_playing = false;
    double m_speed = 1.0;
    qint64 m_drillTimeMs = 0;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QString m_controller;
    QStringList m_handedOver;
    QString m_lastError;
    bool m_ended = false;
};

}  // namespace flameblue::console
