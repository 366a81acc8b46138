#include "feeds/sbs_replay.h"

#include <array>
#include <charconv>
#include <chrono>
#include <fstream>

#include "feeds/line_splitter.h"

namespace flameblue::feeds {

namespace {

using SteadyClock = std::chrono::steady_clock;

bool readInt(std::string_view s, int& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

std::optional<core::TimeMs> dateTime(std::string_view date, std::string_view time) {
    // yyyy/mm/dd (some tools write yyyy-mm-dd) and hh:mm:ss[.fraction]
    if (date.size() != 10 || time.size() < 8 || (date[4] != '/' && date[4] != '-') ||
        date[7] != date[4] || time[2] != ':' || time[5] != ':') {
        return std::nullopt;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!readInt(date.substr(0, 4), y) || !readInt(date.substr(5, 2), mo) ||
        !readInt(date.substr(8, 2), d) || !readInt(time.substr(0, 2), h) ||
        !readInt(time.substr(3, 2), mi) || !readInt(time.substr(6, 2), s)) {
        return std::nullopt;
    }
    int ms = 0;
    if (time.size() > 8) {
        if (time[8] != '.' || time.size() == 9)
            return std::nullopt;
        std::string_view frac = time.substr(9, 3);
        for (char c : time.substr(9)) {
            if (c < '0' || c > '9')
                return std::nullopt;
        }
        readInt(frac, ms);
        for (std::size_t i = frac.size(); i < 3; ++i)
            ms *= 10;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                          std::chrono::day(d)};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    const auto days = std::chrono::sys_days(ymd).time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(days).count() +
           ((h * 60 + mi) * 60 + s) * core::TimeMs{1000} + ms;
}

}  // namespace

std::optional<core::TimeMs> sbsLineTime(std::string_view line) {
    std::array<std::string_view, 10> f{};
    std::size_t n = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size() && n < f.size(); ++i) {
        if (i == line.size() || line[i] == ',') {
            f[n++] = line.substr(start, i - start);
            start = i + 1;
        }
    }
    if (n < 8)
        return std::nullopt;
    if (auto t = dateTime(f[6], f[7]))
        return t;
    if (n >= 10)
        return dateTime(f[8], f[9]);
    return std::nullopt;
}

SbsReplay::SbsReplay(SbsReplayOptions options, Clock clock, OnPositions onPositions, FeedLog onLog)
    : m_options(std::move(options)),
      m_clock(std::move(clock)),
      m_onPositions(std::move(onPositions)),
      m_problems("SBS replay " + m_options.path, std::move(onLog)) {}

SbsReplay::~SbsReplay() {
    stop();
}

void SbsReplay::start() {
    m_worker.start([this] { run(); });
}

void SbsReplay::stop() {
    m_worker.stop();
}

bool SbsReplay::waitUntil(SteadyClock::time_point due) {
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_until(lock, due, [this] { return m_stopping; });
}

void SbsReplay::run() {
    m_playing = true;
    for (;;) {
        if (!playOnce()) {
            m_playing = false;
            return;
        }
        ++m_passes;
        if (!m_options.loop) {
            m_playing = false;
            m_finished = true;
            m_problems.note("played to the end");
            return;
        }
    }
}

bool SbsReplay::playOnce() {
    std::ifstream in(m_options.path, std::ios::binary);
    if (!in) {
        m_problems.report(m_clock(), "cannot open the file");
        return false;
    }
    m_firstLineTime.reset();
    m_lastLineTime = 0;
    m_passStart = SteadyClock::now();
    m_untimedDue = m_passStart;
    m_lastFlush = m_passStart;
    LineSplitter splitter(kMaxSbsLineBytes);
    std::size_t overlong = 0;
    char buffer[64 * 1024];
    bool stopping = false;
    while (!stopping && (in.read(buffer, sizeof buffer) || in.gcount() > 0)) {
        splitter.feed(std::string_view(buffer, static_cast<std::size_t>(in.gcount())),
                      [&](std::string_view line) {
                          if (!stopping) {
                              playLine(line);
                              std::lock_guard lock(m_mutex);
                              stopping = m_stopping;
                          }
                      });
        if (splitter.overlongLines() > overlong) {
            m_counters.overlong += splitter.overlongLines() - overlong;
            overlong = splitter.overlongLines();
            m_problems.report(m_clock(), "line longer than 512 bytes");
        }
    }
    if (stopping)
        return false;
    splitter.reset();
    if (splitter.truncatedLines() > 0) {
        ++m_counters.truncated;
        m_problems.report(m_clock(), "the file ends in the middle of a line");
    }
    flush(true);
    return true;
}

void SbsReplay::playLine(std::string_view line) {
    SteadyClock::time_point due;
    if (const auto t = sbsLineTime(line)) {
        if (!m_firstLineTime)
            m_firstLineTime = *t;
        // A recording that steps back in time (a receiver's clock was set) plays on at once.
        m_lastLineTime = std::max(m_lastLineTime, *t - *m_firstLineTime);
        due = m_passStart + std::chrono::duration_cast<SteadyClock::duration>(
                                std::chrono::duration<double, std::milli>(
                                    static_cast<double>(m_lastLineTime) / m_options.speed));
    } else if (!m_firstLineTime) {
        due = m_untimedDue;
        m_untimedDue +=
            std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(
                1.0 / (m_options.untimedLinesPerSecond * m_options.speed)));
    } else {
        due = SteadyClock::now();  // with the line before it
    }
    if (due > SteadyClock::now()) {
        flush(true);
        if (!waitUntil(due))
            return;
    }
    m_decoder.line(line, m_clock());
    flush(false);
}

void SbsReplay::flush(bool force) {
    const auto now = SteadyClock::now();
    if (!m_decoder.hasMoved() ||
        (!force && now - m_lastFlush < std::chrono::duration<double>(m_options.flushSeconds))) {
        return;
    }
    m_lastFlush = now;
    std::vector<AircraftTrack> batch = m_decoder.takeMoved();
    for (AircraftTrack& t : batch)
        t.pace = m_options.speed;  // moves are judged on the recorded clock
    if (m_onPositions && !batch.empty())
        m_onPositions(std::move(batch));
}

}  // namespace flameblue::feeds
