#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/worker_thread.h"
#include "feeds/feed_counters.h"
#include "feeds/sbs_decoder.h"

namespace flameblue::feeds {

struct SbsReplayOptions {
    std::string path;    // a recorded SBS-1 stream, one line per message
    double speed = 1.0;  // 10: ten recorded seconds per second
    bool loop = false;   // start again at the end
    // Lines with no date and time before the first line that has one (some recordings carry
    // none at all) are played at this rate, times the speed.
    double untimedLinesPerSecond = 20.0;
    double flushSeconds = 0.05;
};

// The time a line was generated (fields 7 and 8, date yyyy/mm/dd and time hh:mm:ss[.sss]), or
// when it was logged (fields 9 and 10) when those are empty; nullopt when neither is usable.
// Read as UTC: only the differences between lines matter for pacing.
std::optional<core::TimeMs> sbsLineTime(std::string_view line);

// Plays a recorded SBS-1 file as if a receiver were sending it, paced by the lines' own times
// at a chosen speed, for tests, demonstrations and drills. Positions are handed on with the time
// they are played (not the recorded time), so a replay looks like a live feed downstream and a
// loop never goes back in time. A line without a time goes with the line before it.
class SbsReplay {
public:
    using Clock = std::function<core::TimeMs()>;
    using OnPositions = std::function<void(std::vector<AircraftTrack>)>;

    SbsReplay(SbsReplayOptions options, Clock clock, OnPositions onPositions, FeedLog onLog);
    ~SbsReplay();

    void start();
    void stop();
    // True once the file has been played to the end (never for a loop).
    bool finished() const { return m_finished.load(); }
    std::uint64_t passes() const { return m_passes.load(); }
    // Playing now (started, not finished, the file readable).
    bool playing() const { return m_playing.load(); }
    const FeedCounters& counters() const { return m_counters; }
    const LastProblem& lastProblem() const { return m_problems.last(); }

private:
    void run();
    bool playOnce();  // false when stopping or the file cannot be read
    void playLine(std::string_view line);
    bool waitUntil(std::chrono::steady_clock::time_point due);  // false when stopping
    void flush(bool force);

    SbsReplayOptions m_options;
    Clock m_clock;
    OnPositions m_onPositions;
    FeedCounters m_counters;
    ProblemLog m_problems;
    SbsDecoder m_decoder{m_counters, m_problems};

    // Pacing of the current pass.
    std::optional<core::TimeMs> m_firstLineTime;
    core::TimeMs m_lastLineTime = 0;
    std::chrono::steady_clock::time_point m_passStart;
    std::chrono::steady_clock::time_point m_untimedDue;
    std::chrono::steady_clock::time_point m_lastFlush;

    std::atomic<bool> m_finished{false};
    std::atomic<bool> m_playing{false};
    std::atomic<std::uint64_t> m_passes{0};
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::feeds
