#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flameblue::common {

// ISO 8601 times to the second, as milliseconds since the Unix epoch.
//
// "2026-11-29T09:41:01Z" or with an offset "2026-11-29T17:41:01+08:00"; the seconds may be
// left out ("2026-11-29T08:00+08:00") or carry a fraction (kept to the millisecond). The zone is
// required; impossible dates (31 April) are refused.
std::optional<std::int64_t> parseIsoTime(std::string_view text);

// "2026-11-29T09:41:01Z" (the second the time falls in, also before 1970).
std::string formatUtcIso(std::int64_t ms);

// The same instant at a fixed offset east of UTC: "2026-11-29T17:41:01+08:00".
std::string formatIsoAtOffset(std::int64_t ms, int offsetMinutes);

// China Standard Time (Beijing time, UTC+8, no daylight saving): the time of every Chinese
// dispatch record, and of scenario files and after-action reports.
inline constexpr int kChinaStandardTimeMinutes = 8 * 60;
std::string formatChinaStandardTime(std::int64_t ms);

}  // namespace flameblue::common
