#include <gtest/gtest.h>

#include <random>

#include "replay/drill_manager.h"
#include "replay_world.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;
using replay::Drill;
using replay::DrillManager;

namespace {

class DrillTest : public ::testing::Test {
protected:
    void SetUp() override {
        live = std::make_unique<RecordedLive>(dir.path());
        live->recordShift();
        replay::DrillManagerOptions o;
        o.directory = dir.path() / "drills";
        o.timeline.snapshotEveryEvents = 7;  // every seek folds from a snapshot
        o.timeline.batchEvents = 5;
        o.wallClock = [this] { return wall; };
        manager = std::make_unique<DrillManager>(o, live->session().store(),
                                                 live->session().reference(), nullptr, nullptr);
    }

    std::shared_ptr<Drill> create(TimeMs from, TimeMs to) {
        auto d = manager->createFromRange("test", from, to, "instructor");
        EXPECT_TRUE(d.ok()) << (d ? "" : d.error().message);
        return d ? *d : nullptr;
    }
    State served(Drill& d) {
        return d.session().withState([](const State& s, const auto&) { return s; });
    }

    TempFolder dir;
    std::unique_ptr<RecordedLive> live;
    std::unique_ptr<DrillManager> manager;
    TimeMs wall = 1'000'000;
};

TEST_F(DrillTest, PlayingThroughReproducesLiveAtEverySampledTime) {
    const TimeMs from = kT0 + 60'000;
    auto drill = create(from, live->end());
    ASSERT_TRUE(drill);
    ASSERT_TRUE(drill->session().id().starts_with("drill-"));
    EXPECT_TRUE(sameWorld(served(*drill), live->stateAt(from)));
    ASSERT_TRUE(drill->setSpeed("instructor", 60).ok());
    ASSERT_TRUE(drill->play("instructor").ok());
    int compared = 0;
    while (drill->playback().playing) {
        ASSERT_TRUE(drill->advance(250).ok());  // 15 s of drill time per tick
        const TimeMs t = drill->drillNow();
        ASSERT_TRUE(sameWorld(served(*drill), live->stateAt(t))) << "at drill time " << t - kT0;
        ++compared;
    }
    EXPECT_GT(compared, 100);
    EXPECT_EQ(drill->drillNow(), live->end());
    EXPECT_TRUE(drill->playback().atEnd);
    EXPECT_TRUE(sameWorld(served(*drill), live->stateAt(live->end())));
}

TEST_F(DrillTest, EveryRecordedMomentIsReachedByStepping) {
    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    int steps = 0;
    while (drill->drillNow() < live->end()) {
        ASSERT_TRUE(drill->step("instructor", 0).ok());
        ASSERT_TRUE(sameWorld(served(*drill), live->stateAt(drill->drillNow())));
        ++steps;
    }
    EXPECT_EQ(steps,
              static_cast<int>(live->states().upper_bound(kT0 + 60'000) == live->states().end()
                                   ? 0
                                   : std::distance(live->states().upper_bound(kT0 + 60'000),
                                                   live->states().end())));
}

TEST_F(DrillTest, SeekForwardAndBackGivesTheStateOfPlayingThrough) {
    const TimeMs from = kT0 + 60'000;
    auto drill = create(from, live->end());
    ASSERT_TRUE(drill);
    std::mt19937 rng(42);
    std::uniform_int_distribution<TimeMs> pick(from, live->end());
    for (int i = 0; i < 40; ++i) {
        const TimeMs t = i == 0 ? live->end() : i == 1 ? from : pick(rng);
        ASSERT_TRUE(drill->seek("instructor", t).ok());
        EXPECT_EQ(drill->drillNow(), t);
        ASSERT_TRUE(sameWorld(served(*drill), live->stateAt(t))) << "seek to " << t - kT0;
    }
    // Seek back, then play on: the same states as the first time through.
    const TimeMs back = from + 200'000;
    ASSERT_TRUE(drill->seek("instructor", back).ok());
    ASSERT_TRUE(drill->setSpeed("instructor", 10).ok());
    ASSERT_TRUE(drill->play("instructor").ok());
    for (int i = 0; i < 50 && drill->playback().playing; ++i) {
        ASSERT_TRUE(drill->advance(700).ok());
        ASSERT_TRUE(sameWorld(served(*drill), live->stateAt(drill->drillNow())));
    }
    // The drill log folds to the served state from its newest reset snapshot (a restart).
    auto recovered = store::recoverState(drill->session().store());
    ASSERT_TRUE(recovered.ok());
    EXPECT_TRUE(sameWorld(*recovered, served(*drill)));
}

TEST_F(DrillTest, DrillAndLiveNeverSeeEachOthersEvents) {
    const std::uint64_t liveSeqBefore = live->session().store().lastSeq();
    auto before = live->session().store().read(0, liveSeqBefore, 1'000'000);
    ASSERT_TRUE(before.ok());
    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    ASSERT_TRUE(drill->seek("instructor", kT0 + 200'000).ok());
    // A trainee acts in the drill.
    auto cmd = drill->session().execute({"trainee-li", "drill-console", 0},
                                        DispatchUnits{live->incident1(), {"TY-E2"}});
    ASSERT_TRUE(cmd.ok()) << cmd.error().message;
    ASSERT_TRUE(drill->step("instructor", 60'000).ok());
    // Live goes on after the drill was made.
    live->at(live->end() + 10'000);
    ASSERT_TRUE(live->run(AddNote{live->incident2(), "live note after the drill"}).ok());

    auto after = live->session().store().read(0, 1'000'000, 1'000'000);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->size(), before->size() + 1);
    for (std::size_t i = 0; i < before->size(); ++i) {
        EXPECT_EQ((*after)[i], (*before)[i]);
    }
    for (const Event& e : *after) {
        EXPECT_NE(e.operatorId, "trainee-li");
        EXPECT_NE(e.origin, "drill");
        EXPECT_FALSE(std::holds_alternative<DrillStateReset>(e.payload));
    }
    auto drillLog = drill->session().store().read(0, 1'000'000, 1'000'000);
    ASSERT_TRUE(drillLog.ok());
    bool sawTrainee = false;
    for (const Event& e : *drillLog) {
        sawTrainee = sawTrainee || e.operatorId == "trainee-li";
        if (const auto* n = std::get_if<NoteAdded>(&e.payload)) {
            EXPECT_NE(n->text, "live note after the drill");
        }
    }
    EXPECT_TRUE(sawTrainee);
    // Live never had the trainee's dispatch.
    live->session().withState([&](const State& s, const auto&) {
        const Unit* u = s.unit("TY-E2");
        EXPECT_TRUE(u->incidentId.empty() || u->incidentId == live->incident1());
        return 0;
    });
}

TEST_F(DrillTest, BadRequestsGetClearErrorsAndChangeNothing) {
    // A range with no events.
    auto empty = manager->createFromRange("x", live->end() + 1'000, live->end() + 60'000, "i");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(empty.error().message.find("no events"), std::string::npos);
    auto reversed = manager->createFromRange("x", live->end(), kT0, "i");
    ASSERT_FALSE(reversed.ok());
    EXPECT_EQ(reversed.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(manager->list().empty());

    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    ASSERT_TRUE(drill->seek("instructor", kT0 + 300'000).ok());
    const State before = served(*drill);
    auto outside = drill->seek("instructor", live->end() + 1);
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(outside.error().message.find("outside the drill's range"), std::string::npos);
    EXPECT_FALSE(drill->seek("instructor", kT0).ok());
    EXPECT_FALSE(drill->setSpeed("instructor", 61).ok());
    EXPECT_FALSE(drill->setSpeed("instructor", 0.1).ok());

    // A second instructor is refused while the first holds the lease, then may take it over.
    auto fight = drill->seek("instructor-2", kT0 + 100'000);
    ASSERT_FALSE(fight.ok());
    EXPECT_EQ(fight.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(fight.error().message.find("\"instructor\""), std::string::npos);
    EXPECT_TRUE(sameWorld(served(*drill), before));
    EXPECT_EQ(drill->drillNow(), kT0 + 300'000);
    EXPECT_FALSE(drill->releaseControl("instructor-2").ok());
    ASSERT_TRUE(drill->releaseControl("instructor").ok());
    EXPECT_TRUE(drill->play("instructor-2").ok());
    EXPECT_FALSE(drill->pause("instructor").ok());
    wall += Drill::kLeaseMs;  // the holder went quiet
    EXPECT_TRUE(drill->pause("instructor").ok());
    EXPECT_EQ(drill->playback().controller, "instructor");

    // Ending a drill removes it; its session no longer takes commands.
    const std::string id = drill->info().id;
    ASSERT_TRUE(manager->end(id).ok());
    EXPECT_EQ(manager->find(id), nullptr);
    EXPECT_FALSE(manager->end(id).ok());
    EXPECT_FALSE(
        drill->session().execute({"t", "c", 0}, AddNote{live->incident1(), "after end"}).ok());
}

TEST_F(DrillTest, HandOverWithholdsExactlyTheHistoryOfThatIncident) {
    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    const TimeMs handOverAt = kT0 + 300'000;  // both first units on scene, level 2
    ASSERT_TRUE(drill->seek("instructor", handOverAt).ok());
    EXPECT_EQ(drill->handOver("instructor", "INC-NOPE").error().code, ErrorCode::NotFound);
    ASSERT_TRUE(drill->handOver("instructor", live->incident1()).ok());
    EXPECT_EQ(drill->handOver("instructor", live->incident1()).error().code,
              ErrorCode::AlreadyExists);
    ASSERT_EQ(drill->playback().handOvers.size(), 1u);
    // The trainees send the helicopter instead of the second engine history sent.
    auto trainee = drill->session().execute({"trainee-li", "drill-console", 0},
                                            DispatchUnits{live->incident1(), {"AV-Z8-01"}});
    ASSERT_TRUE(trainee.ok()) << trainee.error().message;
    const std::uint64_t traineeSeq = trainee->lastSeq;
    ASSERT_TRUE(drill->setSpeed("instructor", 60).ok());
    ASSERT_TRUE(drill->play("instructor").ok());
    while (drill->playback().playing) {
        ASSERT_TRUE(drill->advance(1'000).ok());
    }
    const State end = served(*drill);
    const State& history = live->stateAt(live->end());

    // The rest of the world replayed as it happened.
    EXPECT_EQ(*end.incident(live->incident2()), *history.incident(live->incident2()));
    EXPECT_EQ(*end.unit("DT-E1"), *history.unit("DT-E1"));
    // The handed-over incident is the trainees': no escalation, note, release or close from
    // history after the hand-over; their helicopter is on it.
    const Incident& inc = *end.incident(live->incident1());
    EXPECT_EQ(inc.status, IncidentStatus::Active);
    EXPECT_EQ(inc.level, 2);
    EXPECT_TRUE(inc.notes.empty());
    EXPECT_NE(inc.activeAssignment("TY-E1"), nullptr);
    EXPECT_NE(inc.activeAssignment("TY-L1"), nullptr);
    EXPECT_NE(inc.activeAssignment("AV-Z8-01"), nullptr);
    EXPECT_EQ(inc.activeAssignment("TY-E2"), nullptr);
    // Units follow only as far as the withheld commands go.
    EXPECT_EQ(end.unit("TY-E1")->status, UnitStatus::OnScene);  // never released, stays
    EXPECT_EQ(end.unit("TY-E1")->lastFix, live->stateAt(handOverAt).unit("TY-E1")->lastFix);
    EXPECT_EQ(end.unit("TY-E2")->status, UnitStatus::Available);  // never sent
    EXPECT_EQ(end.unit("TY-E2")->lastFix, live->stateAt(handOverAt).unit("TY-E2")->lastFix);
    EXPECT_EQ(end.unit("AV-Z8-01")->incidentId, live->incident1());

    // Exactly: after the hand-over the drill got every history event except those about the
    // incident and about the units its withheld commands moved (engines 1, 2 and the ladder).
    std::vector<Event> expected;
    ASSERT_TRUE(live->session()
                    .store()
                    .scan(0, UINT64_MAX,
                          [&](const Event& e) {
                              if (e.time <= handOverAt)
                                  return true;
                              const Id subject = subjectOf(e.payload);
                              const bool withheld = subject == live->incident1() ||
                                                    subject == "TY-E1" || subject == "TY-E2" ||
                                                    subject == "TY-L1";
                              if (!withheld)
                                  expected.push_back(e);
                              return true;
                          })
                    .ok());
    std::vector<Event> got;
    ASSERT_TRUE(drill->session()
                    .store()
                    .scan(traineeSeq, UINT64_MAX,
                          [&](const Event& e) {
                              got.push_back(e);
                              return true;
                          })
                    .ok());
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].payload, expected[i].payload) << i;
        EXPECT_EQ(got[i].time, expected[i].time) << i;
        EXPECT_EQ(got[i].operatorId, expected[i].operatorId) << i;
    }

    // A seek back before the hand-over ends it: history again.
    ASSERT_TRUE(drill->seek("instructor", kT0 + 200'000).ok());
    EXPECT_TRUE(drill->playback().handOvers.empty());
    EXPECT_TRUE(sameWorld(served(*drill), live->stateAt(kT0 + 200'000)));
}

TEST_F(DrillTest, HistoryDoesNotTakeAUnitTheTraineesHold) {
    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    ASSERT_TRUE(drill->seek("instructor", kT0 + 300'000).ok());
    ASSERT_TRUE(drill->handOver("instructor", live->incident1()).ok());
    // History sends DT-E1 to the second incident at 305 s; the trainees took it first.
    ASSERT_TRUE(drill->session()
                    .execute({"trainee-li", "c", 0}, DispatchUnits{live->incident1(), {"DT-E1"}})
                    .ok());
    ASSERT_TRUE(drill->step("instructor", 1'500'000).ok());
    const State s = served(*drill);
    EXPECT_EQ(s.unit("DT-E1")->incidentId, live->incident1());
    EXPECT_EQ(s.unit("DT-E1")->status, UnitStatus::Dispatched);
    EXPECT_EQ(s.incident(live->incident2())->activeAssignment("DT-E1"), nullptr);
}

TEST_F(DrillTest, AnIncidentTheTraineesCreateNeverClashesWithHistory) {
    auto drill = create(kT0 + 60'000, live->end());
    ASSERT_TRUE(drill);
    // Just before history's second alarm, the trainees take a call of their own: it gets the
    // next number of the day, the one history is about to use.
    ASSERT_TRUE(drill->seek("instructor", kT0 + 264'000).ok());
    auto own = drill->session().execute(
        {"trainee-li", "c", 0},
        CreateIncident{"building_fire", 2, {37.80, 112.55}, "trainee call", "", {}});
    ASSERT_TRUE(own.ok()) << own.error().message;
    const Id ownId = std::get<IncidentCreated>(own->events.front().payload).id;
    EXPECT_EQ(ownId, live->incident2());
    ASSERT_TRUE(drill->step("instructor", live->end() - drill->drillNow()).ok());
    const State end = served(*drill);
    const Incident& mine = *end.incident(ownId);
    EXPECT_EQ(mine.address, "trainee call");
    EXPECT_EQ(mine.type, "building_fire");
    // History's incident replayed whole under its own id.
    const Incident* history = end.incident(live->incident2() + "-H");
    ASSERT_NE(history, nullptr);
    Incident expected = *live->stateAt(live->end()).incident(live->incident2());
    expected.id = history->id;
    EXPECT_EQ(*history, expected);
    EXPECT_EQ(end.unit("DT-E1")->status, live->stateAt(live->end()).unit("DT-E1")->status);
}

}  // namespace
