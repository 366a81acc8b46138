#include "core/validation.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/iso_time.h"

namespace flameblue::core {

namespace {

// A fix from further in the future than this is a broken clock, not a position.
constexpr TimeMs kMaxFixFutureMs = 5LL * 60 * 1000;

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string codePoint(char32_t c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// Decodes the code point at `i` and advances `i`; false on invalid UTF-8.
bool decodeUtf8(std::string_view s, std::size_t& i, char32_t& out) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (c < 0x80) {
        out = c;
        ++i;
        return true;
    }
    if ((c >> 5) == 0x6) {
        n = 1;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c >> 4) == 0xE) {
        n = 2;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c >> 3) == 0x1E) {
        n = 3;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return false;
    }
    if (i + n >= s.size()) {
        return false;
    }
    for (int k = 1; k <= n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b >> 6) != 0x2) {
            return false;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
    }
    out = cp;
    i += n + 1;
    return true;
}

bool isControl(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

}  // namespace

std::size_t invalidUtf8At(std::string_view text) {
    std::size_t i = 0;
    char32_t c = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        if (!decodeUtf8(text, i, c)) {
            return at;
        }
    }
    return std::string_view::npos;
}

bool isBlank(std::string_view text) {
    std::size_t i = 0;
    char32_t c = 0;
    while (i < text.size()) {
        if (!decodeUtf8(text, i, c)) {
            return false;
        }
        if (c != ' ' && c != '\t' && c != 0x3000) {
            return false;
        }
    }
    return true;
}

std::string formatPosition(const LatLon& p) {
    return "(" + fmt(p.latDeg) + ", " + fmt(p.lonDeg) + ")";
}

Status validatePosition(const LatLon& p, const char* field) {
    if (!std::isfinite(p.latDeg) || p.latDeg < -90.0 || p.latDeg > 90.0) {
        return invalidArgument(std::string(field) + ".lat: expected degrees in [-90, 90], got " +
                               fmt(p.latDeg));
    }
    if (!std::isfinite(p.lonDeg) || p.lonDeg < -180.0 || p.lonDeg > 180.0) {
        return invalidArgument(std::string(field) + ".lon: expected degrees in [-180, 180], got " +
                               fmt(p.lonDeg));
    }
    if (p.latDeg == 0.0 && p.lonDeg == 0.0) {
        return invalidArgument(std::string(field) +
                               ": (0, 0) is an unset position (lat and lon both missing or "
                               "zero); expected the coordinates of the place");
    }
    return Ok{};
}

Status validateFix(const PositionFix& fix, TimeMs now, const char* field) {
    if (auto st = validatePosition(fix.position, field); !st)
        return st;
    const std::string f(field);
    if (fix.headingDeg &&
        (!std::isfinite(*fix.headingDeg) || *fix.headingDeg < 0.0 || *fix.headingDeg >= 360.0)) {
        return invalidArgument(f + ".heading_deg: expected [0, 360), got " + fmt(*fix.headingDeg));
    }
    if (fix.speedKmh &&
        (!std::isfinite(*fix.speedKmh) || *fix.speedKmh < 0.0 || *fix.speedKmh > 1500.0)) {
        return invalidArgument(f + ".speed_kmh: expected 0..1500, got " + fmt(*fix.speedKmh));
    }
    if (fix.altitudeM &&
        (!std::isfinite(*fix.altitudeM) || *fix.altitudeM < -500.0 || *fix.altitudeM > 20000.0)) {
        return invalidArgument(f + ".altitude_m: expected -500..20000, got " + fmt(*fix.altitudeM));
    }
    if (fix.fixTime < 0 || fix.fixTime > now + kMaxFixFutureMs) {
        return invalidArgument(f + ".time: " + common::formatUtcIso(fix.fixTime) +
                               " is before 1970 or in the future (more than 5 minutes after " +
                               "the server's clock, " + common::formatUtcIso(now) + ")");
    }
    return Ok{};
}

Status validateText(const std::string& text, std::size_t maxBytes, bool required, const char* field,
                    TextKind kind) {
    const std::string f(field);
    if (required && isBlank(text)) {
        return invalidArgument(f + ": must not be empty or blank");
    }
    if (text.size() > maxBytes) {
        return invalidArgument(f + ": at most " + std::to_string(maxBytes) + " bytes, got " +
                               std::to_string(text.size()));
    }
    std::size_t i = 0;
    char32_t c = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        if (!decodeUtf8(text, i, c)) {
            return invalidArgument(f + ": not valid UTF-8 at byte " + std::to_string(at));
        }
        const bool allowed = kind == TextKind::MultiLine && (c == '\n' || c == '\t');
        if (isControl(c) && !allowed) {
            return invalidArgument(
                f + ": control character " + codePoint(c) + " at byte " + std::to_string(at) +
                (kind == TextKind::MultiLine
                     ? "; expected printable text (line feeds and tabs are allowed)"
                     : "; expected one line of printable text"));
        }
    }
    return Ok{};
}

}  // namespace flameblue::core
