#pragma once

// Checks of single values shared by the API edge, decide() and the loaders. Each error names the
// field, the value at fault and what was expected.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/result.h"

namespace flameblue::core {

// Where line breaks belong: addresses, names and short notes are one line; descriptions and
// incident notes may have several lines (line feeds) and tabs. No other control character is
// ever stored (C0, DEL, C1): they corrupt the console's lists and the audit trail.
enum class TextKind { SingleLine, MultiLine };

// A position that can be a place on Earth: finite, within [-90, 90] x [-180, 180], and not
// (0, 0), which is what an unset position looks like on the wire.
Status validatePosition(const LatLon& p, const char* field);
Status validateFix(const PositionFix& fix, TimeMs now, const char* field);
Status validateText(const std::string& text, std::size_t maxBytes, bool required, const char* field,
                    TextKind kind = TextKind::SingleLine);

// The first byte offset at which `text` is not valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF included), or npos.
std::size_t invalidUtf8At(std::string_view text);
// True when `text` is empty or holds only spaces (ASCII and U+3000 ideographic) and tabs.
bool isBlank(std::string_view text);

// "(37.8706, 112.5489)", for messages.
std::string formatPosition(const LatLon& p);

}  // namespace flameblue::core
