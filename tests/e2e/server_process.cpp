#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/loopback_port.h"

namespace flameblue::e2e {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TempDir::TempDir(const std::string& prefix) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    m_path = buf.data();
}

TempDir::~TempDir() {
    if (const char* keep = std::getenv("FLAMEBLUE_E2E_KEEP"); keep && *keep) {
        std::fprintf(stderr, "kept %s\n", m_path.c_str());
        return;
    }
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::string serverBinary() {
    const char* env = std::getenv("FLAMEBLUE_E2E_SERVER");
    return env && *env ? env : kServerBinary;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string ExitStatus::describe() const {
    if (ignoredSigterm)
        return "did not exit on SIGTERM in time (killed)";
    if (exited)
        return "exit code " + std::to_string(exitCode);
    if (termSignal)
        return std::string("killed by signal ") + strsignal(termSignal);
    return "still running";
}

namespace {

ExitStatus fromWaitStatus(int st) {
    ExitStatus e;
    if (WIFEXITED(st)) {
        e.exited = true;
        e.exitCode = WEXITSTATUS(st);
    } else if (WIFSIGNALED(st)) {
        e.termSignal = WTERMSIG(st);
    }
    return e;
}

// fork + exec with stdout and stderr going to `logFile`. Between fork and exec the child calls
// only async-signal-safe functions: the test process has gRPC threads running.
pid_t spawnProgram(const std::string& binary, const std::vector<std::string>& args,
                   const fs::path& logFile, std::string* error) {
    std::vector<std::string> argvStore;
    argvStore.push_back(binary);
    argvStore.insert(argvStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = logFile.string();

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        *error = std::string("fork: ") + std::strerror(errno);
        return -1;
    }
    if (pid == 0) {
        // The server must not outlive the test (a crashed or killed test leaves no orphans).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(126);
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        const int in = ::open("/dev/null", O_RDONLY);
        if (out < 0 || in < 0)
            ::_exit(126);
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        ::syscall(SYS_close_range, 3U, ~0U, 0U);
        // The server takes SIGTERM/SIGINT with sigwait: give it a clean signal state.
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        ::sigaction(SIGTERM, &dfl, nullptr);
        ::sigaction(SIGINT, &dfl, nullptr);
        ::sigaction(SIGPIPE, &dfl, nullptr);
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

bool waitChild(pid_t pid, std::chrono::milliseconds timeout, ExitStatus& out) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int st = 0;
        const pid_t r = ::waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            out = fromWaitStatus(st);
            return true;
        }
        if (r < 0 && errno != EINTR) {
            out = ExitStatus{};
            return true;  // not our child any more; nothing to wait for
        }
        if (std::chrono::steady_clock::now() >= until)
            return false;
        std::this_thread::sleep_for(5ms);
    }
}

std::shared_ptr<grpc::Channel> makeChannel(const std::string& target) {
    grpc::ChannelArguments args;
    // Reconnect quickly: servers here come and go within milliseconds.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 300);
    // Every channel its own connection, not one shared through the global subchannel pool.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

std::atomic<int> g_serverCount{0};

}  // namespace

RunResult runServerToExit(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    return runProgramToExit(serverBinary(), args, timeout);
}

RunResult runProgramToExit(const std::string& binary, const std::vector<std::string>& args,
                           std::chrono::milliseconds timeout) {
    RunResult result;
    TempDir dir("flameblue-e2e-run");
    const fs::path log = dir / "output.log";
    std::string error;
    const pid_t pid = spawnProgram(binary, args, log, &error);
    if (pid < 0) {
        result.output = error;
        return result;
    }
    if (!waitChild(pid, timeout, result.status)) {
        result.timedOut = true;
        ::kill(pid, SIGKILL);
        waitChild(pid, 10s, result.status);
    }
    result.output = readFile(log);
    return result;
}

std::unique_ptr<ServerProcess> ServerProcess::start(ServerConfig config, std::string* error) {
    if (config.logFile.empty()) {
        config.logFile =
            config.stateDir.parent_path() / ("server-" + std::to_string(++g_serverCount) + ".log");
    }
    std::unique_ptr<ServerProcess> p(new ServerProcess());
    p->m_config = config;
    // The server picks a free port itself and reports it: no port can be taken in between.
    std::vector<std::string> args = {"--listen",    "127.0.0.1:0",
                                     "--state-dir", config.stateDir.string(),
                                     "--data-dir",  config.dataDir};
    args.insert(args.end(), config.extraArgs.begin(), config.extraArgs.end());
    if (!config.signIn && std::find(args.begin(), args.end(), "--operators") == args.end()) {
        args.emplace_back("--insecure-dev");
    }
    // Tests about other things send commands faster than an operator's hands.
    if (std::find(args.begin(), args.end(), "--rate-limit") == args.end()) {
        args.emplace_back("--rate-limit");
        args.emplace_back("0");
    }
    const auto logStart = fs::exists(config.logFile) ? fs::file_size(config.logFile) : 0;
    p->m_pid = spawnProgram(serverBinary(), args, config.logFile, error);
    if (p->m_pid < 0)
        return nullptr;

    const auto until = std::chrono::steady_clock::now() + config.readyTimeout;
    while (std::chrono::steady_clock::now() < until) {
        ExitStatus st;
        if (waitChild(p->m_pid, 0ms, st)) {
            p->m_exit = st;
            *error = "flameblue-server did not start (" + st.describe() + "); its output:\n" +
                     readFile(config.logFile).substr(logStart);
            return nullptr;
        }
        if (p->m_port == 0) {
            p->m_port =
                flameblue::testing::reportedServerPort(readFile(config.logFile).substr(logStart))
                    .value_or(0);
        }
        if (p->m_port != 0) {
            // A fresh channel per probe: one that saw a failure would sit in reconnect backoff.
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + 1s);
            ctx.set_wait_for_ready(true);
            pb::ListStationsRequest req;
            req.set_city("taiyuan");
            pb::ListStationsReply reply;
            const grpc::Status s = p->stub()->ListStations(&ctx, req, &reply);
            // A server whose operators sign in answers an unsigned call with UNAUTHENTICATED.
            if (s.ok() || (config.signIn && s.error_code() == grpc::StatusCode::UNAUTHENTICATED))
                return p;
        }
        std::this_thread::sleep_for(10ms);
    }
    p->kill();
    *error = "flameblue-server did not answer within " +
             std::to_string(config.readyTimeout.count()) + " ms (port " +
             (p->m_port ? std::to_string(p->m_port) : std::string("not reported")) +
             "); its output:\n" + readFile(config.logFile).substr(logStart);
    return nullptr;
}

ServerProcess::~ServerProcess() {
    if (!m_exit && m_pid > 0)
        kill();
}

bool ServerProcess::running() {
    if (m_exit)
        return false;
    ExitStatus st;
    if (waitChild(m_pid, 0ms, st)) {
        m_exit = st;
        return false;
    }
    return true;
}

std::shared_ptr<grpc::Channel> ServerProcess::channel() const {
    return makeChannel(address());
}

std::unique_ptr<pb::Dispatch::Stub> ServerProcess::stub() const {
    return pb::Dispatch::NewStub(channel());
}

ExitStatus ServerProcess::waitExit(std::chrono::milliseconds timeout, bool* timedOut) {
    if (m_exit)
        return *m_exit;
    ExitStatus st;
    if (waitChild(m_pid, timeout, st)) {
        m_exit = st;
        *timedOut = false;
        return st;
    }
    *timedOut = true;
    return st;
}

ExitStatus ServerProcess::stop(std::chrono::milliseconds timeout) {
    if (m_exit)
        return *m_exit;
    ::kill(m_pid, SIGTERM);
    bool timedOut = false;
    ExitStatus st = waitExit(timeout, &timedOut);
    if (timedOut) {
        kill();
        ExitStatus stuck;
        stuck.ignoredSigterm = true;
        return stuck;
    }
    return st;
}

ExitStatus ServerProcess::kill() {
    if (m_exit)
        return *m_exit;
    ::kill(m_pid, SIGKILL);
    bool timedOut = false;
    return waitExit(30s, &timedOut);
}

void asOperator(grpc::ClientContext& ctx, const std::string& op) {
    ctx.AddMetadata("x-flameblue-operator", op);
    ctx.AddMetadata("x-flameblue-console", "e2e-tests");
}

void withDeadline(grpc::ClientContext& ctx, std::chrono::milliseconds d) {
    ctx.set_deadline(std::chrono::system_clock::now() + d);
}

std::optional<std::uint64_t> headSeq(pb::Dispatch::Stub& stub, std::string* error) {
    grpc::ClientContext ctx;
    withDeadline(ctx);
    pb::SubscribeRequest req;
    req.mutable_filter()->set_exclude_positions(true);
    auto reader = stub.Subscribe(&ctx, req);
    pb::SubscribeResponse first;
    std::optional<std::uint64_t> seq;
    if (reader->Read(&first) && first.has_snapshot_begin()) {
        seq = first.snapshot_begin().seq();
    } else if (error) {
        *error = "Subscribe did not start with a snapshot: " + first.ShortDebugString();
    }
    ctx.TryCancel();
    pb::SubscribeResponse rest;
    while (reader->Read(&rest)) {
    }
    const grpc::Status st = reader->Finish();
    if (!seq && error)
        *error += " (" + st.error_message() + ")";
    return seq;
}

}  // namespace flameblue::e2e
