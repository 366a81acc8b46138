#pragma once

// A Mosquitto broker for tests, started by the test itself: its own configuration file in a
// temporary directory, on a loopback port that is free when it starts (started again on another
// should that port be taken in between), never a system service. And a small publisher on
// libmosquitto for playing panels and sensors.

#include <mosquitto.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "support/loopback_port.h"

namespace flameblue::testing {

inline const char* mosquittoBinary() {
    return std::filesystem::exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
}

// True once a TCP connection to 127.0.0.1:port succeeds.
inline bool portAccepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

class MosquittoBroker {
public:
    // Starts a broker with its configuration in `dir`; nullptr (and *error) when it cannot.
    static std::unique_ptr<MosquittoBroker> start(const std::filesystem::path& dir,
                                                  std::string* error) {
        std::filesystem::create_directories(dir);
        std::unique_ptr<MosquittoBroker> b(new MosquittoBroker);
        b->m_dir = dir;
        for (int attempt = 0; attempt < 5; ++attempt) {
            b->m_port = unheldLoopbackPort();
            if (b->launch())
                return b;
        }
        if (error)
            *error = "mosquitto did not start; see " + (dir / "mosquitto.log").string();
        return nullptr;
    }
    ~MosquittoBroker() { kill(); }
    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;

    int port() const { return m_port; }
    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }
    bool running() const { return m_pid > 0; }

    // The broker goes away at once (SIGKILL): connections drop without a goodbye.
    void kill() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    // Starts it again on the same port.
    bool restart() {
        kill();
        for (int attempt = 0; attempt < 50; ++attempt) {
            if (launch())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

private:
    MosquittoBroker() = default;

    bool launch() {
        const auto conf = m_dir / "mosquitto.conf";
        {
            std::ofstream c(conf);
            c << "listener " << m_port << " 127.0.0.1\n"
              << "allow_anonymous true\n"
              << "persistence false\n"
              << "log_dest none\n"
              << "max_queued_messages 100000\n";
        }
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent)
                ::_exit(127);
            const std::string confPath = conf.string();
            ::execlp(mosquittoBinary(), "mosquitto", "-c", confPath.c_str(),
                     static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (pid < 0)
            return false;
        m_pid = pid;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < until) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                m_pid = -1;
                return false;  // exited: the port was taken, most likely
            }
            if (portAccepts(m_port))
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill();
        return false;
    }

    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

// Publishes to the broker with QoS 1 from a libmosquitto network thread.
class MqttPublisher {
public:
    explicit MqttPublisher(int port, const std::string& clientId = "flameblue-test-publisher") {
        static std::once_flag init;
        std::call_once(init, [] { mosquitto_lib_init(); });
        m_mosq = mosquitto_new(clientId.c_str(), true, nullptr);
        m_connected = mosquitto_connect(m_mosq, "127.0.0.1", port, 30) == MOSQ_ERR_SUCCESS &&
                      mosquitto_loop_start(m_mosq) == MOSQ_ERR_SUCCESS;
    }
    ~MqttPublisher() {
        if (m_mosq != nullptr) {
            mosquitto_disconnect(m_mosq);
            mosquitto_loop_stop(m_mosq, true);
            mosquitto_destroy(m_mosq);
        }
    }
    MqttPublisher(const MqttPublisher&) = delete;
    MqttPublisher& operator=(const MqttPublisher&) = delete;

    bool connected() const { return m_connected; }
    bool publish(const std::string& topic, const std::string& payload, int qos = 1) {
        return mosquitto_publish(m_mosq, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                 payload.data(), qos, false) == MOSQ_ERR_SUCCESS;
    }

private:
    struct mosquitto* m_mosq = nullptr;
    bool m_connected = false;
};

}  // namespace flameblue::testing
