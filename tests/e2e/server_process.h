// Runs the real flameblue-server binary as a child process for end-to-end tests.
#pragma once

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "flameblue/v1/dispatch.grpc.pb.h"

namespace flameblue::e2e {

namespace pb = ::flameblue::v1;

// The binary and the bundled demo data, as built (see CMakeLists.txt).
inline constexpr const char* kServerBinary = FLAMEBLUE_SERVER_BIN;
inline constexpr const char* kDataDir = FLAMEBLUE_DATA_DIR;

// The server under test: $FLAMEBLUE_E2E_SERVER when set (an installed or modified binary),
// otherwise the one built with the tests.
std::string serverBinary();

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction
// unless FLAMEBLUE_E2E_KEEP is set (to look at state dirs and server logs afterwards).
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "flameblue-e2e");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

std::string readFile(const std::filesystem::path& path);

// How a finished child ended: exitCode for a normal exit, termSignal when a signal ended it.
struct ExitStatus {
    bool exited = false;
    int exitCode = -1;
    int termSignal = 0;
    bool ignoredSigterm = false;  // stop() gave up waiting and used SIGKILL
    std::string describe() const;
};

// Runs the server with `args` (nothing added) to completion, for --help and for startups that
// must fail. Kills it and reports timedOut when it is still running after `timeout`.
struct RunResult {
    ExitStatus status;
    bool timedOut = false;
    std::string output;  // stdout and stderr, interleaved
};
RunResult runServerToExit(const std::vector<std::string>& args, std::chrono::milliseconds timeout);
// The same for another program (a command-line tool), stdout and stderr interleaved.
RunResult runProgramToExit(const std::string& binary, const std::vector<std::string>& args,
                           std::chrono::milliseconds timeout);

struct ServerConfig {
    std::filesystem::path stateDir;      // --state-dir (required)
    std::string dataDir = kDataDir;      // --data-dir
    std::vector<std::string> extraArgs;  // e.g. {"--simulate", "--sim-speed", "60"}
    // Operators sign in (the server's own default operators file, or --operators in extraArgs);
    // otherwise the server runs with --insecure-dev, for tests about something else.
    bool signIn = false;
    std::filesystem::path logFile;                  // stdout+stderr; default: next to stateDir
    std::chrono::milliseconds readyTimeout{60000};  // bounds a hang, not a speed
};

// One running flameblue-server on 127.0.0.1, on the port it picked itself (--listen
// 127.0.0.1:0) and reported at start. start() returns once the server answers ListStations.
// The child gets SIGKILL if the thread that started it ends (PR_SET_PDEATHSIG), so it never
// outlives the test; start servers from the test's main thread.
class ServerProcess {
public:
    static std::unique_ptr<ServerProcess> start(ServerConfig config, std::string* error);
    ~ServerProcess();  // SIGKILL if still running
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return m_port; }
    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }
    pid_t pid() const { return m_pid; }
    bool running();

    // A new channel each time, so that a test can give every thread its own connection.
    std::shared_ptr<grpc::Channel> channel() const;
    std::unique_ptr<pb::Dispatch::Stub> stub() const;

    // SIGTERM, then wait for the exit (SIGKILL after `timeout`, reported as ignoredSigterm).
    // The server gives open connections a 2 s grace, so drop idle stubs first for speed.
    ExitStatus stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // SIGKILL: a crash, nothing gets to clean up.
    ExitStatus kill();

    const std::filesystem::path& logFile() const { return m_config.logFile; }
    std::string log() const { return readFile(m_config.logFile); }

private:
    ServerProcess() = default;
    ExitStatus waitExit(std::chrono::milliseconds timeout, bool* timedOut);

    ServerConfig m_config;
    int m_port = 0;
    pid_t m_pid = -1;
    std::optional<ExitStatus> m_exit;
};

// Adds the operator identity that every command needs.
void asOperator(grpc::ClientContext& ctx, const std::string& op = "e2e-operator");
// Sets a deadline `d` from now.
void withDeadline(grpc::ClientContext& ctx,
                  std::chrono::milliseconds d = std::chrono::milliseconds(10000));

// The head sequence number of the live session: the seq of a fresh Subscribe's SnapshotBegin.
// Returns nullopt (and sets *error) when the server does not answer.
std::optional<std::uint64_t> headSeq(pb::Dispatch::Stub& stub, std::string* error = nullptr);

}  // namespace flameblue::e2e
