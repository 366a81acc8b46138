#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flameblue::feeds {

// Cuts a byte stream into lines (LF or CRLF) of bounded length. An overlong line is dropped
// whole and counted, never split into pieces that could parse as something else; a line cut
// off by a disconnect is dropped by reset().
class LineSplitter {
public:
    explicit LineSplitter(std::size_t maxLineBytes) : m_max(maxLineBytes) {}

    // Calls onLine(std::string_view) for every complete line in `bytes`.
    template <typename OnLine>
    void feed(std::string_view bytes, OnLine&& onLine) {
        while (!bytes.empty()) {
            const std::size_t nl = bytes.find('\n');
            const std::string_view part = bytes.substr(0, nl);
            if (!m_skipping) {
                if (m_partial.size() + part.size() > m_max) {
                    m_skipping = true;
                    m_partial.clear();
                } else {
                    m_partial.append(part);
                }
            }
            if (nl == std::string_view::npos) {
                return;
            }
            if (m_skipping) {
                ++m_overlong;
            } else {
                std::string_view line = m_partial;
                if (!line.empty() && line.back() == '\r')
                    line.remove_suffix(1);
                onLine(line);
            }
            m_partial.clear();
            m_skipping = false;
            bytes.remove_prefix(nl + 1);
        }
    }

    // Forgets an incomplete line (the connection dropped mid-line).
    void reset() {
        if (!m_partial.empty() || m_skipping)
            ++m_truncated;
        m_partial.clear();
        m_skipping = false;
    }

    std::size_t overlongLines() const { return m_overlong; }
    std::size_t truncatedLines() const { return m_truncated; }

private:
    std::size_t m_max;
    std::string m_partial;
    bool m_skipping = false;
    std::size_t m_overlong = 0;
    std::size_t m_truncated = 0;
};

}  // namespace flameblue::feeds
