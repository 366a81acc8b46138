// With --cot, a drill's session is exported as an exercise: its CoT events carry opex="e" and
// uids of their own, live events do not, and the drill's export stops when the drill ends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "../cot/cot_xml.h"
#include "api/drill_service.h"
#include "app/cot_export.h"
#include "app/drill_cot.h"
#include "replay/drill_manager.h"
#include "replay_world.h"

using namespace flameblue;
using namespace flameblue::testing;

namespace {

int udpReceiver(int& port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    return fd;
}

bool readable(int fd, int ms = 10'000) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, ms) == 1;
}

}  // namespace

TEST(DrillCot, DrillEventsAreExercisesWithTheirOwnUidsAndLiveOnesAreNot) {
    TempFolder dir;
    RecordedLive live(dir.path());
    live.recordShift();

    int port = 0;
    const int udp = udpReceiver(port);
    const std::string endpoint = "udp://127.0.0.1:" + std::to_string(port);
    data::Dataset dataset;
    std::string error;
    auto liveCot = app::CotExport::create(endpoint, "live", dataset, error);
    ASSERT_TRUE(liveCot) << error;
    liveCot->start();
    live.session().setObserver(liveCot->observer());

    api::SessionRegistry sessions;
    api::DrillSessionHost host(sessions, 60'000);
    app::DrillCotExports drillCot(endpoint, dataset);
    host.alsoObserve([&](replay::Drill& d) { return drillCot.opened(d.info().id); });
    replay::DrillManagerOptions o;
    o.directory = dir.path() / "drills";
    core::TimeMs wall = 1'000'000;
    o.wallClock = [&wall] { return wall; };
    replay::DrillManager manager(
        o, live.session().store(), live.session().reference(),
        [&](replay::Drill& d) { host.opened(d); },
        [&](replay::Drill& d) {
            host.ended(d);
            drillCot.ended(d.info().id);
        });
    auto drill = manager.createFromRange("cot", kT0 + 60'000, live.end(), "instructor");
    ASSERT_TRUE(drill.ok()) << drill.error().message;
    const std::string drillId = (*drill)->info().id;
    EXPECT_EQ(drillCot.active(), 1u);

    // History replayed in the drill moves TY-E1; live reports TY-E1 as well.
    ASSERT_TRUE((*drill)->setSpeed("instructor", 60).ok());
    ASSERT_TRUE((*drill)->play("instructor").ok());
    while ((*drill)->playback().playing)
        ASSERT_TRUE((*drill)->advance(250).ok());
    core::PositionFix fix;
    fix.position = {37.9, 112.6};
    fix.fixTime = live.now();
    ASSERT_TRUE(live.run(core::ReportPosition{"TY-E1", fix}, "avl").ok());

    std::map<std::string, ParsedXml> drillEvents;
    std::map<std::string, ParsedXml> liveEvents;
    char datagram[65536];
    const std::string drillPrefix = "flameblue-" + drillId + "-";
    while ((liveEvents.empty() || !drillEvents.contains(drillPrefix + "TY-E1")) && readable(udp)) {
        const ssize_t n = ::recv(udp, datagram, sizeof datagram, 0);
        ASSERT_GT(n, 0);
        auto x = parseXml(std::string(datagram, static_cast<std::size_t>(n)));
        ASSERT_TRUE(x.ok) << x.error;
        const std::string uid = x.attr("event", "uid");
        if (uid.starts_with(drillPrefix))
            drillEvents[uid] = x;
        else
            liveEvents[uid] = x;
    }
    ASSERT_TRUE(drillEvents.contains(drillPrefix + "TY-E1"));
    ASSERT_EQ(liveEvents.size(), 1u);
    EXPECT_TRUE(liveEvents.contains("flameblue-TY-E1"));
    EXPECT_EQ(liveEvents["flameblue-TY-E1"].find("event")->attributes.count("opex"), 0u);
    for (auto& [uid, x] : drillEvents) {
        EXPECT_EQ(x.attr("event", "opex"), "e") << uid;
        EXPECT_EQ(x.attr("contact", "callsign").find(drillId), std::string::npos) << uid;
    }

    // The drill ends: its export stops, live goes on.
    ASSERT_TRUE(manager.end(drillId).ok());
    EXPECT_EQ(drillCot.active(), 0u);
    manager.stop();
    live.session().setObserver(nullptr);
    liveCot->stop();
    ::close(udp);
}
