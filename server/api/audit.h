#pragma once

// The audit trail: who did what, from which console and address, when, and how it ended
// (refused attempts included). Kept in memory (the newest `capacity` entries) and, with a file,
// appended to it as JSON lines and read back at start.

#include <cstdint>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace flameblue::api {

struct AuditEntry {
    std::uint64_t id = 0;
    std::int64_t timeMs = 0;
    std::string operatorId;
    std::string console;
    std::string peer;
    std::string method;  // "/flameblue.v1.Dispatch/DispatchUnits"
    int code = 0;        // gRPC status code; 0 is OK
    std::string message;
    std::string subject;  // the incident, unit or drill the call named, when it named one
};

struct AuditFilter {
    std::string operatorId;
    std::string console;
    std::string method;  // a substring of the method name
    std::string subject;
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
    bool refusedOnly = false;
    std::size_t limit = 200;
};

class AuditLog {
public:
    explicit AuditLog(std::size_t capacity = 100'000);
    // Reads the entries already in `path` and appends new ones to it.
    core::Status openFile(const std::string& path);

    void add(AuditEntry e);
    // Newest first.
    std::vector<AuditEntry> query(const AuditFilter& filter) const;
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::deque<AuditEntry> m_entries;
    std::uint64_t m_nextId = 1;
    std::ofstream m_file;
};

}  // namespace flameblue::api
