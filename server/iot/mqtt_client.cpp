#include "iot/mqtt_client.h"

#include <mosquitto.h>

#include <algorithm>

namespace flameblue::iot {

namespace {
std::once_flag g_libInit;
}

MqttClient::MqttClient(MqttOptions options, MessageHandler onMessage, StateHandler onState)
    : m_options(std::move(options)),
      m_onMessage(std::move(onMessage)),
      m_onState(std::move(onState)) {}

MqttClient::~MqttClient() {
    stop();
}

void MqttClient::start() {
    if (m_thread.joinable())
        return;
    std::call_once(g_libInit, [] { mosquitto_lib_init(); });
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_thread = std::thread([this] { run(); });
}

void MqttClient::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void MqttClient::setDown(const std::string& why) {
    const bool was = m_up.exchange(false);
    if (was || !why.empty())
        m_onState(false, why);
}

bool MqttClient::waitRetry(std::chrono::milliseconds delay) {
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, delay, [this] { return m_stopping; });
}

void MqttClient::onConnect(struct mosquitto* m, void* self, int rc) {
    auto* c = static_cast<MqttClient*>(self);
    if (rc != 0) {
        c->m_refused = true;
        c->setDown(std::string("the broker refused the connection: ") +
                   mosquitto_connack_string(rc));
        return;
    }
    for (const std::string& topic : c->m_options.topics)
        mosquitto_subscribe(m, nullptr, topic.c_str(), 1);
    c->m_connects.fetch_add(1);
    c->m_up.store(true);
    c->m_onState(true, {});
}

void MqttClient::onMessageCb(struct mosquitto*, void* self, const struct mosquitto_message* msg) {
    auto* c = static_cast<MqttClient*>(self);
    if (msg == nullptr || msg->topic == nullptr)
        return;
    const std::string_view payload(
        static_cast<const char*>(msg->payload),
        msg->payload == nullptr ? 0 : static_cast<std::size_t>(msg->payloadlen));
    c->m_onMessage(msg->topic, payload);
}

void MqttClient::run() {
    m_mosq = mosquitto_new(m_options.clientId.c_str(), true, this);
    if (m_mosq == nullptr) {
        setDown("cannot create an MQTT client");
        return;
    }
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessageCb);
    if (!m_options.username.empty()) {
        mosquitto_username_pw_set(
            m_mosq, m_options.username.c_str(),
            m_options.password.empty() ? nullptr : m_options.password.c_str());
    }
    if (!m_options.caFile.empty()) {
        const int rc =
            mosquitto_tls_set(m_mosq, m_options.caFile.c_str(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            setDown(std::string("TLS: cannot use the CA file: ") + mosquitto_strerror(rc));
        }
    }
    std::chrono::milliseconds retry = m_options.firstRetry;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        m_refused = false;
        int rc = mosquitto_connect(m_mosq, m_options.host.c_str(), m_options.port,
                                   m_options.keepaliveSeconds);
        if (rc == MOSQ_ERR_SUCCESS) {
            bool wasUp = false;
            for (;;) {
                {
                    std::lock_guard lock(m_mutex);
                    if (m_stopping)
                        break;
                }
                rc = mosquitto_loop(m_mosq, 100, 1);
                if (m_up.load() && !wasUp) {
                    wasUp = true;
                    retry = m_options.firstRetry;  // a good connection resets the back-off
                }
                if (rc != MOSQ_ERR_SUCCESS || m_refused)
                    break;
            }
            if (rc != MOSQ_ERR_SUCCESS && !m_refused) {
                setDown(rc == MOSQ_ERR_ERRNO
                            ? "the broker went away"
                            : std::string("connection lost: ") + mosquitto_strerror(rc));
            }
        } else {
            setDown(std::string("cannot connect to ") + m_options.host + ":" +
                    std::to_string(m_options.port) + ": " +
                    (rc == MOSQ_ERR_ERRNO ? "connection refused or unreachable"
                                          : mosquitto_strerror(rc)));
        }
        if (!waitRetry(retry))
            break;
        retry = std::min(retry * 2, m_options.longestRetry);
    }
    mosquitto_disconnect(m_mosq);
    m_up.store(false);
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
}

}  // namespace flameblue::iot
