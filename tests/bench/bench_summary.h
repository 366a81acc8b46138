// The machine-readable summary every benchmark prints besides its own report: one line per
// figure, read by scripts/bench.sh into docs/benchmarks.md.
//
//   BENCH|<benchmark>|<figure>|<value>|<baseline>|<target>|<verdict>
//
// `baseline` is the same work done the naive way in the same run ("-" when the figure has none),
// `target` the figure's goal ("-" when it has none) and `verdict` "met", "MISSED" or "-".
#pragma once

#include <cstdio>
#include <string>

namespace flameblue::bench {

inline const char* verdict(bool met) {
    return met ? "met" : "MISSED";
}

// printf-style formatting into a std::string (values with their units).
template <typename... Args>
std::string format(const char* fmt, Args... args) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

inline void summaryLine(const std::string& benchmark, const std::string& figure,
                        const std::string& value, const std::string& baseline = "-",
                        const std::string& target = "-", const std::string& verdictText = "-") {
    // A '|' inside a field would shift the columns: fields never need one, so it is replaced.
    auto clean = [](std::string s) {
        for (char& c : s) {
            if (c == '|' || c == '\n') {
                c = '/';
            }
        }
        return s.empty() ? std::string("-") : s;
    };
    std::printf("BENCH|%s|%s|%s|%s|%s|%s\n", clean(benchmark).c_str(), clean(figure).c_str(),
                clean(value).c_str(), clean(baseline).c_str(), clean(target).c_str(),
                clean(verdictText).c_str());
    std::fflush(stdout);
}

}  // namespace flameblue::bench
