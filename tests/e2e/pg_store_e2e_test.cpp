// The real flameblue-server on a PostgreSQL event store (--store postgresql://...), against a
// throw-away cluster: the log survives kill -9, a database that is down at start is waited for
// with the health service NOT_SERVING, and one that goes away mid-run fails commands with
// UNAVAILABLE while queries keep answering.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <grpcpp/generic/generic_stub.h>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "../support/loopback_port.h"
#include "pg_cluster.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

namespace fs = std::filesystem;
using flameblue::testing::PgCluster;
using Stub = pb::Dispatch::Stub;
using namespace std::chrono_literals;

// Bounds that only a broken machine reaches; the tests wait on conditions.
constexpr auto kPatience = 60s;

pb::CreateIncidentRequest incidentAt(const std::string& address) {
    pb::CreateIncidentRequest r;
    r.set_type("building_fire");
    r.set_level(2);
    r.mutable_position()->set_lat(37.8706);
    r.mutable_position()->set_lon(112.5489);
    r.set_address(address);
    return r;
}

grpc::Status createIncident(Stub& stub, const std::string& address, pb::CommandReply* reply) {
    grpc::ClientContext ctx;
    asOperator(ctx);
    withDeadline(ctx);
    return stub.CreateIncident(&ctx, incidentAt(address), reply);
}

std::optional<pb::Incident> getIncident(Stub& stub, const std::string& id) {
    grpc::ClientContext ctx;
    withDeadline(ctx);
    pb::GetRequest req;
    req.set_id(id);
    pb::Incident incident;
    if (!stub.GetIncident(&ctx, req, &incident).ok())
        return std::nullopt;
    return incident;
}

// grpc.health.v1.Health/Check for `service`: 1 SERVING, 2 NOT_SERVING; nullopt when nothing
// answers. The messages are encoded by hand (the health proto is not part of the API library).
std::optional<int> health(const std::string& address, const std::string& service) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    grpc::GenericStub generic(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 2s);
    const std::string request =
        "\x0a" + std::string(1, static_cast<char>(service.size())) + service;
    grpc::Slice slice(request);
    grpc::ByteBuffer in(&slice, 1);
    grpc::ByteBuffer out;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    grpc::Status status;
    generic.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &in, &out,
                      [&](grpc::Status s) {
                          std::lock_guard lock(m);
                          status = std::move(s);
                          done = true;
                          cv.notify_one();
                      });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
    std::vector<grpc::Slice> slices;
    if (!status.ok() || !out.Dump(&slices).ok())
        return std::nullopt;
    std::string bytes;
    for (const auto& s : slices)
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    if (bytes.empty())
        return 0;  // UNKNOWN: the default value is not sent
    return bytes.size() == 2 && bytes[0] == '\x08' ? std::optional<int>(bytes[1]) : std::nullopt;
}

// Waits until `done()` or kPatience (then fails with `what`).
template <typename F>
bool waitFor(F done, const std::string& what) {
    const auto until = std::chrono::steady_clock::now() + kPatience;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) {
            ADD_FAILURE() << "gave up waiting for " << what;
            return false;
        }
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

TEST(PostgresStoreE2E, AnIncidentSurvivesKill9AndTheLogIsInTheDatabase) {
    std::string error;
    auto cluster = PgCluster::start(&error);
    ASSERT_NE(cluster, nullptr) << error;
    TempDir dir("flameblue-e2e-pg");
    ServerConfig config;
    config.stateDir = dir / "state";
    config.extraArgs = {"--store", cluster->uri()};
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    EXPECT_NE(server->log().find("event log postgresql://flameblue@127.0.0.1:"), std::string::npos)
        << server->log();
    EXPECT_EQ(server->log().find(PgCluster::kPassword), std::string::npos) << server->log();

    auto stub = server->stub();
    pb::CommandReply reply;
    const grpc::Status created = createIncident(*stub, "太原市迎泽区柳巷 12 号", &reply);
    ASSERT_TRUE(created.ok()) << created.error_message();
    const std::string id = reply.incident().id();
    const auto head = headSeq(*stub, &error);
    ASSERT_TRUE(head) << error;
    EXPECT_EQ(*head, reply.last_seq());

    stub.reset();
    EXPECT_EQ(server->kill().termSignal, SIGKILL);
    // Everything acknowledged is in PostgreSQL, nothing in the state directory.
    EXPECT_FALSE(fs::exists(config.stateDir / "live.db"));
    EXPECT_EQ(cluster->sql("SELECT max(seq) FROM events", &error, PgCluster::kDatabase),
              std::to_string(*head))
        << error;

    server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    stub = server->stub();
    EXPECT_EQ(headSeq(*stub).value_or(0), *head);
    const auto incident = getIncident(*stub, id);
    ASSERT_TRUE(incident) << "incident " << id << " is gone after the restart";
    EXPECT_EQ(incident->address(), "太原市迎泽区柳巷 12 号");
    stub.reset();
    const ExitStatus exit = server->stop();
    EXPECT_TRUE(exit.exited && exit.exitCode == 0) << exit.describe();
}

TEST(PostgresStoreE2E, BadStoreOptionsStopTheServerWithTheReason) {
    TempDir dir("flameblue-e2e-pg");
    const fs::path state = dir / "state";
    auto run = [&](const std::vector<std::string>& extra) {
        // Any free port, should it start: none of these runs gets as far as serving.
        std::vector<std::string> args = {"--state-dir", state.string(), "--listen", "127.0.0.1:0"};
        args.insert(args.end(), extra.begin(), extra.end());
        return runServerToExit(args, 30s);
    };
    const RunResult help = run({"--help"});
    EXPECT_NE(help.output.find("--store LOCATION"), std::string::npos) << help.output;

    // A malformed URI is refused on the command line, naming the option and the fault.
    const RunResult malformed = run({"--store", "postgresql://ops:s3cret-pw@db1/live?colour=red"});
    ASSERT_FALSE(malformed.timedOut);
    EXPECT_TRUE(malformed.status.exited && malformed.status.exitCode == 2)
        << malformed.status.describe();
    EXPECT_NE(malformed.output.find("--store: invalid PostgreSQL URI"), std::string::npos)
        << malformed.output;
    EXPECT_NE(malformed.output.find("colour"), std::string::npos) << malformed.output;
    EXPECT_EQ(malformed.output.find("s3cret-pw"), std::string::npos) << malformed.output;

    // A wrong password is not waited for: waiting would not fix it.
    std::string error;
    auto cluster = PgCluster::start(&error);
    ASSERT_NE(cluster, nullptr) << error;
    const RunResult refused =
        run({"--store", cluster->uri(PgCluster::kDatabase, PgCluster::kUser, "wrong-password")});
    ASSERT_FALSE(refused.timedOut) << refused.output;
    EXPECT_TRUE(refused.status.exited && refused.status.exitCode == 2) << refused.status.describe();
    EXPECT_NE(refused.output.find("password authentication failed for user \"flameblue\""),
              std::string::npos)
        << refused.output;
    EXPECT_EQ(refused.output.find("retrying"), std::string::npos) << refused.output;
    EXPECT_EQ(refused.output.find("wrong-password"), std::string::npos) << refused.output;
}

// The server as a child of this test, started while its database is down (ServerProcess waits
// for a server that answers, which is what this test must not wait for).
class WaitingServer {
public:
    WaitingServer(const std::vector<std::string>& args, fs::path log) : m_log(std::move(log)) {
        std::vector<std::string> argvStore = {serverBinary()};
        argvStore.insert(argvStore.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argvStore)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const std::string logPath = m_log.string();
        const pid_t parent = ::getpid();
        m_pid = ::fork();
        if (m_pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent)
                ::_exit(126);
            const int out = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            const int in = ::open("/dev/null", O_RDONLY);
            if (out < 0 || in < 0)
                ::_exit(126);
            ::dup2(in, STDIN_FILENO);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            ::syscall(SYS_close_range, 3U, ~0U, 0U);
            sigset_t none;
            ::sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    ~WaitingServer() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            int st = 0;
            ::waitpid(m_pid, &st, 0);
        }
    }
    bool running() const { return m_pid > 0 && ::waitpid(m_pid, &m_status, WNOHANG) == 0; }
    std::string log() const { return readFile(m_log); }
    // SIGTERM and the exit code (-1: did not exit normally).
    int terminate() {
        ::kill(m_pid, SIGTERM);
        int st = 0;
        ::waitpid(m_pid, &st, 0);
        m_pid = -1;
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }

private:
    fs::path m_log;
    pid_t m_pid = -1;
    mutable int m_status = 0;
};

// A server started while its database is down, and the address it was given. Its health
// service answers there while it waits and its Dispatch service once the store opens, so the
// port is chosen here, not by the server; should another program take that port before the
// server binds it (the server then says nothing of a health service), it starts again on another.
struct WaitingStart {
    std::unique_ptr<WaitingServer> server;
    std::string address;
};

WaitingStart startWaiting(const fs::path& dir, const std::string& storeUri) {
    constexpr int kAttempts = 5;
    const fs::path log = dir / "server.log";
    WaitingStart started;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        const std::size_t logStart = fs::exists(log) ? fs::file_size(log) : 0;
        started.address = "127.0.0.1:" + std::to_string(flameblue::testing::unheldLoopbackPort());
        started.server = std::make_unique<WaitingServer>(
            std::vector<std::string>{"--listen", started.address, "--state-dir",
                                     (dir / "state").string(), "--data-dir", kDataDir, "--store",
                                     storeUri, "--insecure-dev"},
            log);
        // The first "cannot open the event store yet" line says whether health is served.
        std::string since;
        waitFor(
            [&] {
                since = started.server->log().substr(logStart);
                const auto line = since.find("cannot open the event store yet");
                return (line != std::string::npos && since.find('\n', line) != std::string::npos) ||
                       !started.server->running();
            },
            "the server to say it waits for its database");
        if (since.find("health is NOT_SERVING on " + started.address) != std::string::npos ||
            !started.server->running() || attempt == kAttempts) {
            break;  // waiting as it should, or failed in a way the test reports
        }
        started.server.reset();
    }
    return started;
}

TEST(PostgresStoreE2E, ADatabaseDownAtStartIsWaitedForThenLostMidRun) {
    std::string error;
    auto cluster = PgCluster::start(&error);
    ASSERT_NE(cluster, nullptr) << error;
    ASSERT_TRUE(cluster->stop(&error)) << error;
    TempDir dir("flameblue-e2e-pg");
    const WaitingStart started = startWaiting(dir.path(), cluster->uri());
    WaitingServer& server = *started.server;
    const std::string& address = started.address;

    // Alive, says why it waits, and not ready.
    ASSERT_TRUE(
        waitFor([&] { return health(address, "flameblue.v1.Dispatch") == 2 || !server.running(); },
                "health NOT_SERVING"))
        << server.log();
    ASSERT_TRUE(server.running()) << server.log();
    EXPECT_EQ(health(address, ""), 2);
    const std::string waiting = server.log();
    EXPECT_NE(waiting.find("cannot open the event store yet"), std::string::npos) << waiting;
    EXPECT_NE(waiting.find("cannot reach the database server"), std::string::npos) << waiting;
    EXPECT_NE(waiting.find("health is NOT_SERVING on " + address), std::string::npos) << waiting;
    EXPECT_EQ(waiting.find(PgCluster::kPassword), std::string::npos) << waiting;

    // The database comes up: the server opens the store and serves.
    ASSERT_TRUE(cluster->restart(&error)) << error;
    ASSERT_TRUE(
        waitFor([&] { return health(address, "flameblue.v1.Dispatch") == 1; }, "health SERVING"))
        << server.log();
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = pb::Dispatch::NewStub(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
    pb::CommandReply first;
    grpc::Status st = createIncident(*stub, "太原市小店区长风街 8 号", &first);
    ASSERT_TRUE(st.ok()) << st.error_message();

    // The database goes away: commands fail as UNAVAILABLE, queries still answer.
    ASSERT_TRUE(cluster->stop(&error)) << error;
    pb::CommandReply refused;
    st = createIncident(*stub, "太原市杏花岭区胜利街 3 号", &refused);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
    EXPECT_NE(st.error_message().find("event log write failed"), std::string::npos)
        << st.error_message();
    const auto kept = getIncident(*stub, first.incident().id());
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->address(), "太原市小店区长风街 8 号");

    // Nothing of the refused command reached the log.
    ASSERT_TRUE(cluster->restart(&error)) << error;
    EXPECT_EQ(cluster->sql("SELECT max(seq) FROM events", &error, PgCluster::kDatabase),
              std::to_string(first.last_seq()))
        << error;
    stub.reset();
    EXPECT_EQ(server.terminate(), 0) << server.log();
}

TEST(PostgresStoreE2E, SigtermWhileWaitingForTheDatabaseEndsTheServerCleanly) {
    std::string error;
    auto cluster = PgCluster::start(&error);
    ASSERT_NE(cluster, nullptr) << error;
    ASSERT_TRUE(cluster->stop(&error)) << error;
    TempDir dir("flameblue-e2e-pg");
    const WaitingStart started = startWaiting(dir.path(), cluster->uri());
    WaitingServer& server = *started.server;
    const std::string& address = started.address;
    ASSERT_TRUE(waitFor([&] { return health(address, "") == 2 || !server.running(); },
                        "health NOT_SERVING"))
        << server.log();
    EXPECT_EQ(server.terminate(), 0) << server.log();
    EXPECT_NE(server.log().find("Shutting down (SIGTERM) before the event store opened"),
              std::string::npos)
        << server.log();
}

}  // namespace
}  // namespace flameblue::e2e
