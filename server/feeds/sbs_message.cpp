#include "feeds/sbs_message.h"

#include <array>
#include <charconv>
#include <cmath>

namespace flameblue::feeds {

namespace {

constexpr std::size_t kMsgFields = 22;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

// Parses an optional number; empty is "unknown", garbage is an error.
bool number(std::string_view field, std::optional<double>& out) {
    field = trim(field);
    if (field.empty()) {
        out.reset();
        return true;
    }
    double v = 0;
    const char* end = field.data() + field.size();
    auto [ptr, ec] = std::from_chars(field.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v)) {
        return false;
    }
    out = v;
    return true;
}

// SBS flags: -1 (or 1) true, 0 false, empty unknown.
bool flag(std::string_view field, std::optional<bool>& out) {
    field = trim(field);
    if (field.empty()) {
        out.reset();
    } else if (field == "-1" || field == "1") {
        out = true;
    } else if (field == "0") {
        out = false;
    } else {
        return false;
    }
    return true;
}

bool printable(std::string_view s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c > 0x7E)
            return false;
    }
    return true;
}

}  // namespace

std::optional<std::uint32_t> parseIcaoHex(std::string_view hex) {
    hex = trim(hex);
    if (hex.size() != 6)
        return std::nullopt;
    std::uint32_t v = 0;
    auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), v, 16);
    if (ec != std::errc() || ptr != hex.data() + hex.size())
        return std::nullopt;
    return v;
}

std::string icaoHex(std::uint32_t icao) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(6, '0');
    for (int i = 5; i >= 0; --i) {
        s[static_cast<std::size_t>(i)] = kDigits[icao & 0xF];
        icao >>= 4;
    }
    return s;
}

SbsParse parseSbsLine(std::string_view line, SbsMessage& out, std::string_view& error) {
    if (line.size() > kMaxSbsLineBytes) {
        error = "line longer than 512 bytes";
        return SbsParse::Malformed;
    }
    line = trim(line);
    if (line.empty()) {
        return SbsParse::Ignored;
    }
    std::array<std::string_view, kMsgFields + 1> f{};
    std::size_t n = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == ',') {
            if (n == f.size()) {
                error = "more than 22 fields";
                return SbsParse::Malformed;
            }
            f[n++] = line.substr(start, i - start);
            start = i + 1;
        }
    }
    const std::string_view kind = trim(f[0]);
    if (kind == "SEL" || kind == "ID" || kind == "AIR" || kind == "STA" || kind == "CLK") {
        return SbsParse::Ignored;
    }
    if (kind != "MSG") {
        error = "unknown message kind";
        return SbsParse::Malformed;
    }
    // Some feeds drop trailing empty fields; 10 fields reach the callsign.
    if (n < 10) {
        error = "MSG line with too few fields";
        return SbsParse::Malformed;
    }
    out = SbsMessage{};
    const std::string_view type = trim(f[1]);
    if (type.size() != 1 || type[0] < '1' || type[0] > '8') {
        error = "transmission type not 1..8";
        return SbsParse::Malformed;
    }
    out.transmissionType = type[0] - '0';
    const auto icao = parseIcaoHex(f[4]);
    if (!icao) {
        error = "ICAO address not 6 hex digits";
        return SbsParse::Malformed;
    }
    out.icao = *icao;
    auto field = [&](std::size_t i) { return i < n ? f[i] : std::string_view(); };
    const std::string_view callsign = trim(field(10));
    if (!callsign.empty()) {
        if (callsign.size() > 8 || !printable(callsign)) {
            error = "callsign not up to 8 printable characters";
            return SbsParse::Malformed;
        }
        out.callsign = std::string(callsign);
    }
    std::optional<double> squawk;
    if (!number(field(11), out.altitudeFt) || !number(field(12), out.groundSpeedKt) ||
        !number(field(13), out.trackDeg) || !number(field(14), out.latDeg) ||
        !number(field(15), out.lonDeg) || !number(field(16), out.verticalRateFpm) ||
        !number(field(17), squawk)) {
        error = "a numeric field is not a number";
        return SbsParse::Malformed;
    }
    if (!flag(field(18), out.alert) || !flag(field(19), out.emergency) ||
        !flag(field(20), out.spi) || !flag(field(21), out.onGround)) {
        error = "a flag is not -1, 0 or empty";
        return SbsParse::Malformed;
    }
    if (out.altitudeFt && (*out.altitudeFt < -2000 || *out.altitudeFt > 60000)) {
        error = "altitude out of range";
        return SbsParse::Malformed;
    }
    if (out.groundSpeedKt && (*out.groundSpeedKt < 0 || *out.groundSpeedKt > 2000)) {
        error = "ground speed out of range";
        return SbsParse::Malformed;
    }
    if (out.trackDeg && (*out.trackDeg < 0 || *out.trackDeg > 360)) {
        error = "track out of range";
        return SbsParse::Malformed;
    }
    if (out.latDeg.has_value() != out.lonDeg.has_value() ||
        (out.latDeg && (std::abs(*out.latDeg) > 90 || std::abs(*out.lonDeg) > 180))) {
        error = "position missing a coordinate or out of range";
        return SbsParse::Malformed;
    }
    if (out.verticalRateFpm && std::abs(*out.verticalRateFpm) > 30000) {
        error = "vertical rate out of range";
        return SbsParse::Malformed;
    }
    if (squawk) {
        // Squawks are four octal digits written in decimal.
        const double s = *squawk;
        bool octal = s >= 0 && s <= 7777 && s == std::floor(s);
        const int v = octal ? static_cast<int>(s) : 0;
        for (int d = v; octal && d > 0; d /= 10)
            octal = d % 10 <= 7;
        if (!octal) {
            error = "squawk not four octal digits";
            return SbsParse::Malformed;
        }
        out.squawk = v;
    }
    return SbsParse::Message;
}

}  // namespace flameblue::feeds
