#include "iot/intake.h"

#include <algorithm>
#include <cmath>

namespace flameblue::iot {

IotIntake::IotIntake(session::Session& live, const Registry& registry, MqttOptions mqtt,
                     IntakeOptions options, IntakeLog log)
    : m_live(live), m_registry(registry), m_options(options), m_log(std::move(log)) {
    m_source = mqtt.host + ":" + std::to_string(mqtt.port);
    m_origin = "mqtt " + m_source;
    m_client = std::make_unique<MqttClient>(
        std::move(mqtt), [this](std::string_view t, std::string_view p) { handle(t, p); },
        [this](bool up, const std::string& why) { connectionChanged(up, why); });
}

IotIntake::~IotIntake() {
    stop();
}

void IotIntake::start() {
    m_client->start();
    m_worker.start([this] { run(); });
}

void IotIntake::stop() {
    m_worker.stop();
    m_client->stop();
}

void IotIntake::connectionChanged(bool up, const std::string& why) {
    if (up) {
        if (m_log)
            m_log("MQTT: connected to " + m_source + ", subscribed to the panels and sensors");
        return;
    }
    m_problem.set(m_live.now(), why);
    if (m_log)
        m_log("MQTT: " + why + " (" + m_source + "); reconnecting with back-off");
}

void IotIntake::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_cv.wait_for(lock, std::chrono::milliseconds(m_options.watchdogPeriodMs),
                      [this] { return m_stopping; });
        if (m_stopping)
            break;
        lock.unlock();
        checkHeartbeats(m_live.now());
        lock.lock();
    }
}

std::size_t IotIntake::checkHeartbeats(core::TimeMs now) {
    std::vector<Outgoing> out;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [id, st] : m_devices) {
            if (!st.seen || st.silent || now - st.lastHeard <= m_options.heartbeatTimeoutMs)
                continue;
            const Device* d = m_registry.device(id);
            if (d == nullptr || d->water)
                continue;
            st.silent = true;
            const auto& b = m_registry.buildings()[d->building];
            core::SetPanelFault f{
                id, b.id, true,
                "no heartbeat for " + std::to_string((now - st.lastHeard) / 1000) + " s"};
            out.push_back({core::Command{std::move(f)}, id, false});
        }
    }
    const std::size_t n = out.size();
    submit(std::move(out));
    return n;
}

bool IotIntake::alreadyInDraft(const Device& d) const {
    const core::Id& building = m_registry.buildings()[d.building].id;
    return m_live.withState([&](const core::State& s, const auto&) {
        const core::AlarmDraft* open = s.iot().openDraftFor(building);
        return open != nullptr &&
               std::find(open->devices.begin(), open->devices.end(), d.id) != open->devices.end();
    });
}

void IotIntake::handle(std::string_view topic, std::string_view payload) {
    const core::TimeMs now = m_live.now();
    auto topicDevice = deviceOfTopic(topic);
    auto parsed = parsePayload(payload);
    std::vector<Outgoing> out;
    {
        std::lock_guard lock(m_mutex);
        if (!topicDevice) {
            ++m_counters.malformed;
            std::string t(topic.substr(0, 80));
            m_problem.set(now, "topic \"" + t + "\" names no device");
            return;
        }
        if (!parsed) {
            ++m_counters.malformed;
            m_problem.set(now, *topicDevice + ": " + parsed.error().message);
            return;
        }
        const DeviceMessage& m = *parsed;
        if (m.device != *topicDevice) {
            ++m_counters.malformed;
            m_problem.set(now, *topicDevice + ": the payload names device \"" + m.device + "\"");
            return;
        }
        const Device* d = m_registry.device(m.device);
        if (d == nullptr) {
            ++m_counters.unknownDevices;
            m_problem.set(now, m.device + ": not in the building registry");
            return;
        }
        const bool measured = m.type == MessageType::Pressure || m.type == MessageType::Level;
        if (measured != d->water) {
            ++m_counters.malformed;
            m_problem.set(now, m.device + ": a " + toString(m.type) + " message from a " +
                                   (d->water ? "water sensor" : "panel"));
            return;
        }
        if (m.time > now + m_options.maxFutureMs || m.time < now - m_options.maxAgeMs) {
            ++m_counters.malformed;
            m_problem.set(now, m.device + ": ts is outside the accepted window");
            return;
        }
        DeviceState& st = m_devices[m.device];
        if (st.seen && (m.seq <= st.lastSeq || m.time < st.lastTime)) {
            ++m_counters.replayed;
            return;
        }
        st.seen = true;
        st.lastSeq = m.seq;
        st.lastTime = m.time;
        st.lastHeard = now;
        ++m_counters.messages;
        decideMessage(m, *d, st, now, out);
    }
    // The state check runs outside the intake's lock (it takes the state's read lock).
    if (!out.empty() && out.front().alarm &&
        alreadyInDraft(*m_registry.device(out.front().device))) {
        std::lock_guard lock(m_mutex);
        m_devices[out.front().device].alarmInFlight = false;
        ++m_counters.conflated;
        out.erase(out.begin());
    }
    submit(std::move(out));
}

void IotIntake::decideMessage(const DeviceMessage& m, const Device& d, DeviceState& st,
                              core::TimeMs now, std::vector<Outgoing>& out) {
    if (d.water) {
        const WaterSensor& s = d.sensor;
        const bool outOfService = m.value < s.minimum;
        const double step = std::max(std::abs(s.minimum) * m_options.waterChangeFraction, 1e-9);
        const bool worth = !st.stored || outOfService != st.storedOut ||
                           std::abs(m.value - st.storedValue) > step ||
                           now - st.storedAt >= m_options.waterRefreshMs;
        if (!worth) {
            ++m_counters.conflated;
            return;
        }
        st.stored = true;
        st.storedAt = now;
        st.storedValue = m.value;
        st.storedOut = outOfService;
        core::WaterReading r{s.sourceId, d.id,   s.quantity,  m.value,
                             s.minimum,  m.time, outOfService};
        out.push_back({core::Command{core::ReportWaterReading{r}}, d.id, false});
        return;
    }
    const core::BuildingCard& b = m_registry.buildings()[d.building];
    // Any message from a silent panel is a sign of life.
    if (st.silent) {
        st.silent = false;
        out.push_back(
            {core::Command{core::SetPanelFault{d.id, b.id, false, "heard again"}}, d.id, false});
    }
    const std::string zone = m.zone.empty() ? d.zone : m.zone;
    switch (m.type) {
        case MessageType::FireAlarm: {
            if (st.alarmInFlight) {
                ++m_counters.conflated;
                return;
            }
            st.alarmInFlight = true;
            const Recommendation rec = m_registry.recommendationFor(b.kind);
            core::RaisePanelAlarm a{b, rec.incidentType, rec.level, d.id, zone, m.time};
            // The alarm goes first so that the conflation check sees it.
            out.insert(out.begin(), Outgoing{core::Command{std::move(a)}, d.id, true});
            return;
        }
        case MessageType::Fault:
        case MessageType::Supervisory: {
            std::string reason = toString(m.type);
            reason += ": ";
            reason += m.detail.empty() ? zone : m.detail;
            out.push_back(
                {core::Command{core::SetPanelFault{d.id, b.id, true, reason}}, d.id, false});
            return;
        }
        case MessageType::Reset:
            out.push_back(
                {core::Command{core::SetPanelFault{d.id, b.id, false, "reset"}}, d.id, false});
            return;
        case MessageType::Heartbeat:
        case MessageType::Pressure:
        case MessageType::Level:
            return;
    }
}

void IotIntake::submit(std::vector<Outgoing> out) {
    if (out.empty())
        return;
    std::vector<core::Command> commands;
    std::vector<std::pair<core::Id, bool>> who;
    commands.reserve(out.size());
    for (auto& o : out) {
        commands.push_back(std::move(o.command));
        who.emplace_back(o.device, o.alarm);
    }
    {
        std::lock_guard lock(m_mutex);
        m_counters.commands += commands.size();
    }
    m_live.submit({"iot", m_origin, 0}, std::move(commands),
                  [this, who = std::move(who)](std::vector<session::CommandResult> results) {
                      std::lock_guard lock(m_mutex);
                      for (std::size_t i = 0; i < results.size() && i < who.size(); ++i) {
                          if (who[i].second)
                              m_devices[who[i].first].alarmInFlight = false;
                          if (!results[i]) {
                              ++m_counters.refused;
                              m_problem.set(m_live.now(),
                                            who[i].first + ": " + results[i].error().message);
                          }
                      }
                  });
}

IntakeCounters IotIntake::counters() const {
    std::lock_guard lock(m_mutex);
    return m_counters;
}

feeds::FeedStatus IotIntake::status() const {
    const IntakeCounters c = counters();
    feeds::FeedStatus s;
    s.kind = "mqtt";
    s.source = m_source;
    s.up = m_client->up();
    s.messages = c.messages;
    s.malformed = c.malformed;
    s.connects = m_client->connects();
    s.failures = c.refused;
    s.unknownDevices = c.unknownDevices;
    s.replayed = c.replayed;
    s.conflated = c.conflated;
    auto [what, when] = m_problem.get();
    s.lastError = std::move(what);
    s.lastErrorTime = when;
    return s;
}

}  // namespace flameblue::iot
