#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/events.h"
#include "core/state.h"

namespace flameblue::store::testing {

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path file(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// 2026-11-29 08:00 Beijing time (00:00 UTC), in ms.
constexpr core::TimeMs kShiftStart = 1'795'910'400'000;

// One payload of each of the twelve kinds, in EventKind order. `full` sets every optional field
// (and fills lists); otherwise optionals are unset and lists empty.
std::vector<core::EventPayload> everyPayloadKind(bool full);

// Numbers payloads as events seq firstSeq, firstSeq+1, ... one second apart from `start`.
std::vector<core::Event> numbered(const std::vector<core::EventPayload>& payloads,
                                  std::uint64_t firstSeq, core::TimeMs start = kShiftStart);

// A realistic stretch of a shift in Taiyuan, seq 1..N: roster upserts, an incident from the
// alarm through dispatch, status changes, position fixes and release to close, a second
// incident, and a removal. Times increase along the log.
std::vector<core::Event> shiftScenario();

// Position fixes and status changes for the units of shiftScenario(), as a busy AVL feed sends.
std::vector<core::Event> avlTraffic(std::uint64_t firstSeq, std::size_t count, core::TimeMs start);

// The state folded directly from events, the reference recoverState() must match.
core::State fold(const std::vector<core::Event>& events);

}  // namespace flameblue::store::testing
