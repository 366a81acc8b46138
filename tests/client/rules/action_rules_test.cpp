// For every unit status and every incident status a real command sequence can reach, the
// console offers an action exactly when the server's core accepts it: the states go through the
// server's mapping into the console's models, and each offer is checked against decide().
#include <QTest>

#include <set>
#include <vector>

#include "api/mapping.h"
#include "core/decide.h"
#include "core/state.h"
#include "models/console_state.h"
#include "models/incident_detail.h"
#include "models/unit_list_model.h"
#include "test_world.h"

namespace flameblue::console {
namespace {

namespace pb = ::flameblue::v1;
namespace t = ::flameblue::testing;
using core::IncidentStatus;
using core::UnitStatus;

constexpr const char* kUnit = "TY-E1";

const std::vector<UnitStatus> kUnitStatuses = {UnitStatus::Available, UnitStatus::Dispatched,
                                               UnitStatus::EnRoute,   UnitStatus::OnScene,
                                               UnitStatus::Returning, UnitStatus::OutOfService};
const std::vector<IncidentStatus> kIncidentStatuses = {
    IncidentStatus::Received, IncidentStatus::Active, IncidentStatus::UnderControl,
    IncidentStatus::Closed};

// The server's world: a state changed only through decide(), as the session does.
class World {
public:
    World() {
        core::TimeMs at = t::kT0;
        for (auto& p : t::rosterEvents())
            m_state.apply(core::Event{++m_seq, at, "system", "roster", std::move(p)});
    }

    core::Status run(const core::Command& c) {
        auto events = core::decide(m_state, m_ref, context(), c);
        if (!events)
            return events.error();
        for (auto& p : *events)
            m_state.apply(core::Event{++m_seq, now(), "dispatcher", "test", std::move(p)});
        return core::Ok{};
    }
    bool accepts(const core::Command& c) const {
        return core::decide(m_state, m_ref, context(), c).ok();
    }
    core::Id newIncident() {
        const core::Id id = core::nextIncidentId(m_state, now());
        must(run(core::CreateIncident{"building_fire", 1, t::taiyuanCentre(), "Yingze St", "",
                                      std::nullopt, false}));
        return id;
    }
    const core::State& state() const { return m_state; }

    // The state as the console has it after a snapshot.
    void loadInto(ConsoleState& console) const {
        pb::SnapshotBegin begin;
        begin.set_session_id("live");
        console.beginSnapshot(begin);
        pb::SnapshotChunk chunk;
        for (const auto& [id, s] : m_state.stations())
            api::toProto(s, chunk.add_stations());
        const api::FixContext fix{now(), 300'000, 0};
        for (const auto& [id, u] : m_state.units()) {
            if (u.spec.kind == core::UnitKind::Aircraft)
                api::toProto(u, fix, chunk.add_aircraft());
            else
                api::toProto(u, fix, chunk.add_units());
        }
        for (const auto& [id, i] : m_state.incidents())
            api::toProto(i, chunk.add_incidents());
        console.addSnapshotChunk(chunk);
        console.endSnapshot(m_seq);
    }

private:
    static void must(const core::Status& s) {
        if (!s)
            qFatal("setting up the world failed: %s", s.error().message.c_str());
    }
    core::TimeMs now() const { return t::kT0 + static_cast<core::TimeMs>(m_seq) * 1000; }
    core::CommandContext context() const { return {"dispatcher", "test", now(), std::nullopt}; }

    core::Reference m_ref = t::testReference();
    core::State m_state;
    std::uint64_t m_seq = 0;
};

// Takes the unit from available to `target` by the commands a crew and a dispatcher would send.
void bring(World& w, UnitStatus target) {
    auto set = [&](UnitStatus s) {
        if (!w.run(core::SetUnitStatus{kUnit, s, std::nullopt}))
            qFatal("cannot set the status on the way");
    };
    if (target == UnitStatus::Available)
        return;
    if (target == UnitStatus::OutOfService) {
        set(UnitStatus::OutOfService);
        return;
    }
    const core::Id inc = w.newIncident();
    if (!w.run(core::DispatchUnits{inc, {kUnit}}))
        qFatal("cannot dispatch on the way");
    if (target == UnitStatus::Dispatched)
        return;
    set(UnitStatus::EnRoute);
    if (target == UnitStatus::EnRoute)
        return;
    set(UnitStatus::OnScene);
    if (target == UnitStatus::OnScene)
        return;
    set(UnitStatus::Returning);
}

std::set<int> asSet(const QVariantList& list) {
    std::set<int> out;
    for (const QVariant& v : list)
        out.insert(v.toInt());
    return out;
}

}  // namespace

class ActionRulesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyUnitStatusOffersWhatTheServerAccepts() {
        for (const UnitStatus from : kUnitStatuses) {
            World w;
            bring(w, from);
            QCOMPARE(w.state().units().at(kUnit).status, from);
            // Another open incident to dispatch to.
            const core::Id other = w.newIncident();
            ConsoleState console;
            w.loadInto(console);
            UnitListModel& units = *console.units();
            const QModelIndex row = units.index(units.rowOf(std::string(kUnit)));
            QVERIFY(row.isValid());
            const std::set<int> offered = asSet(row.data(UnitListModel::NextStatusesRole).toList());
            int offeredCount = 0;
            for (const UnitStatus to : kUnitStatuses) {
                const bool accepted =
                    to != from && w.accepts(core::SetUnitStatus{kUnit, to, std::nullopt});
                const bool offers = offered.contains(static_cast<int>(api::toProto(to)));
                offeredCount += offers ? 1 : 0;
                QVERIFY2(offers == accepted,
                         qPrintable(QStringLiteral("unit %1 -> %2: console %3, server %4")
                                        .arg(int(from))
                                        .arg(int(to))
                                        .arg(offers ? "offers" : "does not offer")
                                        .arg(accepted ? "accepts" : "refuses")));
            }
            QCOMPARE(offeredCount, int(offered.size()));
            const bool dispatchAccepted = w.accepts(core::DispatchUnits{other, {kUnit}});
            QCOMPARE(row.data(UnitListModel::DispatchableRole).toBool(), dispatchAccepted);
        }
    }

    void everyIncidentStatusOffersWhatTheServerAccepts() {
        for (const IncidentStatus from : kIncidentStatuses) {
            World w;
            const core::Id inc = w.newIncident();
            if (from != IncidentStatus::Received &&
                !w.run(core::DispatchUnits{inc, {kUnit}}))  // makes it active
                QFAIL("dispatch failed");
            if (from == IncidentStatus::UnderControl || from == IncidentStatus::Closed)
                QVERIFY(w.run(core::SetIncidentStatus{inc, from}).ok());
            QCOMPARE(w.state().incidents().at(inc).status, from);
            ConsoleState console;
            w.loadInto(console);
            IncidentDetail& detail = *console.incidentDetail();
            detail.setIncidentId(QString::fromStdString(inc));
            QVERIFY(detail.exists());
            const std::set<int> offered = asSet(detail.nextStatuses());
            for (const IncidentStatus to : kIncidentStatuses) {
                const bool accepted = w.accepts(core::SetIncidentStatus{inc, to});
                const bool offers = offered.contains(static_cast<int>(api::toProto(to)));
                QVERIFY2(offers == accepted,
                         qPrintable(QStringLiteral("incident %1 -> %2: console %3, server %4")
                                        .arg(int(from))
                                        .arg(int(to))
                                        .arg(offers ? "offers" : "does not offer")
                                        .arg(accepted ? "accepts" : "refuses")));
            }
            // Dispatching to it: offered while open, as the server accepts.
            const bool dispatchAccepted = w.accepts(core::DispatchUnits{inc, {"TY-E2"}});
            QCOMPARE(detail.open(), dispatchAccepted);
        }
    }
};

}  // namespace flameblue::console

QTEST_GUILESS_MAIN(flameblue::console::ActionRulesTest)
#include "action_rules_test.moc"
