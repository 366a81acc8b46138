// libFuzzer target: arbitrary bytes through the line splitter, the SBS-1 parser and the tracker.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/aircraft_tracker.h"
#include "feeds/line_splitter.h"
#include "feeds/sbs_message.h"
#include "feeds/sbs_replay.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flameblue::feeds;
    LineSplitter splitter(kMaxSbsLineBytes);
    AircraftTracker tracker;
    SbsMessage m;
    std::string_view error;
    splitter.feed(std::string_view(reinterpret_cast<const char*>(data), size),
                  [&](std::string_view line) {
                      if (parseSbsLine(line, m, error) == SbsParse::Message) {
                          tracker.apply(m, 1000);
                          if (const auto* t = tracker.find(m.icao))
                              (void)toFix(*t);
                      }
                      (void)sbsLineTime(line);  // the replay's pacing reads every line
                  });
    // The whole input as one line too, including its line ends.
    (void)parseSbsLine(std::string_view(reinterpret_cast<const char*>(data), size), m, error);
    return 0;
}
