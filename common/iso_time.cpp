#include "common/iso_time.h"

#include <array>
#include <cstdio>
#include <string>

namespace flameblue::common {

namespace {
constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr std::int64_t kMsPerDay = 24 * 60 * kMsPerMinute;
constexpr std::size_t kDateHourMinute = 16;  // "YYYY-MM-DDTHH:MM"
constexpr int kMaxOffsetHours = 14;

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t z, int* y, int* m, int* d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = static_cast<int>(yoe + era * 400) + (*m <= 2 ? 1 : 0);
}

int daysInMonth(int y, int m) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

std::string format(std::int64_t ms, int offsetMinutes, const char* zone) {
    const std::int64_t local = ms + offsetMinutes * kMsPerMinute;
    std::int64_t days = local / kMsPerDay;
    std::int64_t rest = local % kMsPerDay;
    if (rest < 0) {
        rest += kMsPerDay;
        --days;
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(days, &y, &m, &d);
    const auto secs = static_cast<int>(rest / kMsPerSecond);
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, secs / 3600,
                  secs / 60 % 60, secs % 60, zone);
    return buf.data();
}
}  // namespace

std::optional<std::int64_t> parseIsoTime(std::string_view text) {
    const std::string s(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, n = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 ||
        static_cast<std::size_t>(n) != kDateHourMinute) {
        return std::nullopt;
    }
    std::size_t pos = kDateHourMinute;
    int sec = 0, ms = 0;
    if (pos < s.size() && s[pos] == ':') {
        if (std::sscanf(s.c_str() + pos, ":%2d%n", &sec, &n) != 1 || n != 3)
            return std::nullopt;
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t digits = 0;
            ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                if (digits < 3)
                    ms = ms * 10 + (s[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0)
                return std::nullopt;
            for (std::size_t i = digits; i < 3; ++i)
                ms *= 10;
        }
    }
    int offsetMinutes = 0;
    const std::string zone = s.substr(pos);
    if (zone != "Z") {
        int oh = 0, om = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
            std::sscanf(zone.c_str() + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 ||
            oh > kMaxOffsetHours || om > 59) {
            return std::nullopt;
        }
        offsetMinutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
    }
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    return daysFromCivil(y, mo, d) * kMsPerDay + (h * 60 + mi - offsetMinutes) * kMsPerMinute +
           sec * kMsPerSecond + ms;
}

std::string formatUtcIso(std::int64_t ms) {
    return format(ms, 0, "Z");
}

std::string formatIsoAtOffset(std::int64_t ms, int offsetMinutes) {
    const int a = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    std::array<char, 16> zone{};
    std::snprintf(zone.data(), zone.size(), "%c%02d:%02d", offsetMinutes < 0 ? '-' : '+', a / 60,
                  a % 60);
    return format(ms, offsetMinutes, zone.data());
}

std::string formatChinaStandardTime(std::int64_t ms) {
    return formatIsoAtOffset(ms, kChinaStandardTimeMinutes);
}

}  // namespace flameblue::common
