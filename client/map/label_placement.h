// A label placed for this frame: which atlas entry and where (item pixels).
#pragma once

#include <QString>

namespace flameblue::map {

struct LabelPlacement {
    // Right: candidate to the right of the point (moved to the left, above or below when that
    // is taken); Centre: centred on the point (cluster counts); TopLeft: resolved, (x, y) is
    // the quad's top-left corner.
    enum class Anchor { Right, Centre, TopLeft };
    QString key;     // LabelAtlas key; for LabelStyle::Count the digits are drawn one by one
    QString digits;  // counts only
    double x = 0.0;  // the anchor point: a marker's centre
    double y = 0.0;
    double offset = 0.0;  // Right: gap between the point and the text
    Anchor anchor = Anchor::Right;
    bool mustShow = false;  // shown even over markers (city names) when nothing else fits
};

}  // namespace flameblue::map
