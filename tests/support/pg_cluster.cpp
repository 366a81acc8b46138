#include "pg_cluster.h"

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "loopback_port.h"

namespace flameblue::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Bounds on waits that only a broken machine exceeds; tests wait on conditions, these only stop
// a hang.
constexpr auto kReadyTimeout = 60s;
constexpr auto kStopTimeout = 30s;
constexpr int kPortAttempts = 5;

fs::path binDir() {
    const char* env = std::getenv("FLAMEBLUE_PG_BINDIR");
    return env && *env ? fs::path(env) : fs::path("/usr/lib/postgresql/15/bin");
}

// Who runs initdb and postgres: this process's user, or `postgres` when that is root.
struct Identity {
    bool switchUser = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

bool serverIdentity(Identity& out, std::string* error) {
    if (::geteuid() != 0) {
        out.switchUser = false;
        return true;
    }
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buf(16384);
    if (::getpwnam_r("postgres", &pw, buf.data(), buf.size(), &found) != 0 || !found) {
        *error =
            "the tests run as root and PostgreSQL refuses root, but there is no `postgres` "
            "system user to run it as: install the package postgresql-15 (scripts/install-deps.sh "
            "does), which creates it";
        return false;
    }
    out = {true, pw.pw_uid, pw.pw_gid};
    return true;
}

bool giveTo(const Identity& who, const fs::path& path, std::string* error) {
    if (!who.switchUser) {
        return true;
    }
    std::error_code ec;
    if (::lchown(path.c_str(), who.uid, who.gid) != 0) {
        *error = "chown " + path.string() + ": " + std::strerror(errno);
        return false;
    }
    if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
            if (::lchown(entry.path().c_str(), who.uid, who.gid) != 0) {
                *error = "chown " + entry.path().string() + ": " + std::strerror(errno);
                return false;
            }
        }
    }
    return !ec;
}

fs::path makeTempDir(const fs::path& parent, const std::string& prefix, std::string* error) {
    fs::path base = parent;
    if (base.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        base = tmp && *tmp ? tmp : "/tmp";
    }
    std::string pattern = (base / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) {
        *error = "mkdtemp " + pattern + ": " + std::strerror(errno);
        return {};
    }
    return pattern;
}

// fork + exec as `who`, stdout and stderr appended to `log`. Between fork and exec the child
// calls only async-signal-safe functions: the test process may have threads running. The
// parent-death signal is set after the user switch (which would clear it), so the child dies
// with the thread that started it.
pid_t spawn(const Identity& who, const std::vector<std::string>& args, const fs::path& log,
            std::string* error) {
    std::vector<std::string> store = args;
    std::vector<char*> argv;
    argv.reserve(store.size() + 1);
    for (auto& a : store) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    const std::string logPath = log.string();
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        *error = std::string("fork: ") + std::strerror(errno);
        return -1;
    }
    if (pid == 0) {
        if (who.switchUser &&
            (::setgroups(0, nullptr) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0)) {
            ::_exit(125);
        }
        ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
        if (::getppid() != parent) {
            ::_exit(126);
        }
        const int out = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        const int in = ::open("/dev/null", O_RDONLY);
        if (out < 0 || in < 0) {
            ::_exit(126);
        }
        ::dup2(in, STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
        ::syscall(SYS_close_range, 3U, ~0U, 0U);
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        for (int sig : {SIGTERM, SIGINT, SIGQUIT, SIGPIPE, SIGCHLD}) {
            ::sigaction(sig, &dfl, nullptr);
        }
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

// Waits for a child; false when it is still running after `timeout`.
bool waitChild(pid_t pid, std::chrono::milliseconds timeout, int& status) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

constexpr const char* kHba =
    "# The superuser over the Unix socket (the test's own administration); everyone else with a\n"
    "# password, as in production.\n"
    "local all postgres trust\n"
    "local all all scram-sha-256\n"
    "host all all 127.0.0.1/32 scram-sha-256\n";

// The initialised data directory every cluster copies: one initdb per build, under a lock that
// serialises the test processes that get there at the same time.
bool ensureTemplate(const Identity& who, fs::path& data, std::string* error) {
    const fs::path dir = FLAMEBLUE_PG_TEMPLATE_DIR;
    data = dir / "data";
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    const std::string lockPath = dir.string() + ".lock";
    const int lock = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        *error = "cannot lock " + lockPath + ": " + std::strerror(errno);
        if (lock >= 0) {
            ::close(lock);
        }
        return false;
    }
    struct Unlock {
        int fd;
        ~Unlock() { ::close(fd); }
    } unlock{lock};
    if (fs::exists(dir / "ready", ec)) {
        return true;
    }
    fs::remove_all(dir, ec);
    // initdb writes as the server's user into a directory of its own, then the result is kept.
    const fs::path work = makeTempDir({}, "flameblue-pg-initdb", error);
    if (work.empty() || !giveTo(who, work, error)) {
        return false;
    }
    const fs::path log = work / "initdb.log";
    const pid_t pid = spawn(who,
                            {(binDir() / "initdb").string(), "-D", (work / "data").string(), "-U",
                             "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
                             "--no-sync", "-E", "UTF8", "--locale=C", "--no-instructions"},
                            log, error);
    int status = 0;
    if (pid < 0 || !waitChild(pid, kReadyTimeout, status) || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
        }
        if (error->empty()) {
            *error = "initdb failed:\n" + readFile(log);
        }
        fs::remove_all(work, ec);
        return false;
    }
    std::ofstream(work / "data" / "pg_hba.conf", std::ios::trunc) << kHba;
    fs::create_directories(dir, ec);
    fs::copy(work / "data", data, fs::copy_options::recursive, ec);
    fs::remove_all(work);
    if (ec) {
        *error = "cannot keep the template cluster in " + dir.string() + ": " + ec.message();
        return false;
    }
    std::ofstream(dir / "ready") << "initialised by initdb from " << binDir().string() << "\n";
    return true;
}

std::string quoteLiteral(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out += c == '\'' ? "''" : std::string(1, c);
    }
    return out + "'";
}

}  // namespace

std::unique_ptr<PgCluster> PgCluster::start(std::string* error) {
    return start(Options{}, error);
}

std::unique_ptr<PgCluster> PgCluster::start(const Options& options, std::string* error) {
    error->clear();
    for (const char* program : {"initdb", "postgres"}) {
        const fs::path p = binDir() / program;
        if (::access(p.c_str(), X_OK) != 0) {
            *error = "PostgreSQL 15 is not installed: " + p.string() +
                     " is missing; install the package postgresql-15 (scripts/install-deps.sh "
                     "does)";
            return nullptr;
        }
    }
    Identity who;
    fs::path templateData;
    if (!serverIdentity(who, error) || !ensureTemplate(who, templateData, error)) {
        return nullptr;
    }
    std::unique_ptr<PgCluster> c(new PgCluster());
    c->m_options = options;
    c->m_dir = makeTempDir(options.parent, "flameblue-pg", error);
    if (c->m_dir.empty()) {
        return nullptr;
    }
    std::error_code ec;
    fs::copy(templateData, c->m_dir / "data", fs::copy_options::recursive, ec);
    if (ec) {
        *error = "cannot copy the template cluster: " + ec.message();
        return nullptr;
    }
    fs::permissions(c->m_dir / "data", fs::perms::owner_all, ec);
    if (!giveTo(who, c->m_dir, error) || !c->launch(error)) {
        return nullptr;
    }
    if (!c->sql("CREATE ROLE " + std::string(kUser) + " LOGIN PASSWORD " + quoteLiteral(kPassword),
                error) ||
        !c->createDatabase(kDatabase, error)) {
        return nullptr;
    }
    return c;
}

bool PgCluster::launch(std::string* error) {
    Identity who;
    if (!serverIdentity(who, error)) {
        return false;
    }
    const bool choosePort = m_port == 0;
    for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
        if (choosePort) {
            m_port = unheldLoopbackPort();  // postgres cannot pick its own
        }
        const fs::path log = m_dir / "postgres.log";
        const auto logStart = fs::exists(log) ? fs::file_size(log) : 0;
        std::vector<std::string> args = {(binDir() / "postgres").string(),
                                         "-D",
                                         (m_dir / "data").string(),
                                         "-p",
                                         std::to_string(m_port),
                                         "-k",
                                         m_dir.string(),
                                         "-c",
                                         "listen_addresses=127.0.0.1",
                                         "-c",
                                         "max_connections=60",
                                         "-c",
                                         "shared_buffers=32MB",
                                         "-c",
                                         "logging_collector=off"};
        if (!m_options.durable) {
            for (const char* setting : {"fsync=off", "full_page_writes=off"}) {
                args.insert(args.end(), {"-c", setting});
            }
        }
        m_pid = spawn(who, args, log, error);
        if (m_pid < 0) {
            return false;
        }
        const std::string ping = "host=" + m_dir.string() + " port=" + std::to_string(m_port) +
                                 " user=postgres dbname=postgres connect_timeout=5";
        const auto until = std::chrono::steady_clock::now() + kReadyTimeout;
        bool exited = false;
        while (std::chrono::steady_clock::now() < until) {
            int status = 0;
            const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
            if (r == m_pid) {
                exited = true;
                break;
            }
            if (PQping(ping.c_str()) == PQPING_OK) {
                return true;
            }
            std::this_thread::sleep_for(20ms);
        }
        const std::string output = readFile(log).substr(logStart);
        if (!exited) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            waitChild(m_pid, kStopTimeout, status);
            m_pid = -1;
            *error = "postgres did not accept connections on port " + std::to_string(m_port) +
                     "; its log:\n" + output;
            return false;
        }
        m_pid = -1;
        *error =
            "postgres exited at start on port " + std::to_string(m_port) + "; its log:\n" + output;
        // Only a port taken meanwhile is worth another attempt: on a fresh port at first start,
        // on the same one (clients know it) after a pause at a restart.
        if (output.find("in use") == std::string::npos) {
            return false;
        }
        if (!choosePort) {
            std::this_thread::sleep_for(200ms);
        }
    }
    return false;
}

PgCluster::~PgCluster() {
    std::string ignored;
    stop(&ignored);
    if (!m_dir.empty()) {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
}

std::string PgCluster::uri(const std::string& database, const std::string& user,
                           const std::string& password, const std::string& query) const {
    return "postgresql://" + user + (password.empty() ? "" : ":" + password) +
           "@127.0.0.1:" + std::to_string(m_port) + "/" + database +
           (query.empty() ? "" : "?" + query);
}

std::optional<std::string> PgCluster::sql(const std::string& statement, std::string* error,
                                          const std::string& database) const {
    const std::string conninfo = "host=" + m_dir.string() + " port=" + std::to_string(m_port) +
                                 " user=postgres dbname=" + database + " connect_timeout=10";
    PGconn* conn = PQconnectdb(conninfo.c_str());
    std::optional<std::string> out;
    if (PQstatus(conn) != CONNECTION_OK) {
        *error = std::string("cannot connect as the superuser: ") + PQerrorMessage(conn);
    } else {
        PGresult* r = PQexec(conn, statement.c_str());
        const ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
            out = PQntuples(r) > 0 && PQnfields(r) > 0 ? PQgetvalue(r, 0, 0) : "";
        } else {
            *error = statement + ": " + PQresultErrorMessage(r);
        }
        PQclear(r);
    }
    PQfinish(conn);
    return out;
}

bool PgCluster::createDatabase(const std::string& name, std::string* error) const {
    return sql("CREATE DATABASE \"" + name + "\" OWNER " + kUser +
                   " ENCODING 'UTF8' TEMPLATE template0",
               error)
        .has_value();
}

bool PgCluster::stop(std::string* error) {
    if (m_pid <= 0) {
        return true;
    }
    ::kill(m_pid, SIGQUIT);
    int status = 0;
    if (!waitChild(m_pid, kStopTimeout, status)) {
        ::kill(m_pid, SIGKILL);
        waitChild(m_pid, kStopTimeout, status);
        *error = "postgres ignored SIGQUIT; killed";
        m_pid = -1;
        return false;
    }
    m_pid = -1;
    return true;
}

bool PgCluster::restart(std::string* error) {
    if (m_pid > 0) {
        return true;
    }
    return launch(error);
}

std::unique_ptr<PgCluster> PgCluster::startSynchronousStandby(std::string* error) {
    error->clear();
    Identity who;
    if (!serverIdentity(who, error)) {
        return nullptr;
    }
    // Replication connections of the superuser over the socket, as for its other connections.
    {
        std::ofstream hba(m_dir / "data" / "pg_hba.conf", std::ios::app);
        hba << "local replication postgres trust\n";
    }
    if (!sql("SELECT pg_reload_conf()", error)) {
        return nullptr;
    }
    std::unique_ptr<PgCluster> s(new PgCluster());
    s->m_options = m_options;
    s->m_dir = makeTempDir(m_options.parent, "flameblue-pg-standby", error);
    if (s->m_dir.empty() || !giveTo(who, s->m_dir, error)) {
        return nullptr;
    }
    const fs::path log = s->m_dir / "basebackup.log";
    const pid_t pid =
        spawn(who,
              {(binDir() / "pg_basebackup").string(), "-D", (s->m_dir / "data").string(), "-h",
               m_dir.string(), "-p", std::to_string(m_port), "-U", "postgres", "-X", "stream", "-R",
               "--no-sync", "--checkpoint=fast", "-d", "application_name=standby"},
              log, error);
    int status = 0;
    if (pid < 0 || !waitChild(pid, kReadyTimeout, status) || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
        }
        if (error->empty()) {
            *error = "pg_basebackup failed:\n" + readFile(log);
        }
        return nullptr;
    }
    if (!s->launch(error)) {
        return nullptr;
    }
    if (!sql("ALTER SYSTEM SET synchronous_standby_names = 'standby'", error) ||
        !sql("SELECT pg_reload_conf()", error)) {
        return nullptr;
    }
    const auto until = std::chrono::steady_clock::now() + kReadyTimeout;
    while (std::chrono::steady_clock::now() < until) {
        auto state = sql(
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'", error);
        if (!state) {
            return nullptr;
        }
        if (*state == "sync") {
            return s;
        }
        std::this_thread::sleep_for(50ms);
    }
    *error = "the standby did not become synchronous; its log:\n" + s->log();
    return nullptr;
}

bool PgCluster::promote(std::string* error) {
    auto done = sql("SELECT pg_promote(true, 60)", error);
    if (!done) {
        return false;
    }
    if (*done != "t") {
        *error = "pg_promote did not finish; the log:\n" + log();
        return false;
    }
    return true;
}

std::string PgCluster::log() const {
    return readFile(m_dir / "postgres.log");
}

PgCluster* sharedPgCluster(std::string* error) {
    static std::string failure;
    static std::unique_ptr<PgCluster> cluster = PgCluster::start(&failure);
    if (!cluster) {
        *error = failure;
    }
    return cluster.get();
}

}  // namespace flameblue::testing
