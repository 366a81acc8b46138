// Exponential back-off with jitter between reconnection attempts.
#pragma once

#include <chrono>
#include <random>

namespace flameblue::console {

class ReconnectBackoff {
public:
    struct Settings {
        std::chrono::milliseconds initial{1000};
        std::chrono::milliseconds maximum{30000};
        double multiplier = 2.0;
        // Each delay is spread uniformly over +-jitter of its nominal value, so that many
        // consoles that lost the same server do not all come back in the same instant.
        double jitter = 0.2;
    };

    explicit ReconnectBackoff(Settings settings, std::uint32_t seed = std::random_device{}());

    // The delay before the next attempt; grows with every call until reset().
    std::chrono::milliseconds next();
    // The nominal (jitter-free) delay the next call to next() is based on.
    std::chrono::milliseconds nominal() const;
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    const Settings& settings() const { return m_settings; }

private:
    Settings m_settings;
    int m_attempt = 0;
    std::mt19937 m_random;
};

}  // namespace flameblue::console
