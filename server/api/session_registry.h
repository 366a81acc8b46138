#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/live_feed.h"
#include "session/session.h"

namespace flameblue::api {

// A session as the API serves it: the session itself and its live fan-out.
struct SessionHandle {
    session::Session* session = nullptr;
    LiveFanOut* fanout = nullptr;
};

// The sessions the server serves, by id. "live" is always there; drills come and go.
class SessionRegistry {
public:
    static constexpr const char* kLive = "live";

    void add(const std::string& id, SessionHandle handle) {
        std::lock_guard lock(m_mutex);
        m_sessions[id] = handle;
    }
    void remove(const std::string& id) {
        std::lock_guard lock(m_mutex);
        m_sessions.erase(id);
    }
    // An empty id means "live".
    bool find(const std::string& id, SessionHandle& out) const {
        std::lock_guard lock(m_mutex);
        auto it = m_sessions.find(id.empty() ? std::string(kLive) : id);
        if (it == m_sessions.end())
            return false;
        out = it->second;
        return true;
    }

private:
    mutable std::mutex m_mutex;
    std::map<std::string, SessionHandle> m_sessions;
};

}  // namespace flameblue::api
