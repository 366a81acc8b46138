#include "cot/cot_event.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "common/xml_text.h"

namespace flameblue::cot {

namespace {

constexpr double kUnknown = 9999999.0;

// A flow tag becomes an attribute name: letters, digits, '-', '_' and '.', not starting with a
// digit, '-' or '.'.
bool isXmlName(const std::string& name) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
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
    x.reserve(640);
    x += R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
    x += R"(<event version="2.0" uid=")";
    common::appendXmlEscaped(x, e.uid);
    x += R"(" type=")";
    common::appendXmlEscaped(x, e.type);
    x += R"(" how=")";
    common::appendXmlEscaped(x, e.how);
    const std::string sent = cotTime(e.sentTime != 0 ? e.sentTime : e.fixTime);
    x += R"(" time=")" + sent + R"(" start=")" + cotTime(e.fixTime) + R"(" stale=")" +
         cotTime(e.stale) + '"';
    if (!e.opex.empty()) {
        x += R"( opex=")";
        common::appendXmlEscaped(x, e.opex);
        x += '"';
    }
    x += R"(><point lat=")" + number(e.position.latDeg, 7) + R"(" lon=")" +
         number(e.position.lonDeg, 7) + R"(" hae=")" + number(e.haeM.value_or(kUnknown), 1) +
         R"(" ce=")" + number(kUnknown, 1) + R"(" le=")" + number(kUnknown, 1) + R"("/>)";
    x += R"(<detail><contact callsign=")";
    common::appendXmlEscaped(x, e.callsign);
    x += R"("/>)";
    if (e.courseDeg || e.speedMps) {
        x += R"(<track course=")" + number(e.courseDeg.value_or(0.0), 1) + R"(" speed=")" +
             number(e.speedMps.value_or(0.0), 2) + R"("/>)";
    }
    if (!e.remarks.empty()) {
        x += "<remarks>";
        common::appendXmlEscaped(x, e.remarks);
        x += "</remarks>";
    }
    if (!e.emergencyType.empty() || e.emergencyCancel) {
        x += e.emergencyCancel ? R"(<emergency cancel="true">)" : R"(<emergency type=")";
        if (!e.emergencyCancel) {
            common::appendXmlEscaped(x, e.emergencyType);
            x += R"(">)";
        }
        common::appendXmlEscaped(x, e.callsign);
        x += "</emergency>";
    }
    if (isXmlName(e.flowTag))
        x += "<_flow-tags_ " + e.flowTag + R"(=")" + sent + R"("/>)";
    x += "</detail></event>";
    return x;
}

}  // namespace flameblue::cot
