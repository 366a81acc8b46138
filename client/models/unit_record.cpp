#include "models/unit_record.h"

#include <google/protobuf/util/message_differencer.h>

namespace flameblue::console {

namespace pb = ::flameblue::v1;

bool UnitRecord::operator==(const UnitRecord& other) const {
    return aircraft == other.aircraft && airborne == other.airborne &&
           registration == other.registration && icao24 == other.icao24 && trail == other.trail &&
           google::protobuf::util::MessageDifferencer::Equals(unit, other.unit);
}

QString UnitRecord::displayName() const {
    return aircraftName(unit.callsign(), registration);
}

QString aircraftName(const std::string& callsign, const std::string& registration) {
    if (registration.empty()) {
        return QString::fromStdString(callsign);
    }
    if (callsign.empty() || callsign == registration) {
        return QString::fromStdString(registration);
    }
    return QStringLiteral("%1 %2").arg(QString::fromStdString(callsign),
                                       QString::fromStdString(registration));
}

UnitRecord UnitRecord::fromUnit(const pb::Unit& unit) {
    UnitRecord r;
    r.unit = unit;
    return r;
}

UnitRecord UnitRecord::fromAircraft(const pb::Aircraft& a) {
    UnitRecord r;
    r.aircraft = true;
    r.registration = a.registration();
    r.icao24 = a.icao24();
    r.airborne = a.mission().has_airborne_since();
    pb::Unit& u = r.unit;
    u.set_id(a.id());
    u.set_callsign(a.callsign());
    u.set_name_zh(a.name_zh());
    u.set_name_en(a.name_en());
    u.set_unit_type(a.aircraft_type());
    u.set_station_id(a.base_station_id());
    *u.mutable_capabilities() = a.capabilities();
    u.set_crew_capacity(a.crew_capacity());
    u.set_status(a.status());
    u.set_staffing(a.staffing());
    u.set_incident_id(a.incident_id());
    if (a.has_status_since()) {
        *u.mutable_status_since() = a.status_since();
    }
    if (a.has_last_fix()) {
        *u.mutable_last_fix() = a.last_fix();
    }
    if (a.has_fix_age_s()) {
        u.set_fix_age_s(a.fix_age_s());
    }
    u.set_fix_stale(a.fix_stale());
    *u.mutable_next_statuses() = a.next_statuses();
    u.set_dispatchable(a.dispatchable());
    return r;
}

}  // namespace flameblue::console
