#include "cot/cot_event.h"

#include <chrono>
#include <cstdio>

namespace flameblue::cot {

namespace {

constexpr double kUnknown = 9999999.0;

void appendEscaped(std::string& out, const std::string& text) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                // Control characters are not allowed in XML 1.0; UTF-8 passes through.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
                    out += c;
        }
    }
}

std::string number(double v, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

}  // namespace

std::string cotTime(core::TimeMs t) {
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds(t)};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                  static_cast<int>(hms.subseconds().count()));
    return buffer;
}

std::string toXml(const CotEvent& e) {
    std::string x;
    x.reserve(512);
    x += R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
    x += R"(<event version="2.0" uid=")";
    appendEscaped(x, e.uid);
    x += R"(" type=")";
    appendEscaped(x, e.type);
    x += R"(" how=")";
    appendEscaped(x, e.how);
    const std::string time = cotTime(e.time);
    x += R"(" time=")" + time + R"(" start=")" + time + R"(" stale=")" + cotTime(e.stale) + '"';
    if (e.exercise)
        x += R"( opex="e")";
    x += R"(><point lat=")" + number(e.position.latDeg, 7) + R"(" lon=")" +
         number(e.position.lonDeg, 7) + R"(" hae=")" + number(e.haeM.value_or(kUnknown), 1) +
         R"(" ce=")" + number(kUnknown, 1) + R"(" le=")" + number(kUnknown, 1) + R"("/>)";
    x += R"(<detail><contact callsign=")";
    appendEscaped(x, e.callsign);
    x += R"("/>)";
    if (e.courseDeg || e.speedMps) {
        x += R"(<track course=")" + number(e.courseDeg.value_or(0.0), 1) + R"(" speed=")" +
             number(e.speedMps.value_or(0.0), 2) + R"("/>)";
    }
    if (!e.remarks.empty()) {
        x += "<remarks>";
        appendEscaped(x, e.remarks);
        x += "</remarks>";
    }
    x += "</detail></event>";
    return x;
}

}  // namespace flameblue::cot
