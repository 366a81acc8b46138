#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace flameblue::iot {

struct MqttOptions {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string clientId = "flameblue-server";
    std::string username;  // empty: anonymous
    std::string password;
    std::string caFile;  // PEM CA certificate(s): connect with TLS
    std::vector<std::string> topics = {"flameblue/v1/panel/+", "flameblue/v1/water/+"};
    int keepaliveSeconds = 30;
    // Reconnect back-off: the first wait, doubled after each failure up to the longest.
    std::chrono::milliseconds firstRetry{500};
    std::chrono::milliseconds longestRetry{30000};
};

// A subscriber to the broker on a thread of its own (libmosquitto's synchronous loop): connects,
// subscribes, hands every message to `onMessage` on that thread, and when the broker goes away
// reconnects with back-off until stop(). `onState` hears every connection change (up, and the
// reason when down).
class MqttClient {
public:
    using MessageHandler = std::function<void(std::string_view topic, std::string_view payload)>;
    using StateHandler = std::function<void(bool up, const std::string& why)>;

    MqttClient(MqttOptions options, MessageHandler onMessage, StateHandler onState);
    ~MqttClient();
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    void start();
    void stop();

    bool up() const { return m_up.load(); }
    std::uint64_t connects() const { return m_connects.load(); }
    const MqttOptions& options() const { return m_options; }

private:
    void run();
    void setDown(const std::string& why);
    bool waitRetry(std::chrono::milliseconds delay);
    static void onConnect(struct mosquitto* m, void* self, int rc);
    static void onMessageCb(struct mosquitto* m, void* self, const struct mosquitto_message* msg);

    MqttOptions m_options;
    MessageHandler m_onMessage;
    StateHandler m_onState;
    struct mosquitto* m_mosq = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    std::atomic<bool> m_up{false};
    std::atomic<std::uint64_t> m_connects{0};
    bool m_refused = false;  // the broker refused the CONNECT (credentials)
};

}  // namespace flameblue::iot
