// End-to-end tests: the real flameblue-server binary, started as a child process on a fresh
// state directory and driven over gRPC like a console would. See server_process.h.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <numbers>
#include <set>
#include <thread>

#include "server_process.h"

namespace flameblue::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Stub = pb::Dispatch::Stub;

const std::set<std::string> kCities = {"taiyuan",  "datong",   "yangquan", "changzhi",
                                       "jincheng", "shuozhou", "jinzhong", "yuncheng",
                                       "xinzhou",  "linfen",   "lvliang"};

// ---------------------------------------------------------------------------------------------
// Helpers

double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kR = 6371008.8;
    constexpr double kDeg = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * kDeg;
    const double dLon = (lon2 - lon1) * kDeg;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

double distanceMeters(const pb::LatLon& a, const pb::LatLon& b) {
    return distanceMeters(a.lat(), a.lon(), b.lat(), b.lon());
}

bool notBefore(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
    return a.seconds() != b.seconds() ? a.seconds() > b.seconds() : a.nanos() >= b.nanos();
}

google::protobuf::Timestamp nowTimestamp() {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    google::protobuf::Timestamp t;
    t.set_seconds(ns / 1'000'000'000);
    // Whole milliseconds: the server keeps fix times in milliseconds.
    t.set_nanos(static_cast<int>(ns % 1'000'000'000 / 1'000'000 * 1'000'000));
    return t;
}

template <typename Req, typename Reply>
using UnaryMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&, Reply*);

// A command as a console sends it: with the operator identity and a deadline.
template <typename Req, typename Reply>
grpc::Status command(Stub& stub, UnaryMethod<Req, Reply> method, const Req& req, Reply* reply,
                     std::chrono::milliseconds deadline = 10s) {
    grpc::ClientContext ctx;
    asOperator(ctx);
    withDeadline(ctx, deadline);
    return (stub.*method)(&ctx, req, reply);
}

// A query: no operator identity needed on loopback.
template <typename Req, typename Reply>
grpc::Status query(Stub& stub, UnaryMethod<Req, Reply> method, const Req& req, Reply* reply) {
    grpc::ClientContext ctx;
    withDeadline(ctx);
    return (stub.*method)(&ctx, req, reply);
}

std::string describe(const grpc::Status& st) {
    return "status " + std::to_string(st.error_code()) + " \"" + st.error_message() + "\"";
}

pb::CreateIncidentRequest incidentRequest(const std::string& type, int level, double lat,
                                          double lon, const std::string& address,
                                          const std::string& description = {}) {
    pb::CreateIncidentRequest r;
    r.set_type(type);
    r.set_level(level);
    r.mutable_position()->set_lat(lat);
    r.mutable_position()->set_lon(lon);
    r.set_address(address);
    r.set_description(description);
    return r;
}

// Creates an incident and returns its id; fails the test when the server refuses.
std::string createIncident(Stub& stub, const pb::CreateIncidentRequest& req) {
    pb::CommandReply reply;
    const grpc::Status st = command(stub, &Stub::CreateIncident, req, &reply);
    EXPECT_TRUE(st.ok()) << "CreateIncident: " << describe(st);
    EXPECT_GT(reply.first_seq(), 0u);
    EXPECT_FALSE(reply.incident().id().empty());
    return reply.incident().id();
}

pb::CommandReply ok(Stub& stub, auto method, const auto& req) {
    pb::CommandReply reply;
    const grpc::Status st = command(stub, method, req, &reply);
    EXPECT_TRUE(st.ok()) << req.GetTypeName() << " " << req.ShortDebugString() << ": "
                         << describe(st);
    return reply;
}

pb::AddNoteRequest noteRequest(const std::string& incident, const std::string& text) {
    pb::AddNoteRequest r;
    r.set_incident_id(incident);
    r.set_text(text);
    return r;
}

pb::DispatchUnitsRequest dispatchRequest(const std::string& incident,
                                         const std::vector<std::string>& units) {
    pb::DispatchUnitsRequest r;
    r.set_incident_id(incident);
    for (const auto& u : units)
        r.add_unit_ids(u);
    return r;
}

pb::SetUnitStatusRequest unitStatusRequest(const std::string& unit, pb::UnitStatus status,
                                           std::optional<int> staffing = {}) {
    pb::SetUnitStatusRequest r;
    r.set_unit_id(unit);
    r.set_status(status);
    if (staffing)
        r.set_staffing(*staffing);
    return r;
}

pb::SetIncidentStatusRequest incidentStatusRequest(const std::string& incident,
                                                   pb::IncidentStatus status) {
    pb::SetIncidentStatusRequest r;
    r.set_incident_id(incident);
    r.set_status(status);
    return r;
}

std::vector<pb::Unit> availableUnits(Stub& stub, const std::string& city,
                                     const std::string& unitType) {
    pb::ListUnitsRequest req;
    req.set_city(city);
    req.add_statuses(pb::UNIT_STATUS_AVAILABLE);
    pb::ListUnitsReply reply;
    const grpc::Status st = query(stub, &Stub::ListUnits, req, &reply);
    EXPECT_TRUE(st.ok()) << describe(st);
    std::vector<pb::Unit> out;
    for (const auto& u : reply.units()) {
        if (unitType.empty() || u.unit_type() == unitType)
            out.push_back(u);
    }
    return out;
}

// Compares two messages byte for byte (serialized) and explains any difference field by field.
::testing::AssertionResult sameMessage(const google::protobuf::Message& a,
                                       const google::protobuf::Message& b) {
    std::string sa, sb;
    a.SerializeToString(&sa);
    b.SerializeToString(&sb);
    if (sa == sb)
        return ::testing::AssertionSuccess();
    std::string report;
    google::protobuf::util::MessageDifferencer diff;
    diff.ReportDifferencesToString(&report);
    diff.Compare(a, b);
    if (report.size() > 8000)
        report = report.substr(0, 8000) + "\n...";
    return ::testing::AssertionFailure()
           << a.GetTypeName() << " differs (" << sa.size() << " vs " << sb.size() << " bytes):\n"
           << report;
}

// Reads a Subscribe stream on its own thread so that a test can wait with timeouts.
class Subscription {
public:
    Subscription(Stub& stub, const pb::SubscribeRequest& req) {
        m_reader = stub.Subscribe(&m_ctx, req);
        m_thread = std::thread([this] {
            pb::SubscribeResponse msg;
            while (m_reader->Read(&msg)) {
                std::lock_guard lock(m_mutex);
                m_queue.push_back(msg);
                m_cv.notify_all();
            }
            grpc::Status st = m_reader->Finish();
            std::lock_guard lock(m_mutex);
            m_status = st;
            m_done = true;
            m_cv.notify_all();
        });
    }
    ~Subscription() {
        m_ctx.TryCancel();
        m_thread.join();
    }

    // The next message, or nullopt when none came within `timeout` or the stream ended.
    std::optional<pb::SubscribeResponse> next(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, timeout, [this] { return !m_queue.empty() || m_done; });
        if (m_queue.empty())
            return std::nullopt;
        pb::SubscribeResponse msg = std::move(m_queue.front());
        m_queue.pop_front();
        return msg;
    }

    std::string endStatus() {
        std::lock_guard lock(m_mutex);
        return m_done ? describe(m_status) : "still open";
    }

private:
    grpc::ClientContext m_ctx;
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> m_reader;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<pb::SubscribeResponse> m_queue;
    bool m_done = false;
    grpc::Status m_status;
    std::thread m_thread;
};

struct Snapshot {
    pb::SnapshotBegin begin;
    pb::SnapshotEnd end;
    std::map<std::string, pb::Incident> incidents;
    std::map<std::string, pb::Unit> units;
    std::size_t stations = 0, aircraft = 0, waterSources = 0;
};

// Reads SnapshotBegin .. SnapshotEnd from the front of a subscription.
::testing::AssertionResult readSnapshot(Subscription& sub, Snapshot& out,
                                        std::chrono::milliseconds timeout = 15s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    bool begun = false;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        auto msg = sub.next(std::max(left, 1ms));
        if (!msg) {
            return ::testing::AssertionFailure() << "snapshot incomplete after " << timeout.count()
                                                 << " ms; stream: " << sub.endStatus();
        }
        if (!begun) {
            if (!msg->has_snapshot_begin()) {
                return ::testing::AssertionFailure()
                       << "expected snapshot_begin first, got " << msg->ShortDebugString();
            }
            out.begin = msg->snapshot_begin();
            begun = true;
        } else if (msg->has_snapshot_chunk()) {
            const auto& c = msg->snapshot_chunk();
            for (const auto& i : c.incidents())
                out.incidents[i.id()] = i;
            for (const auto& u : c.units())
                out.units[u.id()] = u;
            out.stations += c.stations_size();
            out.aircraft += c.aircraft_size();
            out.waterSources += c.water_sources_size();
        } else if (msg->has_snapshot_end()) {
            out.end = msg->snapshot_end();
            return ::testing::AssertionSuccess();
        } else {
            return ::testing::AssertionFailure()
                   << "unexpected message inside the snapshot: " << msg->ShortDebugString();
        }
    }
}

// What the consoles see of the state: every query, with the wall-clock dependent fields cleared.
struct Observed {
    pb::ListIncidentsReply incidents;
    pb::ListUnitsReply units;
    pb::ListAircraftReply aircraft;
    pb::ListStationsReply stations;
    pb::ListWaterSourcesReply waterSources;
    std::uint64_t head = 0;
};

Observed observe(Stub& stub) {
    Observed o;
    pb::ListIncidentsRequest inc;
    inc.set_include_closed(true);
    EXPECT_TRUE(query(stub, &Stub::ListIncidents, inc, &o.incidents).ok());
    EXPECT_TRUE(query(stub, &Stub::ListUnits, pb::ListUnitsRequest{}, &o.units).ok());
    EXPECT_TRUE(query(stub, &Stub::ListAircraft, pb::ListUnitsRequest{}, &o.aircraft).ok());
    EXPECT_TRUE(query(stub, &Stub::ListStations, pb::ListStationsRequest{}, &o.stations).ok());
    EXPECT_TRUE(
        query(stub, &Stub::ListWaterSources, pb::ListWaterSourcesRequest{}, &o.waterSources).ok());
    for (auto& u : *o.units.mutable_units()) {
        u.clear_fix_age_s();
        u.clear_fix_stale();
    }
    for (auto& a : *o.aircraft.mutable_aircraft()) {
        a.clear_fix_age_s();
        a.clear_fix_stale();
    }
    std::string error;
    auto head = headSeq(stub, &error);
    EXPECT_TRUE(head.has_value()) << error;
    o.head = head.value_or(0);
    return o;
}

void expectSameObserved(const Observed& before, const Observed& after) {
    EXPECT_TRUE(sameMessage(before.incidents, after.incidents));
    EXPECT_TRUE(sameMessage(before.units, after.units));
    EXPECT_TRUE(sameMessage(before.aircraft, after.aircraft));
    EXPECT_TRUE(sameMessage(before.stations, after.stations));
    EXPECT_TRUE(sameMessage(before.waterSources, after.waterSources));
    EXPECT_EQ(before.head, after.head);
}

// ---------------------------------------------------------------------------------------------
// Fixture: a temp dir per test; on failure every server log of the test is printed.

class E2ETest : public ::testing::Test {
protected:
    std::unique_ptr<ServerProcess> startServer(const fs::path& stateDir,
                                               std::vector<std::string> extraArgs = {},
                                               std::string dataDir = kDataDir) {
        ServerConfig config;
        config.stateDir = stateDir;
        config.dataDir = std::move(dataDir);
        config.extraArgs = std::move(extraArgs);
        config.logFile = m_dir / ("server-" + std::to_string(++m_started) + ".log");
        std::string error;
        auto server = ServerProcess::start(config, &error);
        EXPECT_TRUE(server) << error;
        return server;
    }

    void TearDown() override {
        if (!HasFailure())
            return;
        for (int i = 1; i <= m_started; ++i) {
            const fs::path log = m_dir / ("server-" + std::to_string(i) + ".log");
            std::string text = readFile(log);
            if (text.size() > 6000)
                text = "...\n" + text.substr(text.size() - 6000);
            std::cerr << "---- " << log.string() << " ----\n" << text << "\n";
        }
    }

    TempDir m_dir;
    int m_started = 0;
};

// =============================================================================================
// 1. The program: starts on the demo data, documents its options, refuses bad ones.

TEST_F(E2ETest, StartsOnTheDemoData) {
    auto server = startServer(m_dir / "state");
    ASSERT_TRUE(server);
    auto stub = server->stub();

    pb::ListStationsReply stations;
    ASSERT_TRUE(query(*stub, &Stub::ListStations, pb::ListStationsRequest{}, &stations).ok());
    EXPECT_GE(stations.stations_size(), 24) << "expected dozens of stations";
    std::set<std::string> cities, ids;
    for (const auto& s : stations.stations()) {
        cities.insert(s.city());
        ids.insert(s.id());
        EXPECT_FALSE(s.name_zh().empty()) << s.id();
        // Every station lies in (or right around) Shanxi.
        EXPECT_TRUE(s.position().lat() > 34.3 && s.position().lat() < 40.9 &&
                    s.position().lon() > 110.1 && s.position().lon() < 114.7)
            << s.ShortDebugString();
    }
    EXPECT_EQ(cities, kCities);
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(stations.stations_size())) << "duplicate ids";

    pb::ListStationsRequest datongOnly;
    datongOnly.set_city("datong");
    pb::ListStationsReply datong;
    ASSERT_TRUE(query(*stub, &Stub::ListStations, datongOnly, &datong).ok());
    EXPECT_GT(datong.stations_size(), 0);
    EXPECT_LT(datong.stations_size(), stations.stations_size());
    for (const auto& s : datong.stations())
        EXPECT_EQ(s.city(), "datong");

    pb::ListUnitsReply units;
    ASSERT_TRUE(query(*stub, &Stub::ListUnits, pb::ListUnitsRequest{}, &units).ok());
    EXPECT_GE(units.units_size(), 100);
    for (const auto& u : units.units()) {
        EXPECT_TRUE(ids.contains(u.station_id())) << u.id() << " at " << u.station_id();
        EXPECT_EQ(u.status(), pb::UNIT_STATUS_AVAILABLE) << u.id();
    }

    pb::ListAircraftReply aircraft;
    ASSERT_TRUE(query(*stub, &Stub::ListAircraft, pb::ListUnitsRequest{}, &aircraft).ok());
    EXPECT_GE(aircraft.aircraft_size(), 4);
    for (const auto& a : aircraft.aircraft())
        EXPECT_FALSE(a.aircraft_type().empty()) << a.id();

    pb::Catalog catalog;
    ASSERT_TRUE(query(*stub, &Stub::GetCatalog, pb::GetCatalogRequest{}, &catalog).ok());
    EXPECT_GE(catalog.incident_types_size(), 5);
    std::set<std::string> types, catalogCities;
    for (const auto& t : catalog.incident_types())
        types.insert(t.id());
    for (const auto& c : catalog.cities())
        catalogCities.insert(c.id());
    EXPECT_TRUE(types.contains("building_fire"));
    EXPECT_EQ(catalogCities, kCities);

    EXPECT_GT(headSeq(*stub).value_or(0), 0u) << "the roster is loaded through events";
    // Close the connection first: the server gives connected clients a 2 s grace on SIGTERM.
    stub.reset();
    const ExitStatus exit = server->stop();
    EXPECT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();
    EXPECT_NE(server->log().find("Shutting down (SIGTERM)"), std::string::npos);
}

TEST_F(E2ETest, HelpListsTheOptions) {
    // A state dir and port of its own, in case --help were ignored and the server started.
    const RunResult r = runServerToExit(
        {"--state-dir", (m_dir / "state").string(), "--listen", "127.0.0.1:0", "--help"}, 10s);
    ASSERT_FALSE(r.timedOut);
    EXPECT_TRUE(r.status.exited && r.status.exitCode == 0) << r.status.describe();
    for (const char* option : {"--listen", "--data-dir", "--state-dir", "--simulate"}) {
        EXPECT_NE(r.output.find(option), std::string::npos) << option << " missing in:\n"
                                                            << r.output;
    }
}

TEST_F(E2ETest, UnknownOptionIsRefusedByName) {
    const fs::path state = m_dir / "state";
    const RunResult r = runServerToExit(
        {"--state-dir", state.string(), "--listen", "127.0.0.1:0", "--no-such-option"}, 10s);
    ASSERT_FALSE(r.timedOut) << "the server started despite an unknown option";
    EXPECT_TRUE(r.status.exited && r.status.exitCode != 0) << r.status.describe();
    EXPECT_NE(r.output.find("--no-such-option"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(state)) << "nothing may be written for a refused command line";

    const RunResult bad = runServerToExit(
        {"--state-dir", state.string(), "--listen", "127.0.0.1:0", "--sim-speed", "fast"}, 10s);
    ASSERT_FALSE(bad.timedOut);
    EXPECT_TRUE(bad.status.exited && bad.status.exitCode != 0) << bad.status.describe();
    EXPECT_NE(bad.output.find("--sim-speed"), std::string::npos) << bad.output;
}

TEST_F(E2ETest, BrokenDataDirIsRefusedNamingTheFile) {
    const std::string original = readFile(fs::path(kDataDir) / "units.json");
    ASSERT_FALSE(original.empty());
    struct Corruption {
        const char* what;
        std::string text;
    };
    const std::string needle = "\"station\": \"";
    const auto at = original.find(needle);
    ASSERT_NE(at, std::string::npos);
    std::string unknownStation = original;
    unknownStation.insert(at + needle.size(), "NO-SUCH-");
    const std::vector<Corruption> corruptions = {
        {"truncated JSON", original.substr(0, original.size() / 2)},
        {"unit at an unknown station", unknownStation},
    };
    int n = 0;
    for (const auto& c : corruptions) {
        SCOPED_TRACE(c.what);
        const fs::path data = m_dir / ("data-" + std::to_string(++n));
        fs::copy(kDataDir, data, fs::copy_options::recursive);
        {
            std::ofstream out(data / "units.json", std::ios::binary | std::ios::trunc);
            out << c.text;
        }
        const fs::path state = m_dir / ("state-" + std::to_string(n));
        const RunResult r = runServerToExit(
            {"--listen", "127.0.0.1:0", "--data-dir", data.string(), "--state-dir", state.string()},
            20s);
        ASSERT_FALSE(r.timedOut) << "the server kept running on a broken data set:\n" << r.output;
        EXPECT_TRUE(r.status.exited && r.status.exitCode != 0) << r.status.describe();
        EXPECT_NE(r.output.find("units.json"), std::string::npos) << r.output;
        EXPECT_FALSE(fs::exists(state / "live.db")) << "no event log for a refused data set";
    }
}

// =============================================================================================
// 2. Restart: a graceful stop and a start on the same state dir reproduce the state exactly,
//    and the sequence goes on where it stopped.

TEST_F(E2ETest, RestartReproducesIdenticalStateAndContinuesTheSequence) {
    const fs::path state = m_dir / "state";
    std::uint64_t rosterHead = 0;
    {
        auto first = startServer(state);
        ASSERT_TRUE(first);
        auto stub = first->stub();
        rosterHead = headSeq(*stub).value_or(0);
        EXPECT_GT(rosterHead, 100u) << "the demo roster is written as events on first start";
        EXPECT_NE(first->log().find("Roster updated"), std::string::npos);
        stub.reset();  // an open connection would hold the shutdown for its 2 s grace
        const ExitStatus exit = first->stop();
        ASSERT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();
    }

    auto server = startServer(state);
    ASSERT_TRUE(server);
    auto stub = server->stub();
    {
        // One server per state dir: a second one is refused and the first goes on serving.
        const RunResult second = runServerToExit(
            {"--listen", "127.0.0.1:0", "--state-dir", state.string(), "--data-dir", kDataDir},
            10s);
        ASSERT_FALSE(second.timedOut) << "a second server runs on the same state dir";
        EXPECT_TRUE(second.status.exited && second.status.exitCode != 0)
            << second.status.describe();
        EXPECT_NE(second.output.find("in use"), std::string::npos) << second.output;
        EXPECT_TRUE(server->running());
    }
    // An unchanged data set adds no roster events.
    EXPECT_EQ(headSeq(*stub).value_or(0), rosterHead);
    EXPECT_EQ(server->log().find("Roster updated"), std::string::npos) << server->log();

    // Work a few incidents through most of the command set. Every acknowledged command's
    // events follow the previous ones without a gap.
    std::uint64_t lastSeq = rosterHead;
    auto step = [&](auto method, const auto& req) {
        const pb::CommandReply reply = ok(*stub, method, req);
        EXPECT_EQ(reply.first_seq(), lastSeq + 1) << req.ShortDebugString();
        EXPECT_GE(reply.last_seq(), reply.first_seq()) << req.ShortDebugString();
        lastSeq = std::max(lastSeq, reply.last_seq());
        return reply;
    };
    const std::string a =
        step(&Stub::CreateIncident,
             incidentRequest("building_fire", 2, 37.8706, 112.5489, "太原市迎泽区迎泽大街 1 号",
                             "三楼住宅起火，有人员被困"))
            .incident()
            .id();
    const std::string b = step(&Stub::CreateIncident, incidentRequest("traffic_accident", 1, 37.70,
                                                                      112.72, "榆次 208 国道"))
                              .incident()
                              .id();
    const std::string c =
        step(&Stub::CreateIncident,
             incidentRequest("forest_grassland_fire", 3, 40.05, 113.20, "大同市 云冈区山林"))
            .incident()
            .id();
    ASSERT_FALSE(HasFailure());
    ASSERT_EQ((std::set<std::string>{a, b, c}).size(), 3u);

    const auto engines = availableUnits(*stub, "taiyuan", "engine");
    const auto datongUnits = availableUnits(*stub, "datong", "");
    const auto jinzhong = availableUnits(*stub, "jinzhong", "");
    ASSERT_GE(engines.size(), 3u);
    ASSERT_GE(datongUnits.size(), 1u);
    ASSERT_GE(jinzhong.size(), 2u);
    const std::string e1 = engines[0].id(), e2 = engines[1].id(), e3 = engines[2].id();
    const std::string d1 = datongUnits[0].id();

    step(&Stub::DispatchUnits, dispatchRequest(a, {e1, e2}));
    step(&Stub::SetUnitStatus, unitStatusRequest(e1, pb::UNIT_STATUS_EN_ROUTE));
    step(&Stub::SetUnitStatus, unitStatusRequest(e1, pb::UNIT_STATUS_ON_SCENE));
    step(&Stub::SetUnitStatus, unitStatusRequest(e2, pb::UNIT_STATUS_EN_ROUTE));
    step(&Stub::AddNote, noteRequest(a, "第一批力量到场，内攻搜救"));
    step(&Stub::AddNote, noteRequest(a, "water supply from hydrant on Yingze St"));
    step(&Stub::SetIncidentStatus, incidentStatusRequest(a, pb::INCIDENT_STATUS_UNDER_CONTROL));
    step(&Stub::DispatchUnits, dispatchRequest(c, {d1}));
    pb::ReleaseUnitsRequest releaseAll;
    releaseAll.set_incident_id(c);
    step(&Stub::ReleaseUnits, releaseAll);
    step(&Stub::AddNote, noteRequest(c, "误报，已核实"));
    step(&Stub::SetIncidentStatus, incidentStatusRequest(c, pb::INCIDENT_STATUS_CLOSED));
    pb::UpdateIncidentRequest update;
    update.set_incident_id(b);
    update.set_level(2);
    update.set_address("榆次区 208 国道 K512");
    step(&Stub::UpdateIncident, update);
    step(&Stub::SetUnitStatus, unitStatusRequest(jinzhong[0].id(), pb::UNIT_STATUS_AVAILABLE, 1));
    step(&Stub::SetUnitStatus, unitStatusRequest(jinzhong[1].id(), pb::UNIT_STATUS_OUT_OF_SERVICE));
    step(&Stub::DispatchUnits, dispatchRequest(b, {e3}));
    ASSERT_FALSE(HasFailure());

    // Position reports for two ground units and an aircraft.
    pb::ListAircraftReply fleet;
    ASSERT_TRUE(query(*stub, &Stub::ListAircraft, pb::ListUnitsRequest{}, &fleet).ok());
    ASSERT_GT(fleet.aircraft_size(), 0);
    {
        grpc::ClientContext ctx;
        asOperator(ctx, "avl-gateway");
        withDeadline(ctx);
        pb::ReportPositionsReply reply;
        auto writer = stub->ReportPositions(&ctx, &reply);
        pb::PositionBatch batch;
        auto add = [&](const std::string& unit, double lat, double lon, double speed,
                       std::optional<double> alt) {
            auto* r = batch.add_reports();
            r->set_unit_id(unit);
            r->mutable_fix()->mutable_position()->set_lat(lat);
            r->mutable_fix()->mutable_position()->set_lon(lon);
            r->mutable_fix()->set_speed_kmh(speed);
            r->mutable_fix()->set_heading_deg(271.5);
            if (alt)
                r->mutable_fix()->set_altitude_m(*alt);
            *r->mutable_fix()->mutable_time() = nowTimestamp();
        };
        add(e1, 37.8706, 112.5489, 0, {});
        add(e2, 37.8650, 112.5601, 38.5, {});
        add(fleet.aircraft(0).id(), 37.75, 112.63, 210, 650);
        ASSERT_TRUE(writer->Write(batch));
        ASSERT_TRUE(writer->WritesDone());
        const grpc::Status st = writer->Finish();
        ASSERT_TRUE(st.ok()) << describe(st);
        EXPECT_EQ(reply.accepted(), 3u) << reply.ShortDebugString();
    }

    const Observed before = observe(*stub);
    ASSERT_FALSE(HasFailure());
    // The commands really took effect (otherwise "identical" would prove little).
    ASSERT_EQ(before.incidents.incidents_size(), 3);
    std::map<std::string, pb::Incident> byId;
    for (const auto& i : before.incidents.incidents())
        byId[i.id()] = i;
    EXPECT_EQ(byId[a].status(), pb::INCIDENT_STATUS_UNDER_CONTROL);
    EXPECT_EQ(byId[a].notes_size(), 2);
    EXPECT_EQ(byId[a].assignments_size(), 2);
    EXPECT_EQ(byId[b].level(), 2);
    EXPECT_EQ(byId[c].status(), pb::INCIDENT_STATUS_CLOSED);
    std::map<std::string, pb::Unit> unitById;
    for (const auto& u : before.units.units())
        unitById[u.id()] = u;
    EXPECT_EQ(unitById[e1].status(), pb::UNIT_STATUS_ON_SCENE);
    EXPECT_TRUE(unitById[e1].has_last_fix());
    EXPECT_EQ(unitById[jinzhong[1].id()].status(), pb::UNIT_STATUS_OUT_OF_SERVICE);
    EXPECT_EQ(unitById[jinzhong[0].id()].staffing(), 1);
    EXPECT_EQ(before.head, lastSeq + 3) << "the commands' events, then 3 position fixes";

    stub.reset();
    ExitStatus exit = server->stop();
    ASSERT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();

    server = startServer(state);
    ASSERT_TRUE(server);
    stub = server->stub();
    const Observed after = observe(*stub);
    expectSameObserved(before, after);
    EXPECT_EQ(server->log().find("Roster updated"), std::string::npos) << server->log();

    // The sequence continues: a resuming subscriber gets no snapshot, just the head, and then
    // the next command's event with head + 1.
    pb::SubscribeRequest resume;
    resume.set_after_seq(before.head);
    Subscription sub(*stub, resume);
    auto first = sub.next(10s);
    ASSERT_TRUE(first) << sub.endStatus();
    ASSERT_TRUE(first->has_heartbeat()) << first->ShortDebugString();
    EXPECT_EQ(first->heartbeat().head_seq(), before.head);

    const pb::CommandReply note = ok(*stub, &Stub::AddNote, noteRequest(a, "重启后的第一条记录"));
    EXPECT_EQ(note.first_seq(), before.head + 1);
    EXPECT_EQ(note.last_seq(), before.head + 1);
    auto event = sub.next(10s);
    ASSERT_TRUE(event) << sub.endStatus();
    ASSERT_TRUE(event->has_event()) << event->ShortDebugString();
    EXPECT_EQ(event->event().seq(), before.head + 1);
    EXPECT_EQ(event->event().kind(), "note_added");
    EXPECT_EQ(event->event().subject(), a);
    EXPECT_EQ(event->event().operator_id(), "e2e-operator");

    // A crash right after the acknowledgement loses nothing either.
    server->kill();
    server = startServer(state);
    ASSERT_TRUE(server);
    stub = server->stub();
    EXPECT_EQ(headSeq(*stub).value_or(0), before.head + 1);
    pb::GetRequest get;
    get.set_id(a);
    pb::Incident incident;
    ASSERT_TRUE(query(*stub, &Stub::GetIncident, get, &incident).ok());
    ASSERT_EQ(incident.notes_size(), 3);
    EXPECT_EQ(incident.notes(2).text(), "重启后的第一条记录");
    EXPECT_EQ(incident.notes(2).operator_id(), "e2e-operator");
    stub.reset();
    exit = server->stop();
    EXPECT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();
}

// =============================================================================================
// 3. kill -9 in the middle of a burst: every acknowledged command survives.

// Collects mismatches over thousands of checks; prints the first few and the count.
class Problems {
public:
    void add(std::string what) {
        if (m_list.size() < 10)
            m_list.push_back(std::move(what));
        ++m_count;
    }
    bool none() const { return m_count == 0; }
    friend std::ostream& operator<<(std::ostream& os, const Problems& p) {
        for (const auto& w : p.m_list)
            os << "  " << w << "\n";
        if (p.m_count > p.m_list.size())
            os << "  ... " << p.m_count << " in all\n";
        return os;
    }

private:
    std::vector<std::string> m_list;
    std::size_t m_count = 0;
};

struct AckedIncident {
    std::string id;
    std::string description;
    std::vector<std::string> notes;  // acknowledged notes, in the order they were added
};

struct AckedSeq {
    std::uint64_t seq;
    std::string kind;
    std::string subject;
};

struct BurstLog {
    std::mutex mutex;
    std::vector<AckedIncident> incidents;
    std::vector<AckedSeq> seqs;
    std::map<std::string, google::protobuf::Timestamp> fixes;  // newest acknowledged fix per unit
    std::vector<std::string> unexpected;                       // errors before the kill
    std::atomic<int> acks{0};
    std::atomic<int> failuresAfterKill{0};
};

void commandWorker(const ServerProcess& server, int cycle, int worker, std::atomic<bool>& killing,
                   BurstLog& log) {
    auto stub = server.stub();
    auto failed = [&](const std::string& what, const grpc::Status& st) {
        if (killing) {
            ++log.failuresAfterKill;
        } else {
            std::lock_guard lock(log.mutex);
            log.unexpected.push_back(what + ": " + describe(st));
        }
    };
    // Fires until the server goes away: the burst is still running when it is killed.
    for (int i = 0;; ++i) {
        const std::string desc = "burst c" + std::to_string(cycle) + " w" + std::to_string(worker) +
                                 " i" + std::to_string(i);
        pb::CommandReply reply;
        grpc::Status st =
            command(*stub, &Stub::CreateIncident,
                    incidentRequest("building_fire", 1, 36.0 + 0.3 * worker + 0.0001 * i,
                                    112.0 + 0.0001 * i, "e2e burst", desc),
                    &reply, 5s);
        if (!st.ok()) {
            failed("CreateIncident " + desc, st);
            return;
        }
        AckedIncident acked{reply.incident().id(), desc, {}};
        std::vector<AckedSeq> seqs;
        seqs.push_back({reply.first_seq(), "incident_created", acked.id});
        if (reply.first_seq() != reply.last_seq() || reply.incident().description() != desc) {
            std::lock_guard lock(log.mutex);
            log.unexpected.push_back("CreateIncident reply " + reply.ShortDebugString());
        }
        ++log.acks;
        bool stop = false;
        for (int k = 0; k < 3 && !stop; ++k) {
            const std::string text = desc + " note " + std::to_string(k);
            pb::CommandReply noteReply;
            st = command(*stub, &Stub::AddNote, noteRequest(acked.id, text), &noteReply, 5s);
            if (!st.ok()) {
                failed("AddNote " + text, st);
                stop = true;
                break;
            }
            acked.notes.push_back(text);
            seqs.push_back({noteReply.first_seq(), "note_added", acked.id});
            ++log.acks;
        }
        std::lock_guard lock(log.mutex);
        log.incidents.push_back(std::move(acked));
        log.seqs.insert(log.seqs.end(), seqs.begin(), seqs.end());
        if (stop)
            return;
    }
}

// Short ReportPositions streams (five batches each), so that some get acknowledged mid-burst.
void positionWorker(const ServerProcess& server, std::vector<pb::Unit> units,
                    std::atomic<bool>& killing, BurstLog& log) {
    auto stub = server.stub();
    for (int stream = 0;; ++stream) {
        grpc::ClientContext ctx;
        asOperator(ctx, "avl-gateway");
        withDeadline(ctx, 5s);
        pb::ReportPositionsReply reply;
        auto writer = stub->ReportPositions(&ctx, &reply);
        std::map<std::string, google::protobuf::Timestamp> sent;
        bool writeFailed = false;
        for (int b = 0; b < 5 && !writeFailed; ++b) {
            pb::PositionBatch batch;
            const auto t = nowTimestamp();
            for (std::size_t u = 0; u < units.size(); ++u) {
                auto* r = batch.add_reports();
                r->set_unit_id(units[u].id());
                auto* fix = r->mutable_fix();
                fix->mutable_position()->set_lat(37.80 + 0.001 * u + 0.00001 * (stream * 5 + b));
                fix->mutable_position()->set_lon(112.50 + 0.00001 * (stream * 5 + b));
                fix->set_speed_kmh(40);
                *fix->mutable_time() = t;
                sent[units[u].id()] = t;
            }
            writeFailed = !writer->Write(batch);
        }
        if (!writeFailed)
            writer->WritesDone();
        const grpc::Status st = writer->Finish();
        if (!st.ok() || writeFailed) {
            if (killing) {
                ++log.failuresAfterKill;
            } else {
                std::lock_guard lock(log.mutex);
                log.unexpected.push_back("ReportPositions: " + describe(st));
            }
            return;
        }
        std::lock_guard lock(log.mutex);
        if (reply.rejected() != 0 || reply.accepted() != 5 * units.size())
            log.unexpected.push_back("ReportPositions reply: " + reply.ShortDebugString());
        for (const auto& [unit, t] : sent)
            log.fixes[unit] = t;
        ++log.acks;
    }
}

TEST_F(E2ETest, KillNineDuringABurstLosesNoAcknowledgedCommand) {
    const fs::path state = m_dir / "state";
    BurstLog log;
    // Frequent snapshots, so that recovery also starts from a snapshot plus the log after it,
    // and a kill may land while one is being written.
    const std::vector<std::string> args = {"--snapshot-every", "500"};
    auto server = startServer(state, args);
    ASSERT_TRUE(server);
    std::vector<pb::Unit> tracked;
    {
        auto stub = server->stub();
        tracked = availableUnits(*stub, "taiyuan", "");
        ASSERT_GE(tracked.size(), 10u);
        tracked.resize(10);
    }

    // Three kill -9 cycles, then a fourth that ends with SIGTERM in the middle of the burst:
    // a graceful stop must keep every acknowledgement too.
    constexpr int kCycles = 4;
    constexpr int kWorkers = 4;
    for (int cycle = 1; cycle <= kCycles; ++cycle) {
        const bool graceful = cycle == kCycles;
        SCOPED_TRACE((graceful ? "SIGTERM cycle " : "kill cycle ") + std::to_string(cycle));
        std::uint64_t headBefore = 0;
        {
            auto stub = server->stub();
            headBefore = headSeq(*stub).value_or(0);
            ASSERT_GT(headBefore, 0u);
        }
        std::size_t seqsBefore = 0;
        {
            std::lock_guard lock(log.mutex);
            seqsBefore = log.seqs.size();
        }
        const int acksBefore = log.acks;
        const int cutBefore = log.failuresAfterKill;
        std::atomic<bool> killing{false};
        std::vector<std::thread> threads;
        for (int w = 0; w < kWorkers; ++w) {
            threads.emplace_back([&, w] { commandWorker(*server, cycle, w, killing, log); });
        }
        threads.emplace_back([&] { positionWorker(*server, tracked, killing, log); });

        // Kill once the burst is in full swing: 150 acknowledgements and at least 300, 450, ...
        // ms in, so that each cycle cuts at another point. The 120 s only bound a hang.
        const auto started = std::chrono::steady_clock::now();
        const auto killAfter = 300ms + 150ms * (cycle - 1);
        while (std::chrono::steady_clock::now() - started < 120s &&
               (std::chrono::steady_clock::now() - started < killAfter ||
                log.acks - acksBefore < 150)) {
            std::this_thread::sleep_for(1ms);
        }
        killing = true;
        const ExitStatus killed = graceful ? server->stop() : server->kill();
        const auto burstMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
        for (auto& t : threads)
            t.join();
        if (graceful) {
            EXPECT_TRUE(killed.exited && killed.exitCode == 0) << killed.describe();
        } else {
            EXPECT_EQ(killed.termSignal, SIGKILL) << killed.describe();
        }
        {
            std::lock_guard lock(log.mutex);
            for (const auto& e : log.unexpected)
                ADD_FAILURE() << "before the kill: " << e;
            log.unexpected.clear();
        }
        EXPECT_GT(log.acks - acksBefore, 50) << "too little happened before the kill";
        if (graceful) {
            EXPECT_NE(server->log().find("Shutting down (SIGTERM)"), std::string::npos);
        }
        EXPECT_EQ(log.failuresAfterKill - cutBefore, kWorkers + 1)
            << "every client was still firing when the server went away";
        std::cout << "[ cycle " << cycle << " ] " << (graceful ? "SIGTERM" : "SIGKILL") << " after "
                  << burstMs << " ms, " << log.acks - acksBefore << " acknowledgements, "
                  << log.failuresAfterKill - cutBefore << " calls cut off\n";

        server = startServer(state, args);
        ASSERT_TRUE(server);
        auto stub = server->stub();

        std::lock_guard lock(log.mutex);
        std::uint64_t maxAcked = 0;
        for (const auto& s : log.seqs)
            maxAcked = std::max(maxAcked, s.seq);

        // The store's head is at least every acknowledged seq, and a new subscriber's snapshot
        // holds every acknowledged incident and note (of this and all earlier cycles).
        pb::SubscribeRequest fresh;
        Subscription sub(*stub, fresh);
        Snapshot snap;
        ASSERT_TRUE(readSnapshot(sub, snap));
        EXPECT_GE(snap.begin.seq(), maxAcked);
        EXPECT_EQ(snap.end.seq(), snap.begin.seq());
        Problems lost;
        for (const auto& acked : log.incidents) {
            auto it = snap.incidents.find(acked.id);
            if (it == snap.incidents.end()) {
                lost.add("incident " + acked.id + " (" + acked.description + ") is missing");
                continue;
            }
            const pb::Incident& inc = it->second;
            if (inc.description() != acked.description) {
                lost.add("incident " + acked.id + " is \"" + inc.description() + "\", not \"" +
                         acked.description + "\"");
            }
            // Acknowledged notes all there, in order; at most one more that was in flight.
            const auto n = static_cast<int>(acked.notes.size());
            if (inc.notes_size() < n || inc.notes_size() > n + 1) {
                lost.add("incident " + acked.id + " has " + std::to_string(inc.notes_size()) +
                         " notes, " + std::to_string(n) + " acknowledged");
                continue;
            }
            for (int k = 0; k < n; ++k) {
                if (inc.notes(k).text() != acked.notes[k])
                    lost.add("incident " + acked.id + " note " + std::to_string(k) + " is \"" +
                             inc.notes(k).text() + "\", not \"" + acked.notes[k] + "\"");
            }
        }
        for (const auto& [unit, t] : log.fixes) {
            auto it = snap.units.find(unit);
            if (it == snap.units.end() || !notBefore(it->second.last_fix().time(), t)) {
                lost.add(unit + ": acknowledged fix at " + t.ShortDebugString() + ", stored " +
                         (it == snap.units.end() ? "no unit"
                                                 : it->second.last_fix().ShortDebugString()));
            }
        }
        EXPECT_TRUE(lost.none()) << "acknowledged but lost after the restart:\n" << lost;

        // GetIncident answers for every acknowledged incident of this cycle.
        int checked = 0;
        for (const auto& acked : log.incidents) {
            if (acked.description.rfind("burst c" + std::to_string(cycle) + " ", 0) != 0)
                continue;
            pb::GetRequest get;
            get.set_id(acked.id);
            pb::Incident inc;
            const grpc::Status st = query(*stub, &Stub::GetIncident, get, &inc);
            if (!st.ok() || inc.description() != acked.description)
                lost.add("GetIncident " + acked.id + ": " + describe(st) + " " +
                         inc.ShortDebugString());
            ++checked;
        }
        EXPECT_GT(checked, 0);
        EXPECT_TRUE(lost.none()) << lost;

        // The log of this cycle is gap-free, and each acknowledged seq is the event the reply
        // said it was.
        pb::SubscribeRequest resume;
        resume.set_after_seq(headBefore);
        Subscription replay(*stub, resume);
        std::map<std::uint64_t, pb::Event> events;
        std::uint64_t expected = headBefore + 1;
        std::uint64_t head = 0;
        for (;;) {
            auto msg = replay.next(15s);
            ASSERT_TRUE(msg) << "catch-up ended early: " << replay.endStatus();
            if (msg->has_heartbeat()) {
                head = msg->heartbeat().head_seq();
                break;
            }
            ASSERT_TRUE(msg->has_event()) << msg->ShortDebugString();
            ASSERT_EQ(msg->event().seq(), expected) << "gap or reordering in the event log";
            ++expected;
            if (msg->event().kind() != "position_reported")
                events[msg->event().seq()] = msg->event();
        }
        EXPECT_EQ(head, snap.begin.seq());
        EXPECT_EQ(expected, head + 1);
        Problems wrong;
        for (std::size_t i = seqsBefore; i < log.seqs.size(); ++i) {
            const AckedSeq& s = log.seqs[i];
            auto it = events.find(s.seq);
            if (it == events.end() || it->second.kind() != s.kind ||
                it->second.subject() != s.subject) {
                wrong.add("acknowledged seq " + std::to_string(s.seq) + " as " + s.kind + " " +
                          s.subject + ", the log has " +
                          (it == events.end() ? "a position fix or nothing"
                                              : it->second.kind() + " " + it->second.subject()));
            }
        }
        EXPECT_TRUE(wrong.none()) << wrong;
    }
    const ExitStatus exit = server->stop();
    EXPECT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();
}

// =============================================================================================
// 4. Simulation: a dispatched engine turns out, drives to the incident and comes home.

TEST_F(E2ETest, SimulationDrivesADispatchedEngineThereAndBack) {
    auto server = startServer(m_dir / "state", {"--simulate", "--sim-speed", "60"});
    ASSERT_TRUE(server);
    auto stub = server->stub();

    pb::SubscribeRequest subReq;
    subReq.mutable_filter()->add_cities("taiyuan");
    Subscription sub(*stub, subReq);
    Snapshot snap;
    ASSERT_TRUE(readSnapshot(sub, snap));

    pb::LatLon scene;
    scene.set_lat(37.8706);
    scene.set_lon(112.5489);
    const std::string incident =
        createIncident(*stub, incidentRequest("building_fire", 1, scene.lat(), scene.lon(),
                                              "太原市万柏林区 模拟火警", "e2e simulation"));
    ASSERT_FALSE(incident.empty());

    // The nearest available Taiyuan engine, from its last fix or else its home station.
    pb::ListStationsRequest stReq;
    stReq.set_city("taiyuan");
    pb::ListStationsReply stations;
    ASSERT_TRUE(query(*stub, &Stub::ListStations, stReq, &stations).ok());
    std::map<std::string, pb::LatLon> home;
    for (const auto& s : stations.stations())
        home[s.id()] = s.position();
    const auto engines = availableUnits(*stub, "taiyuan", "engine");
    ASSERT_FALSE(engines.empty());
    const pb::Unit* nearest = nullptr;
    double best = std::numeric_limits<double>::max();
    for (const auto& u : engines) {
        const pb::LatLon at = u.has_last_fix() ? u.last_fix().position() : home[u.station_id()];
        const double d = distanceMeters(at, scene);
        if (d < best) {
            best = d;
            nearest = &u;
        }
    }
    ASSERT_NE(nearest, nullptr);
    const std::string unit = nearest->id();
    const pb::LatLon station = home[nearest->station_id()];
    SCOPED_TRACE("engine " + unit + " at " + std::to_string(best) + " m");
    ASSERT_LT(best, 10000) << "the demo roster has engines in central Taiyuan";

    const pb::CommandReply dispatched =
        ok(*stub, &Stub::DispatchUnits, dispatchRequest(incident, {unit}));
    ASSERT_EQ(dispatched.units_size(), 1);
    EXPECT_EQ(dispatched.units(0).status(), pb::UNIT_STATUS_DISPATCHED);

    // Follows the unit on the subscription until it reaches `until`; collects its fixes.
    struct Trip {
        std::vector<pb::UnitStatus> statuses;
        std::vector<pb::PositionFix> fixes;
        bool reached = false;
    };
    auto follow = [&](pb::UnitStatus until, std::chrono::seconds timeout) {
        Trip trip;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!trip.reached && std::chrono::steady_clock::now() < deadline) {
            auto msg = sub.next(500ms);
            if (!msg || !msg->has_event())
                continue;
            const pb::Event& e = msg->event();
            if (e.has_position() && e.position().unit_id() == unit)
                trip.fixes.push_back(e.position().fix());
            for (const auto& u : e.units()) {
                if (u.id() != unit)
                    continue;
                if (trip.statuses.empty() || trip.statuses.back() != u.status())
                    trip.statuses.push_back(u.status());
                trip.reached = u.status() == until;
            }
        }
        return trip;
    };

    // The deadlines only bound a hang: the trips take a few seconds at 60 times real time.
    const Trip out = follow(pb::UNIT_STATUS_ON_SCENE, 120s);
    ASSERT_TRUE(out.reached) << "not on scene within 120 s; statuses seen: " << out.statuses.size()
                             << ", fixes: " << out.fixes.size();
    const std::vector<pb::UnitStatus> outbound = {
        pb::UNIT_STATUS_DISPATCHED, pb::UNIT_STATUS_EN_ROUTE, pb::UNIT_STATUS_ON_SCENE};
    EXPECT_EQ(out.statuses, outbound);
    ASSERT_GE(out.fixes.size(), 2u) << "expected moving fixes on the way";
    double last = best + 1.0;
    int moving = 0;
    for (const auto& f : out.fixes) {
        const double d = distanceMeters(f.position(), scene);
        EXPECT_LT(d, last) << "fix " << f.ShortDebugString() << " is not closer to the scene";
        last = d;
        if (f.speed_kmh() > 0)
            ++moving;
    }
    EXPECT_GE(moving, 1);
    EXPECT_LT(distanceMeters(out.fixes.back().position(), scene), 60.0);

    pb::GetRequest get;
    get.set_id(incident);
    pb::Incident inc;
    ASSERT_TRUE(query(*stub, &Stub::GetIncident, get, &inc).ok());
    ASSERT_EQ(inc.assignments_size(), 1);
    EXPECT_EQ(inc.assignments(0).unit_id(), unit);
    EXPECT_TRUE(inc.assignments(0).has_en_route());
    EXPECT_TRUE(inc.assignments(0).has_on_scene());
    EXPECT_EQ(inc.status(), pb::INCIDENT_STATUS_ACTIVE);

    pb::ReleaseUnitsRequest release;
    release.set_incident_id(incident);
    release.add_unit_ids(unit);
    const pb::CommandReply released = ok(*stub, &Stub::ReleaseUnits, release);
    ASSERT_EQ(released.units_size(), 1);
    EXPECT_EQ(released.units(0).status(), pb::UNIT_STATUS_RETURNING);

    const Trip back = follow(pb::UNIT_STATUS_AVAILABLE, 120s);
    ASSERT_TRUE(back.reached) << "not back in service within 120 s";
    const std::vector<pb::UnitStatus> inbound = {pb::UNIT_STATUS_RETURNING,
                                                 pb::UNIT_STATUS_AVAILABLE};
    EXPECT_EQ(back.statuses, inbound);
    ASSERT_FALSE(back.fixes.empty());
    last = std::numeric_limits<double>::max();
    for (const auto& f : back.fixes) {
        const double d = distanceMeters(f.position(), station);
        EXPECT_LT(d, last) << "fix " << f.ShortDebugString() << " is not closer to the station";
        last = d;
    }
    EXPECT_LT(last, 60.0);

    pb::Unit after;
    get.set_id(unit);
    ASSERT_TRUE(query(*stub, &Stub::GetUnit, get, &after).ok());
    EXPECT_EQ(after.status(), pb::UNIT_STATUS_AVAILABLE);
    EXPECT_TRUE(after.incident_id().empty());
    get.set_id(incident);
    ASSERT_TRUE(query(*stub, &Stub::GetIncident, get, &inc).ok());
    EXPECT_TRUE(inc.assignments(0).has_released());
}

// =============================================================================================
// 5. Bad input over the wire: a clear error naming the field, and nothing written.

TEST_F(E2ETest, BadInputIsRefusedWithClearErrorsAndWritesNothing) {
    auto server = startServer(m_dir / "state");
    ASSERT_TRUE(server);
    auto stub = server->stub();
    const std::string incident = createIncident(
        *stub, incidentRequest("building_fire", 1, 37.87, 112.55, "太原市 测试地址"));
    ASSERT_FALSE(incident.empty());
    std::string error;
    const auto head = headSeq(*stub, &error);
    ASSERT_TRUE(head) << error;

    auto expectRefused = [&](const char* what, const grpc::Status& st, grpc::StatusCode code,
                             std::vector<std::string> mentions) {
        SCOPED_TRACE(what);
        EXPECT_EQ(st.error_code(), code) << describe(st);
        for (const auto& m : mentions)
            EXPECT_NE(st.error_message().find(m), std::string::npos) << describe(st);
    };
    pb::CommandReply reply;

    const double nan = std::numeric_limits<double>::quiet_NaN();
    expectRefused("NaN latitude",
                  command(*stub, &Stub::CreateIncident,
                          incidentRequest("building_fire", 1, nan, 112.5, "x"), &reply),
                  grpc::StatusCode::INVALID_ARGUMENT, {"position.lat"});
    expectRefused("infinite longitude",
                  command(*stub, &Stub::CreateIncident,
                          incidentRequest("building_fire", 1, 37.8,
                                          std::numeric_limits<double>::infinity(), "x"),
                          &reply),
                  grpc::StatusCode::INVALID_ARGUMENT, {"position.lon"});
    expectRefused("unknown incident type",
                  command(*stub, &Stub::CreateIncident,
                          incidentRequest("alien_invasion", 1, 37.8, 112.5, "x"), &reply),
                  grpc::StatusCode::INVALID_ARGUMENT, {"type", "alien_invasion"});
    expectRefused("level out of range",
                  command(*stub, &Stub::CreateIncident,
                          incidentRequest("building_fire", 9, 37.8, 112.5, "x"), &reply),
                  grpc::StatusCode::INVALID_ARGUMENT, {"level"});
    expectRefused("unknown unit",
                  command(*stub, &Stub::DispatchUnits,
                          dispatchRequest(incident, {"NO-SUCH-UNIT-42"}), &reply),
                  grpc::StatusCode::NOT_FOUND, {"NO-SUCH-UNIT-42"});
    expectRefused("unknown incident",
                  command(*stub, &Stub::AddNote, noteRequest("INC-19700101-9999", "hello"), &reply),
                  grpc::StatusCode::NOT_FOUND, {"INC-19700101-9999"});
    {
        grpc::ClientContext ctx;  // no x-flameblue-operator
        withDeadline(ctx);
        expectRefused("no operator",
                      stub->CreateIncident(
                          &ctx, incidentRequest("building_fire", 1, 37.8, 112.5, "x"), &reply),
                      grpc::StatusCode::UNAUTHENTICATED, {"x-flameblue-operator"});
    }
    expectRefused(
        "oversized note",
        command(*stub, &Stub::AddNote, noteRequest(incident, std::string(5000, 'n')), &reply),
        grpc::StatusCode::INVALID_ARGUMENT, {"text", "5000"});
    {
        // proto3 strings must be UTF-8: the server's gRPC layer drops such a request before
        // Flameblue sees it (gRPC 1.51 answers UNIMPLEMENTED, no message). Refused either way.
        const grpc::Status st =
            command(*stub, &Stub::AddNote, noteRequest(incident, "bad \xff\xfe bytes"), &reply);
        EXPECT_FALSE(st.ok()) << "a note with invalid UTF-8 was accepted";
    }
    {
        grpc::ClientContext ctx;
        asOperator(ctx, "avl-gateway");
        withDeadline(ctx);
        pb::ReportPositionsReply posReply;
        auto writer = stub->ReportPositions(&ctx, &posReply);
        pb::PositionBatch batch;
        auto* r = batch.add_reports();
        r->set_unit_id(availableUnits(*stub, "taiyuan", "engine").at(0).id());
        r->mutable_fix()->mutable_position()->set_lat(nan);
        r->mutable_fix()->mutable_position()->set_lon(112.5);
        auto* unknown = batch.add_reports();
        unknown->set_unit_id("NO-SUCH-UNIT-43");
        unknown->mutable_fix()->mutable_position()->set_lat(37.8);
        unknown->mutable_fix()->mutable_position()->set_lon(112.5);
        ASSERT_TRUE(writer->Write(batch));
        ASSERT_TRUE(writer->WritesDone());
        const grpc::Status st = writer->Finish();
        ASSERT_TRUE(st.ok()) << describe(st);
        EXPECT_EQ(posReply.accepted(), 0u);
        EXPECT_EQ(posReply.rejected(), 2u) << posReply.ShortDebugString();
        ASSERT_EQ(posReply.rejections_size(), 2);
        EXPECT_NE(posReply.rejections(0).reason().find("lat"), std::string::npos)
            << posReply.ShortDebugString();
        EXPECT_EQ(posReply.rejections(1).unit_id(), "NO-SUCH-UNIT-43");
    }

    // Still serving, and not a single event was written.
    pb::ListStationsReply stations;
    ASSERT_TRUE(query(*stub, &Stub::ListStations, pb::ListStationsRequest{}, &stations).ok());
    EXPECT_GT(stations.stations_size(), 0);
    EXPECT_EQ(headSeq(*stub).value_or(0), *head);
    pb::GetRequest get;
    get.set_id(incident);
    pb::Incident inc;
    ASSERT_TRUE(query(*stub, &Stub::GetIncident, get, &inc).ok());
    EXPECT_EQ(inc.notes_size(), 0);
    EXPECT_EQ(inc.assignments_size(), 0);
    pb::ListIncidentsReply all;
    pb::ListIncidentsRequest allReq;
    allReq.set_include_closed(true);
    ASSERT_TRUE(query(*stub, &Stub::ListIncidents, allReq, &all).ok());
    EXPECT_EQ(all.incidents_size(), 1);
    EXPECT_TRUE(server->running());
}

}  // namespace
}  // namespace flameblue::e2e
