// flameblue-generate: fills a state directory with a simulated year of province operation, so
// that the reports have something real to show on a fresh machine.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>

#include "app/options.h"

#include "app/year_generator.h"

namespace {

std::string helpText(const char* program) {
    std::string text = "Usage: ";
    text += program;
    text += R"( --state-dir DIR [options]

Writes a simulated year of province operation into DIR/live.db through the command path:
alarms by city and station specialisation, busier hours by day, forest fires in spring, floods
in summer; units sent by the run cards and moving by the travel model. The server then opens it
with --state-dir DIR and the reports cover the whole year.

  --state-dir DIR     where to write the event log (must not hold one yet)
  --data-dir DIR      the data set (default: the bundled data/, or $FLAMEBLUE_DATA_DIR)
  --incidents N       incidents over the period (default 150000)
  --days N            length of the period in days, 1..3660 (default 365)
  --start YYYY-MM-DD  first day (China Standard Time); default: the period ends yesterday
  --seed N            random seed; the same seed and data set give the same log (default 20260101)
  --help              this text
)";
    return text;
}

bool parseCount(const std::string& text, unsigned long long max, unsigned long long& out) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 19) {
        return false;
    }
    out = std::stoull(text);
    return out <= max;
}

// "YYYY-MM-DD" as the UTC milliseconds of its midnight in China Standard Time.
bool parseDay(const std::string& text, long long& out) {
    std::tm tm{};
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const char* end = strptime(text.c_str(), "%Y-%m-%d", &tm);
    if (end == nullptr || *end != '\0') {
        return false;
    }
    out = (static_cast<long long>(timegm(&tm)) - 8LL * 3600) * 1000;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    using flameblue::app::YearOptions;
    YearOptions options;
    std::string dataDir = flameblue::app::defaultDataDir();
    std::string stateDir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << helpText(argv[0]);
            return 0;
        }
        if (i + 1 >= argc) {
            std::cerr << "flameblue-generate: " << arg << " needs a value (see --help)\n";
            return 2;
        }
        const std::string value = argv[++i];
        unsigned long long n = 0;
        if (arg == "--state-dir") {
            stateDir = value;
        } else if (arg == "--data-dir") {
            dataDir = value;
        } else if (arg == "--incidents") {
            if (!parseCount(value, 10'000'000, n) || n == 0) {
                std::cerr << "flameblue-generate: --incidents " << value
                          << ": expected a whole number 1..10000000\n";
                return 2;
            }
            options.incidents = n;
        } else if (arg == "--days") {
            if (!parseCount(value, 3660, n) || n == 0) {
                std::cerr << "flameblue-generate: --days " << value
                          << ": expected a whole number 1..3660\n";
                return 2;
            }
            options.days = static_cast<int>(n);
        } else if (arg == "--seed") {
            if (!parseCount(value, ~0ULL, n)) {
                std::cerr << "flameblue-generate: --seed " << value
                          << ": expected a whole number\n";
                return 2;
            }
            options.seed = n;
        } else if (arg == "--start") {
            long long start = 0;
            if (!parseDay(value, start)) {
                std::cerr << "flameblue-generate: --start " << value
                          << ": expected a date as YYYY-MM-DD\n";
                return 2;
            }
            options.start = start;
        } else {
            std::cerr << "flameblue-generate: unknown option " << arg << " (see --help)\n";
            return 2;
        }
    }
    if (stateDir.empty()) {
        std::cerr << "flameblue-generate: --state-dir is required (see --help)\n";
        return 2;
    }
    const auto began = std::chrono::steady_clock::now();
    std::uint64_t lastShown = 0;
    auto progress = [&](std::uint64_t events, flameblue::core::TimeMs simulated) {
        if (events - lastShown < 500'000) {
            return;
        }
        lastShown = events;
        const auto secs = static_cast<std::time_t>(simulated / 1000);
        std::tm tm{};
        gmtime_r(&secs, &tm);
        char day[16];
        std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
        std::cout << "  " << events << " events, simulated up to " << day << "\n" << std::flush;
    };
    std::cout << "Generating " << options.incidents << " incidents over " << options.days
              << " days into " << (fs::path(stateDir) / "live.db").string() << "\n"
              << std::flush;
    auto summary = flameblue::app::generateStateDir(dataDir, stateDir, options, progress);
    if (!summary) {
        std::cerr << "flameblue-generate: " << summary.error().message << "\n";
        return 1;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::cout << "Wrote " << summary->events << " events: " << summary->incidents << " incidents, "
              << summary->unitResponses << " unit responses (" << summary->calledOff
              << " called off on the way), " << summary->slotsUnfilled
              << " run card slots without an available unit in range; " << seconds << " s\n"
              << "Start the server on it with: flameblue-server --state-dir " << stateDir << "\n";
    return 0;
}
