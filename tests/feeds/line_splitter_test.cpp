#include <gtest/gtest.h>

#include <vector>

#include "feeds/line_splitter.h"

using flameblue::feeds::LineSplitter;

TEST(LineSplitter, HandlesLfCrlfAndLinesSplitAcrossReads) {
    LineSplitter s(64);
    std::vector<std::string> lines;
    auto collect = [&](std::string_view l) { lines.emplace_back(l); };
    s.feed("MSG,1\r\nMSG,", collect);
    s.feed("3\nMS", collect);
    s.feed("G,4\r\n", collect);
    EXPECT_EQ(lines, (std::vector<std::string>{"MSG,1", "MSG,3", "MSG,4"}));
}

TEST(LineSplitter, DropsOverlongLinesWholeAndCountsThem) {
    LineSplitter s(10);
    std::vector<std::string> lines;
    auto collect = [&](std::string_view l) { lines.emplace_back(l); };
    s.feed("short\n", collect);
    s.feed(std::string(8, 'x'), collect);
    s.feed(std::string(8, 'y') + "\nok\n", collect);
    EXPECT_EQ(lines, (std::vector<std::string>{"short", "ok"}));
    EXPECT_EQ(s.overlongLines(), 1u);
}

TEST(LineSplitter, ResetDropsALineCutByADisconnect) {
    LineSplitter s(64);
    std::vector<std::string> lines;
    auto collect = [&](std::string_view l) { lines.emplace_back(l); };
    s.feed("MSG,3,,,780E41,,,", collect);
    s.reset();
    s.feed("MSG,1\n", collect);
    EXPECT_EQ(lines, (std::vector<std::string>{"MSG,1"}));
    EXPECT_EQ(s.truncatedLines(), 1u);
}
