#pragma once

#include <string>
#include <string_view>

namespace flameblue::common {

// Appends `text` to `out` escaped for XML character data and attribute values (both quote
// kinds). Control characters XML 1.0 does not allow are dropped; tab, newline and carriage
// return stay; UTF-8 passes through.
void appendXmlEscaped(std::string& out, std::string_view text);
std::string xmlEscaped(std::string_view text);

}  // namespace flameblue::common
