#include "net/reconnect_backoff.h"

#include <algorithm>
#include <cmath>

namespace flameblue::console {

ReconnectBackoff::ReconnectBackoff(Settings settings, std::uint32_t seed)
    : m_settings(settings), m_random(seed) {}

std::chrono::milliseconds ReconnectBackoff::nominal() const {
    const double initial = static_cast<double>(m_settings.initial.count());
    const double maximum = static_cast<double>(m_settings.maximum.count());
    const double grown = initial * std::pow(m_settings.multiplier, m_attempt);
    return std::chrono::milliseconds(static_cast<long long>(std::min(grown, maximum)));
}

std::chrono::milliseconds ReconnectBackoff::next() {
    const double base = static_cast<double>(nominal().count());
    ++m_attempt;
    std::uniform_real_distribution<double> spread(1.0 - m_settings.jitter, 1.0 + m_settings.jitter);
    const double delay =
        std::min(base * spread(m_random), static_cast<double>(m_settings.maximum.count()));
    return std::chrono::milliseconds(static_cast<long long>(std::max(delay, 0.0)));
}

}  // namespace flameblue::console
