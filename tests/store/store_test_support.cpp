#include "store_test_support.h"

#include <stdlib.h>

#include <stdexcept>

namespace flameblue::store::testing {

using namespace core;

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flameblue-store-XXXXXX");
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

namespace {

Station yingzeStation() {
    return Station{.id = "ST-TY-01",
                   .nameZh = "太原迎泽特勤站",
                   .nameEn = "Taiyuan Yingze Special Service Station",
                   .city = "taiyuan",
                   .county = "迎泽区",
                   .stationClass = "special_service",
                   .position = {37.8570, 112.5624}};
}

UnitSpec groundUnit(const Id& id, const std::string& callsign, const std::string& nameZh,
                    const std::string& type, std::vector<std::string> capabilities) {
    UnitSpec u;
    u.id = id;
    u.callsign = callsign;
    u.nameZh = nameZh;
    u.nameEn = "Yingze " + type + " " + id.substr(id.size() - 1);
    u.unitType = type;
    u.stationId = "ST-TY-01";
    u.capabilities = std::move(capabilities);
    u.crewCapacity = 6;
    return u;
}

UnitSpec engine() {
    return groundUnit("E-TY-01", "迎泽水罐1", "迎泽特勤站水罐消防车", "engine",
                      {"foam", "pump", "rescue"});
}

UnitSpec ladder() {
    return groundUnit("L-TY-02", "迎泽登高2", "迎泽特勤站登高平台车", "aerial_ladder",
                      {"aerial", "rescue"});
}

UnitSpec helicopter() {
    return UnitSpec{.id = "H-SX-01",
                    .callsign = "晋消飞1",
                    .nameZh = "山西航空救援直升机",
                    .nameEn = "Shanxi Helicopter 1",
                    .kind = UnitKind::Aircraft,
                    .unitType = "helicopter",
                    .stationId = "ST-TY-01",
                    .capabilities = {"bucket", "hoist"},
                    .crewCapacity = 4,
                    .registration = "B-7101",
                    .icao24 = "780abc",
                    .aircraftType = "AW139"};
}

PositionFix fix(double lat, double lon, TimeMs t, bool full) {
    PositionFix f{{lat, lon}, {}, {}, {}, t};
    if (full) {
        f.headingDeg = 87.5;
        f.speedKmh = 42.0;
        f.altitudeM = 812.0;
    }
    return f;
}

}  // namespace

std::vector<EventPayload> everyPayloadKind(bool full) {
    WaterSource water{"WS-FH-01",  "汾河二库", "Fenhe Reservoir 2",
                      "reservoir", "taiyuan",  {38.0356, 112.3722},
                      full,        {}};
    if (full) {
        water.capacityM3 = 1.33e8;
    }
    IncidentUpdated update{"INC-20261129-0001", {}, {}, {}, {}, {}, {}};
    if (full) {
        update = IncidentUpdated{"INC-20261129-0001",
                                 "building_fire",
                                 3,
                                 LatLon{37.8001, 112.5502},
                                 "太原市小店区长风街 12 号",
                                 "五层住宅冒烟，三楼有人员被困",
                                 "taiyuan"};
    }
    UnitStatusChanged status{"E-TY-01", UnitStatus::EnRoute, {}};
    if (full) {
        status.staffing = 5;
    }
    const std::vector<Id> units = full ? std::vector<Id>{"E-TY-01", "L-TY-02"} : std::vector<Id>{};
    return {
        StationUpserted{yingzeStation()},
        UnitUpserted{full ? helicopter() : engine(), full ? 4 : 0},
        WaterSourceUpserted{water},
        EntityRemoved{full ? EntityKind::Incident : EntityKind::Station, "ST-OLD-09"},
        IncidentCreated{"INC-20261129-0001",
                        "building_fire",
                        2,
                        {37.8001, 112.5502},
                        full ? "太原市小店区长风街 12 号" : "",
                        full ? "住宅楼冒烟" : "",
                        "taiyuan",
                        kShiftStart},
        update,
        IncidentStatusChanged{"INC-20261129-0001",
                              full ? IncidentStatus::UnderControl : IncidentStatus::Received},
        NoteAdded{"INC-20261129-0001", full ? "报警人称三楼有老人，需要担架" : ""},
        UnitsDispatched{"INC-20261129-0001", units},
        UnitsReleased{"INC-20261129-0001", units},
        status,
        PositionReported{"E-TY-01", fix(37.8412, 112.5690, kShiftStart + 5000, full)},
        // Aviation.
        MissionStateChanged{"AV-Z8-01", full ? MissionState::OnTask : MissionState::Ready,
                            full ? "到达火场上空" : ""},
        AlertRaised{"ALR-1", full ? AlertKind::EmergencySquawk : AlertKind::SignalLost, "AV-Z8-01",
                    full ? 7700 : 0, full ? "squawk 7700" : ""},
        AlertAcknowledged{"ALR-1"},
        AlertCleared{"ALR-1", full ? "signal restored" : ""},
        TransponderChanged{"AV-Z8-01", full ? std::optional<int>(7700) : std::nullopt,
                           full ? "YC01" : ""},
        DropRecorded{"AV-Z8-01", full ? "INC-20261129-0001" : "", full ? "WS-FH-01" : ""},
    };
}

std::vector<Event> numbered(const std::vector<EventPayload>& payloads, std::uint64_t firstSeq,
                            TimeMs start) {
    std::vector<Event> out;
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        out.push_back(Event{firstSeq + i, start + static_cast<TimeMs>(i) * 1000,
                            i % 3 == 0 ? "王建国" : "disp.li", "console-太原-02", payloads[i]});
    }
    return out;
}

std::vector<Event> shiftScenario() {
    const Id inc1 = "INC-20261129-0001";
    const Id inc2 = "INC-20261129-0002";
    const TimeMs t = kShiftStart;
    std::vector<EventPayload> p = {
        StationUpserted{yingzeStation()},
        StationUpserted{Station{"ST-DT-01",
                                "大同平城站",
                                "Datong Pingcheng Station",
                                "datong",
                                "平城区",
                                "urban",
                                {40.0764, 113.3001},
                                true}},
        UnitUpserted{engine(), 5},
        UnitUpserted{ladder(), 4},
        UnitUpserted{helicopter(), 3},
        WaterSourceUpserted{WaterSource{"WS-TY-0001",
                                        "长风街消火栓",
                                        "Changfeng St hydrant",
                                        "hydrant",
                                        "taiyuan",
                                        {37.8010, 112.5490},
                                        false,
                                        {}}},
        WaterSourceUpserted{WaterSource{"WS-FH-01",
                                        "汾河二库",
                                        "Fenhe Reservoir 2",
                                        "reservoir",
                                        "taiyuan",
                                        {38.0356, 112.3722},
                                        true,
                                        1.33e8}},
        IncidentCreated{inc1,
                        "building_fire",
                        2,
                        {37.8001, 112.5502},
                        "太原市小店区长风街 12 号",
                        "五层住宅冒烟，有人员被困",
                        "taiyuan",
                        t + 60'000},
        NoteAdded{inc1, "报警人称三楼有老人"},
        UnitsDispatched{inc1, {"E-TY-01", "L-TY-02"}},
        UnitStatusChanged{"E-TY-01", UnitStatus::EnRoute, {}},
        UnitStatusChanged{"L-TY-02", UnitStatus::EnRoute, 4},
        PositionReported{"E-TY-01", fix(37.8412, 112.5690, t + 150'000, true)},
        PositionReported{"L-TY-02", fix(37.8440, 112.5650, t + 151'000, false)},
        PositionReported{"E-TY-01", fix(37.8203, 112.5588, t + 210'000, true)},
        UnitStatusChanged{"E-TY-01", UnitStatus::OnScene, {}},
        IncidentUpdated{inc1, {}, 3, {}, {}, "火势蔓延至六层，请求增援", {}},
        UnitsDispatched{inc1, {"H-SX-01"}},
        PositionReported{"H-SX-01", fix(37.7470, 112.6283, t + 400'000, true)},
        UnitStatusChanged{"L-TY-02", UnitStatus::OnScene, {}},
        IncidentStatusChanged{inc1, IncidentStatus::UnderControl},
        UnitsReleased{inc1, {"H-SX-01"}},
        UnitStatusChanged{"L-TY-02", UnitStatus::Returning, {}},
        IncidentCreated{inc2,
                        "traffic_accident",
                        1,
                        {37.9102, 112.5120},
                        "太原市万柏林区滨河西路",
                        "两车相撞",
                        "taiyuan",
                        t + 900'000},
        IncidentStatusChanged{inc1, IncidentStatus::Closed},
        UnitStatusChanged{"E-TY-01", UnitStatus::Available, 6},
        UnitStatusChanged{"L-TY-02", UnitStatus::Available, {}},
        PositionReported{"L-TY-02", fix(37.8570, 112.5624, t + 1'300'000, false)},
        EntityRemoved{EntityKind::WaterSource, "WS-TY-0001"},
    };
    std::vector<Event> out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const bool fromFeed = isPositionFix(p[i]);
        out.push_back(Event{i + 1, t + static_cast<TimeMs>(i) * 45'000, fromFeed ? "avl" : "张伟",
                            fromFeed ? "feed-avl" : "console-01", p[i]});
    }
    return out;
}

std::vector<Event> avlTraffic(std::uint64_t firstSeq, std::size_t count, TimeMs start) {
    static const UnitStatus kCycle[] = {UnitStatus::EnRoute, UnitStatus::OnScene,
                                        UnitStatus::Returning, UnitStatus::Available};
    const Id units[] = {"E-TY-01", "L-TY-02", "H-SX-01"};
    std::vector<Event> out;
    for (std::size_t i = 0; i < count; ++i) {
        const TimeMs t = start + static_cast<TimeMs>(i) * 200;
        const Id& unit = units[i % 3];
        EventPayload p;
        if (i % 5 == 4) {
            p = UnitStatusChanged{unit, kCycle[(i / 5) % 4], {}};
        } else {
            p = PositionReported{
                unit, fix(37.8 + 0.0001 * static_cast<double>(i % 997),
                          112.55 + 0.0001 * static_cast<double>(i % 991), t, i % 2 == 0)};
        }
        out.push_back(Event{firstSeq + i, t, "avl", "feed-avl", std::move(p)});
    }
    return out;
}

State fold(const std::vector<Event>& events) {
    State s;
    for (const Event& e : events) {
        s.apply(e);
    }
    return s;
}

}  // namespace flameblue::store::testing
