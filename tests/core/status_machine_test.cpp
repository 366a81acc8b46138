#include <gtest/gtest.h>

#include "core/status_machine.h"

using namespace flameblue::core;
using S = UnitStatus;

TEST(StatusMachine, NormalDutyCycle) {
    EXPECT_TRUE(canDispatchFrom(S::Available));
    EXPECT_TRUE(canChangeStatus(S::Dispatched, S::EnRoute));
    EXPECT_TRUE(canChangeStatus(S::EnRoute, S::OnScene));
    EXPECT_TRUE(canChangeStatus(S::OnScene, S::Returning));
    EXPECT_TRUE(canChangeStatus(S::Returning, S::Available));
}

TEST(StatusMachine, ReturningUnitsCanBeRetaskedButNotCommittedOnes) {
    EXPECT_TRUE(canDispatchFrom(S::Returning));
    EXPECT_FALSE(canDispatchFrom(S::Dispatched));
    EXPECT_FALSE(canDispatchFrom(S::EnRoute));
    EXPECT_FALSE(canDispatchFrom(S::OnScene));
    EXPECT_FALSE(canDispatchFrom(S::OutOfService));
}

TEST(StatusMachine, ImpossibleJumpsAreRefused) {
    EXPECT_FALSE(canChangeStatus(S::Available, S::OnScene));
    EXPECT_FALSE(canChangeStatus(S::Available, S::EnRoute));
    EXPECT_FALSE(canChangeStatus(S::OutOfService, S::OnScene));
    EXPECT_FALSE(canChangeStatus(S::OnScene, S::EnRoute));
    EXPECT_FALSE(canChangeStatus(S::OnScene, S::OutOfService));
    EXPECT_FALSE(canChangeStatus(S::Returning, S::OnScene));
}

TEST(StatusMachine, ReleaseSendsUnitsThatLeftQuartersHome) {
    EXPECT_EQ(statusAfterRelease(S::Dispatched), S::Available);
    EXPECT_EQ(statusAfterRelease(S::EnRoute), S::Returning);
    EXPECT_EQ(statusAfterRelease(S::OnScene), S::Returning);
}

TEST(StatusMachine, IncidentLifeCycle) {
    using I = IncidentStatus;
    EXPECT_TRUE(canChangeIncidentStatus(I::Active, I::UnderControl));
    EXPECT_TRUE(canChangeIncidentStatus(I::UnderControl, I::Closed));
    EXPECT_TRUE(canChangeIncidentStatus(I::UnderControl, I::Active));
    EXPECT_FALSE(canChangeIncidentStatus(I::Closed, I::Closed));
    EXPECT_FALSE(canChangeIncidentStatus(I::Closed, I::Active));
    EXPECT_FALSE(canChangeIncidentStatus(I::Active, I::Received));
}

TEST(StatusMachine, ClosingAnIncidentSendsGroundUnitsHomeAndStandsDownGroundedAircraft) {
    EXPECT_EQ(statusOnIncidentClosed(UnitKind::Ground, S::Dispatched), S::Returning);
    EXPECT_EQ(statusOnIncidentClosed(UnitKind::Ground, S::EnRoute), S::Returning);
    EXPECT_EQ(statusOnIncidentClosed(UnitKind::Ground, S::OnScene), S::Returning);
    EXPECT_EQ(statusOnIncidentClosed(UnitKind::Aircraft, S::Dispatched), S::Available);
    EXPECT_EQ(statusOnIncidentClosed(UnitKind::Aircraft, S::OnScene), S::Returning);
}
