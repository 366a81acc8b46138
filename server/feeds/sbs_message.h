#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flameblue::feeds {

// One decoded SBS-1 (BaseStation, port 30003) "MSG" line. Fields a message type does not carry
// are absent; real feeds spread one aircraft's state over several types.
struct SbsMessage {
    int transmissionType = 0;  // 1..8
    std::uint32_t icao = 0;    // 24-bit address
    std::optional<std::string> callsign;
    std::optional<double> altitudeFt;
    std::optional<double> groundSpeedKt;
    std::optional<double> trackDeg;
    std::optional<double> latDeg;
    std::optional<double> lonDeg;
    std::optional<double> verticalRateFpm;
    std::optional<int> squawk;
    std::optional<bool> alert;
    std::optional<bool> emergency;
    std::optional<bool> spi;
    std::optional<bool> onGround;
};

enum class SbsParse {
    Message,    // a valid MSG line, decoded
    Ignored,    // a valid line of another kind (SEL, ID, AIR, STA, CLK) or blank
    Malformed,  // anything else; `error` says what
};

// Longest line accepted; real lines are about 120 bytes.
constexpr std::size_t kMaxSbsLineBytes = 512;

// Decodes one line (without or with its trailing CR/LF). Never throws; never reads past `line`.
SbsParse parseSbsLine(std::string_view line, SbsMessage& out, std::string_view& error);

// "780a51" for 0x780A51.
std::string icaoHex(std::uint32_t icao);
std::optional<std::uint32_t> parseIcaoHex(std::string_view hex);

}  // namespace flameblue::feeds
