#include "api/audit.h"

#include <nlohmann/json.hpp>

namespace flameblue::api {

namespace {

nlohmann::json toJson(const AuditEntry& e) {
    return {{"id", e.id},           {"time_ms", e.timeMs},  {"operator", e.operatorId},
            {"console", e.console}, {"peer", e.peer},       {"method", e.method},
            {"code", e.code},       {"message", e.message}, {"subject", e.subject}};
}

bool matches(const AuditEntry& e, const AuditFilter& f) {
    if (!f.operatorId.empty() && e.operatorId != f.operatorId)
        return false;
    if (!f.console.empty() && e.console != f.console)
        return false;
    if (!f.method.empty() && e.method.find(f.method) == std::string::npos)
        return false;
    if (!f.subject.empty() && e.subject != f.subject)
        return false;
    if (f.fromMs && e.timeMs < *f.fromMs)
        return false;
    if (f.toMs && e.timeMs >= *f.toMs)
        return false;
    return !(f.refusedOnly && e.code == 0);
}

}  // namespace

AuditLog::AuditLog(std::size_t capacity) : m_capacity(capacity) {}

core::Status AuditLog::openFile(const std::string& path) {
    std::lock_guard lock(m_mutex);
    {
        std::ifstream in(path);
        std::string line;
        int lineNo = 0;
        while (in && std::getline(in, line)) {
            ++lineNo;
            if (line.empty())
                continue;
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.is_object()) {
                // A line cut short by a crash is skipped; the rest of the trail still counts.
                continue;
            }
            AuditEntry e;
            e.id = j.value("id", std::uint64_t{0});
            e.timeMs = j.value("time_ms", std::int64_t{0});
            e.operatorId = j.value("operator", "");
            e.console = j.value("console", "");
            e.peer = j.value("peer", "");
            e.method = j.value("method", "");
            e.code = j.value("code", 0);
            e.message = j.value("message", "");
            e.subject = j.value("subject", "");
            m_nextId = std::max(m_nextId, e.id + 1);
            m_entries.push_back(std::move(e));
            if (m_entries.size() > m_capacity)
                m_entries.pop_front();
        }
    }
    m_file.open(path, std::ios::app);
    if (!m_file)
        return core::invalidArgument("audit trail " + path + ": cannot be written");
    return core::Ok{};
}

void AuditLog::add(AuditEntry e) {
    std::lock_guard lock(m_mutex);
    e.id = m_nextId++;
    if (m_file.is_open()) {
        m_file << toJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        m_file.flush();
    }
    m_entries.push_back(std::move(e));
    if (m_entries.size() > m_capacity)
        m_entries.pop_front();
}

std::vector<AuditEntry> AuditLog::query(const AuditFilter& filter) const {
    std::lock_guard lock(m_mutex);
    std::vector<AuditEntry> out;
    for (auto it = m_entries.rbegin(); it != m_entries.rend() && out.size() < filter.limit; ++it) {
        if (matches(*it, filter))
            out.push_back(*it);
    }
    return out;
}

std::size_t AuditLog::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

}  // namespace flameblue::api
