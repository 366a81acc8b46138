// Times as the console shows them: in one configured zone (China Standard Time unless the
// console is told otherwise), never the workstation's, with the zone named; and the clock of the
// top bar. One instance per process, the QML singleton DisplayTime.
#pragma once

#include <QtQml/qqml.h>
#include <QDateTime>
#include <QObject>
#include <QTimeZone>
#include <QTimer>
#include <QVariant>

namespace flameblue::console {

class DisplayTime : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // The IANA name ("Asia/Shanghai").
    Q_PROPERTY(QString zoneId READ zoneId NOTIFY zoneChanged)
    // How the zone is named next to a time ("China Standard Time", "UTC+01:00 Europe/Berlin").
    Q_PROPERTY(QString zoneName READ zoneName NOTIFY zoneChanged)
    // Now, "yyyy-MM-dd HH:mm:ss" in the zone; changes every second.
    Q_PROPERTY(QString clockText READ clockText NOTIFY clockChanged)

public:
    static DisplayTime* instance();
    // The QML singleton is the process's instance (not owned by the engine).
    static DisplayTime* create(QQmlEngine* engine, QJSEngine* scriptEngine);

    // False (and nothing changes) for a zone this system does not know.
    bool setZone(const QString& ianaId);
    QString zoneId() const;
    QString zoneName() const;
    QString clockText() const;
    // Tests hold the clock still at this instant (0: the wall clock again).
    void setManualNow(qint64 msSinceEpoch);

    // A date-time (QDateTime, or milliseconds since the epoch) in the zone: "yyyy-MM-dd
    // HH:mm:ss", or "HH:mm:ss" for time(); empty for a missing or invalid time.
    Q_INVOKABLE QString dateTime(const QVariant& when) const;
    Q_INVOKABLE QString time(const QVariant& when) const;
    // The zone's name again in the display language (after a language change).
    void retranslate();

Q_SIGNALS:
    void zoneChanged();
    void clockChanged();

private:
    DisplayTime();
    QDateTime toZone(const QVariant& when) const;
    qint64 nowMs() const;

    QTimeZone m_zone;
    QTimer m_tick;
    qint64 m_manualNowMs = 0;
};

}  // namespace flameblue::console
