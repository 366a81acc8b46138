#include "app/display_time.h"

#include <QJSEngine>
#include <QQmlEngine>

namespace flameblue::console {

namespace {
constexpr int kTickMs = 1000;
const char* const kChinaStandardTime = "Asia/Shanghai";
}  // namespace

DisplayTime::DisplayTime() : m_zone(kChinaStandardTime) {
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &DisplayTime::clockChanged);
    m_tick.start();
}

DisplayTime* DisplayTime::instance() {
    static DisplayTime* const time = new DisplayTime();  // lives as long as the process
    return time;
}

DisplayTime* DisplayTime::create(QQmlEngine* engine, QJSEngine* scriptEngine) {
    (void)engine;
    DisplayTime* time = instance();
    if (scriptEngine) {
        QJSEngine::setObjectOwnership(time, QJSEngine::CppOwnership);
    }
    return time;
}

bool DisplayTime::setZone(const QString& ianaId) {
    const QTimeZone zone(ianaId.toUtf8());
    if (!zone.isValid()) {
        return false;
    }
    if (zone != m_zone) {
        m_zone = zone;
        Q_EMIT zoneChanged();
        Q_EMIT clockChanged();
    }
    return true;
}

QString DisplayTime::zoneId() const {
    return QString::fromUtf8(m_zone.id());
}

QString DisplayTime::zoneName() const {
    if (m_zone.id() == kChinaStandardTime) {
        return tr("China Standard Time");
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs(), m_zone);
    return QStringLiteral("%1 %2").arg(now.toString(QStringLiteral("t")), zoneId());
}

qint64 DisplayTime::nowMs() const {
    return m_manualNowMs != 0 ? m_manualNowMs : QDateTime::currentMSecsSinceEpoch();
}

QString DisplayTime::clockText() const {
    return dateTime(QVariant::fromValue(nowMs()));
}

void DisplayTime::setManualNow(qint64 msSinceEpoch) {
    m_manualNowMs = msSinceEpoch;
    if (m_manualNowMs != 0) {
        m_tick.stop();
    } else {
        m_tick.start();
    }
    Q_EMIT clockChanged();
}

QDateTime DisplayTime::toZone(const QVariant& when) const {
    QDateTime t;
    if (when.metaType().id() == QMetaType::QDateTime) {
        t = when.toDateTime();
    } else if (when.canConvert<double>() && when.metaType().id() != QMetaType::QString) {
        bool ok = false;
        const double ms = when.toDouble(&ok);
        // Zero is how the API says "not set"; past year 9999 is not a time.
        constexpr double kMaxMs = 253402300799000.0;
        if (ok && ms > 0 && ms <= kMaxMs) {
            t = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(ms), Qt::UTC);
        }
    }
    return t.isValid() ? t.toTimeZone(m_zone) : QDateTime();
}

QString DisplayTime::dateTime(const QVariant& when) const {
    const QDateTime t = toZone(when);
    return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString DisplayTime::time(const QVariant& when) const {
    const QDateTime t = toZone(when);
    return t.isValid() ? t.toString(QStringLiteral("HH:mm:ss")) : QString();
}

void DisplayTime::retranslate() {
    Q_EMIT zoneChanged();
}

}  // namespace flameblue::console
