#include "core/mutual_aid.h"

namespace flameblue::core {

const char* toString(MutualAidState s) {
    switch (s) {
        case MutualAidState::Pending:
            return "pending";
        case MutualAidState::Accepted:
            return "accepted";
        case MutualAidState::Refused:
            return "refused";
    }
    return "unknown";
}

}  // namespace flameblue::core
