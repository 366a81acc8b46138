// Database fail-over: a flameblue-server on a PostgreSQL primary with a synchronous hot standby
// (streaming replication, both throw-away clusters started here), given both hosts with
// target_session_attrs=read-write. The primary is killed in a command burst and the standby
// promoted: the server writes again on the new primary and every command it acknowledged is
// there, read back by a second server that knows only the new primary.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "pg_cluster.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using flameblue::testing::PgCluster;
using namespace std::chrono_literals;

constexpr auto kPatience = 90s;

// Creates incidents at one server, as fast as it answers, and keeps the ids it acknowledged.
class Burst {
public:
    explicit Burst(std::unique_ptr<pb::Dispatch::Stub> stub) : m_stub(std::move(stub)) {
        m_thread = std::thread([this] { run(); });
    }
    ~Burst() { stop(); }
    Burst(const Burst&) = delete;
    Burst& operator=(const Burst&) = delete;

    void stop() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    std::size_t acknowledged() const {
        std::lock_guard lock(m_mutex);
        return m_ids.size();
    }
    std::set<std::string> ids() const {
        std::lock_guard lock(m_mutex);
        return m_ids;
    }
    int refused() const { return m_refused.load(); }
    std::string lastRefusal() const {
        std::lock_guard lock(m_mutex);
        return m_lastRefusal;
    }

private:
    void run() {
        int n = 0;
        while (!m_stop) {
            grpc::ClientContext ctx;
            asOperator(ctx, "db-failover");
            withDeadline(ctx, 5000ms);
            pb::CreateIncidentRequest r;
            r.set_type("building_fire");
            r.set_level(1);
            r.mutable_position()->set_lat(37.85);
            r.mutable_position()->set_lon(112.55);
            r.set_address("太原市小店区 " + std::to_string(++n));
            pb::CommandReply reply;
            const grpc::Status st = m_stub->CreateIncident(&ctx, r, &reply);
            std::lock_guard lock(m_mutex);
            if (st.ok()) {
                m_ids.insert(reply.incident().id());
            } else {
                ++m_refused;
                m_lastRefusal = std::to_string(st.error_code()) + " " + st.error_message();
                std::this_thread::sleep_for(20ms);
            }
        }
    }

    std::unique_ptr<pb::Dispatch::Stub> m_stub;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_refused{0};
    mutable std::mutex m_mutex;
    std::set<std::string> m_ids;
    std::string m_lastRefusal;
    std::thread m_thread;
};

template <typename F>
bool waitFor(F done) {
    const auto until = std::chrono::steady_clock::now() + kPatience;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

TEST(DatabaseFailover, PrimaryKilledStandbyPromotedNoAcknowledgedCommandLost) {
    std::string error;
    auto primary = PgCluster::start(&error);
    ASSERT_TRUE(primary) << error;
    auto standby = primary->startSynchronousStandby(&error);
    ASSERT_TRUE(standby) << error;

    const std::string both =
        "postgresql://" + std::string(PgCluster::kUser) + ":" + PgCluster::kPassword +
        "@127.0.0.1:" + std::to_string(primary->port()) +
        ",127.0.0.1:" + std::to_string(standby->port()) + "/" + PgCluster::kDatabase +
        "?target_session_attrs=read-write&connect_timeout=3";
    TempDir dir("flameblue-dbfailover");
    ServerConfig config;
    config.stateDir = dir / "state";
    config.extraArgs = {"--store", both};
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;

    Burst burst(server->stub());
    ASSERT_TRUE(waitFor([&] { return burst.acknowledged() >= 50; })) << burst.lastRefusal();

    // The primary dies as in a crash (immediate shutdown); commands now fail.
    ASSERT_TRUE(primary->stop(&error)) << error;
    const int refusedAtKill = burst.refused();
    ASSERT_TRUE(waitFor([&] { return burst.refused() > refusedAtKill; }));
    EXPECT_NE(burst.lastRefusal().find(std::to_string(grpc::StatusCode::UNAVAILABLE)),
              std::string::npos)
        << burst.lastRefusal();

    const auto promotion = std::chrono::steady_clock::now();
    const std::size_t ackedBeforePromotion = burst.acknowledged();
    ASSERT_TRUE(standby->promote(&error)) << error;
    ASSERT_TRUE(waitFor([&] { return burst.acknowledged() >= ackedBeforePromotion + 20; }))
        << "no write accepted after the promotion: " << burst.lastRefusal() << "\n"
        << server->log();
    const auto writing = std::chrono::steady_clock::now();
    burst.stop();
    const std::set<std::string> acknowledged = burst.ids();
    std::printf(
        "database fail-over: writes accepted again %.1f s after the promotion began; "
        "%zu commands acknowledged, %d refused meanwhile\n",
        std::chrono::duration<double>(writing - promotion).count(), acknowledged.size(),
        burst.refused());

    // A second server that knows only the new primary reads the whole log from it.
    ServerConfig readerConfig;
    readerConfig.stateDir = dir / "reader";
    readerConfig.extraArgs = {"--store", standby->uri()};
    auto reader = ServerProcess::start(readerConfig, &error);
    ASSERT_TRUE(reader) << error;
    auto stub = reader->stub();
    std::size_t missing = 0;
    for (const std::string& id : acknowledged) {
        grpc::ClientContext ctx;
        asOperator(ctx, "db-failover");
        withDeadline(ctx);
        pb::GetRequest get;
        get.set_id(id);
        pb::Incident incident;
        if (!stub->GetIncident(&ctx, get, &incident).ok())
            ++missing;
    }
    EXPECT_EQ(missing, 0U) << "acknowledged incidents not in the promoted standby's log";
    // The first server is on the new primary as well: its state and the log agree.
    const auto headAtServer = headSeq(*server->stub(), &error);
    const auto headAtReader = headSeq(*stub, &error);
    ASSERT_TRUE(headAtServer && headAtReader) << error;
    EXPECT_EQ(*headAtServer, *headAtReader);
}

}  // namespace
}  // namespace flameblue::e2e
