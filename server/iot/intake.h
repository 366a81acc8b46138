#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/commands.h"
#include "core/worker_thread.h"
#include "feeds/feed_counters.h"
#include "iot/mqtt_client.h"
#include "iot/payload.h"
#include "iot/registry.h"
#include "session/session.h"

namespace flameblue::iot {

struct IntakeOptions {
    // A panel heard before and silent for this long raises a fault (three missed heartbeats).
    core::TimeMs heartbeatTimeoutMs = 180'000;
    // How often the watchdog looks.
    core::TimeMs watchdogPeriodMs = 5'000;
    // A device's time may lead the server's clock by this much, and lag it by the second.
    core::TimeMs maxFutureMs = 5LL * 60 * 1000;
    core::TimeMs maxAgeMs = 24LL * 3600 * 1000;
    // A water reading is stored again when its service state flips, when it moved by more than
    // this fraction of its threshold, or when the stored one is older than `waterRefreshMs`.
    double waterChangeFraction = 0.05;
    core::TimeMs waterRefreshMs = 5LL * 60 * 1000;
};

// Everything the intake counted since it started.
struct IntakeCounters {
    std::uint64_t messages = 0;        // accepted
    std::uint64_t malformed = 0;       // not a valid payload, or a topic that names no device
    std::uint64_t unknownDevices = 0;  // not in the registry
    std::uint64_t replayed = 0;        // sequence or time not after the last accepted one
    std::uint64_t conflated = 0;       // alarms already raised, readings not worth storing
    std::uint64_t commands = 0;        // handed to the session
    std::uint64_t refused = 0;         // commands the session refused
};

using IntakeLog = std::function<void(const std::string&)>;

// The MQTT intake of building alarm panels and water sensors. Each message is parsed strictly,
// checked against the registry and the device's last sequence number and time, and turned into
// a command only when it changes something: a fire alarm from a detector already in its
// building's open draft (or one whose alarm is still being written) is conflated, so a panel
// sending a thousand alarms a second writes one event. Heartbeats are kept in memory; a panel
// that falls silent raises a fault and its next message clears it.
class IotIntake {
public:
    IotIntake(session::Session& live, const Registry& registry, MqttOptions mqtt,
              IntakeOptions options, IntakeLog log);
    ~IotIntake();
    IotIntake(const IotIntake&) = delete;
    IotIntake& operator=(const IotIntake&) = delete;

    // Connects to the broker (reconnecting with back-off) and starts the heartbeat watchdog.
    void start();
    void stop();

    // One message as it came from the broker (any thread; the MQTT thread in service).
    void handle(std::string_view topic, std::string_view payload);
    // Raises faults for panels silent longer than the timeout at `now`; returns how many.
    std::size_t checkHeartbeats(core::TimeMs now);

    IntakeCounters counters() const;
    // The intake as a feed for ListFeeds: kind "mqtt", the broker, up or not, the counters.
    feeds::FeedStatus status() const;

private:
    struct DeviceState {
        std::uint64_t lastSeq = 0;
        core::TimeMs lastTime = 0;
        bool seen = false;
        core::TimeMs lastHeard = 0;  // server clock
        bool silent = false;         // a no-heartbeat fault is raised
        bool alarmInFlight = false;  // a fire alarm command not answered yet
        // Water: what was stored last.
        bool stored = false;
        core::TimeMs storedAt = 0;
        double storedValue = 0.0;
        bool storedOut = false;
    };
    struct Outgoing {
        core::Command command;
        core::Id device;
        bool alarm = false;
    };

    void run();
    void submit(std::vector<Outgoing> out);
    void connectionChanged(bool up, const std::string& why);
    // Under m_mutex: what a valid message from a known device asks for.
    void decideMessage(const DeviceMessage& m, const Device& d, DeviceState& st, core::TimeMs now,
                       std::vector<Outgoing>& out);
    bool alreadyInDraft(const Device& d) const;

    session::Session& m_live;
    const Registry& m_registry;
    IntakeOptions m_options;
    IntakeLog m_log;
    std::string m_source;  // host:port
    std::string m_origin;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    std::unordered_map<core::Id, DeviceState> m_devices;
    IntakeCounters m_counters;
    feeds::LastProblem m_problem;
    std::unique_ptr<MqttClient> m_client;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::iot
