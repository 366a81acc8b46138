// Durable append rate of the PostgreSQL event store against plain batched INSERTs of the same
// rows into the same table, in the same run, on a throw-away cluster with fsync on.
//
// The store side is what the session does for each group commit: one append() per batch (seq
// check against the head, the rows, NOTIFY, a synchronous commit). The plain side sends the
// same rows, encoded beforehand, as one multi-row INSERT per batch in its own transaction
// (autocommit, synchronous_commit on) into the same events table, at seqs far beyond the store's
// so the two never collide. The ratio store/plain is the cost of the store itself. Repetitions
// alternate the two sides so that slow phases of a shared disk hit both; medians are reported.
//
//   pg_store_bench [--seconds S] [--repetitions N]     (defaults 1 and 5)
//
// The cluster goes under $FLAMEBLUE_BENCH_DIR or the system temp dir; on tmpfs fsync is free and
// the figures say nothing about durability.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "bench_summary.h"
#include "core/codec.h"
#include "pg_cluster.h"
#include "store/postgres_event_store.h"

namespace {

using namespace flameblue;
using Clock = std::chrono::steady_clock;

// Batches as the session makes them: a lone command, a few consoles at once, a busy AVL feed.
constexpr std::size_t kBatchSizes[] = {1, 16, 256};
constexpr std::size_t kPoolBatches = 64;
// The plain inserts' seqs start here, far from the store's.
constexpr std::int64_t kPlainSeqBase = 1'000'000'000'000'000;

// What a busy shift sends: mostly AVL and ADS-B position fixes, some status changes from
// consoles, over 120 ground units and 8 aircraft.
std::vector<std::vector<core::Event>> makeBatches(std::size_t batchSize) {
    std::vector<std::vector<core::Event>> batches(kPoolBatches);
    std::uint32_t rng = 12345;
    auto next = [&rng] { return rng = rng * 1664525 + 1013904223; };
    core::TimeMs t = 1'795'910'400'000;
    for (auto& batch : batches) {
        for (std::size_t i = 0; i < batchSize; ++i) {
            t += 50;
            const std::uint32_t r = next();
            const bool aircraft = r % 16 == 0;
            char id[16];
            std::snprintf(id, sizeof id, aircraft ? "H-SX-%02u" : "E-SX-%03u",
                          aircraft ? (r >> 8) % 8 : (r >> 8) % 120);
            core::Event e;
            e.time = t;
            if (r % 100 < 85) {
                core::PositionFix fix{
                    {36.0 + (r >> 12) % 4000 * 0.001, 111.0 + (r >> 4) % 3000 * 0.001},
                    (r >> 3) % 360 * 1.0,
                    (r >> 5) % 90 * 1.0,
                    {},
                    t - 300};
                if (aircraft) {
                    fix.altitudeM = 600.0 + (r >> 7) % 1500;
                }
                e.operatorId = "avl";
                e.origin = aircraft ? "feed-adsb" : "feed-avl";
                e.payload = core::PositionReported{id, fix};
            } else {
                e.operatorId = "张伟";
                e.origin = "console-太原-03";
                e.payload = core::UnitStatusChanged{
                    id, static_cast<core::UnitStatus>(1 + (r >> 9) % 6), {}};
            }
            batch.push_back(std::move(e));
        }
    }
    return batches;
}

// Global, so that die() (std::exit) still shuts the cluster down and removes its directory.
std::unique_ptr<flameblue::testing::PgCluster> g_cluster;

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "pg_store_bench: %s\n", why.c_str());
    std::exit(1);
}

void putBE(std::string& out, std::uint64_t v, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((v >> shift) & 0xffU));
    }
}

// One batch for the plain side: binary parameters of a multi-row INSERT, encoded beforehand.
struct PlainBatch {
    std::vector<std::string> values;  // 7 per row; seq is rewritten per run
};

PlainBatch plainBatch(const std::vector<core::Event>& events) {
    PlainBatch b;
    for (const core::Event& e : events) {
        std::string seq;
        putBE(seq, 0, 8);
        std::string time;
        putBE(time, static_cast<std::uint64_t>(e.time), 8);
        std::string kind;
        putBE(kind, static_cast<std::uint32_t>(core::kindOf(e.payload)), 4);
        b.values.push_back(std::move(seq));
        b.values.push_back(std::move(time));
        b.values.push_back(std::move(kind));
        b.values.push_back(core::subjectOf(e.payload));
        b.values.push_back(e.operatorId);
        b.values.push_back(e.origin);
        b.values.push_back(core::encodePayload(e.payload));
    }
    return b;
}

class Plain {
public:
    Plain(const std::string& uri, std::size_t batchSize, std::int64_t& seq) : m_seq(seq) {
        m_conn = PQconnectdb(uri.c_str());
        if (PQstatus(m_conn) != CONNECTION_OK) {
            die(std::string("plain side: ") + PQerrorMessage(m_conn));
        }
        PQclear(PQexec(m_conn, "SET synchronous_commit TO on"));
        std::string sql =
            "INSERT INTO events(seq, time_ms, kind, subject, operator, origin, payload) VALUES ";
        std::vector<Oid> types;
        for (std::size_t row = 0; row < batchSize; ++row) {
            sql += row ? ", (" : "(";
            for (int col = 0; col < 7; ++col) {
                sql += (col ? ", $" : "$") + std::to_string(row * 7 + col + 1);
            }
            sql += ")";
            types.insert(types.end(), {20, 20, 23, 25, 25, 25, 17});
        }
        m_name = "plain_insert_" + std::to_string(batchSize);
        PGresult* r = PQprepare(m_conn, m_name.c_str(), sql.c_str(), static_cast<int>(types.size()),
                                types.data());
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            die(std::string("plain side: prepare: ") + PQresultErrorMessage(r));
        }
        PQclear(r);
    }
    ~Plain() { PQfinish(m_conn); }

    void insert(PlainBatch& b) {
        std::vector<const char*> values;
        std::vector<int> lengths;
        std::vector<int> formats(b.values.size(), 1);
        for (std::size_t i = 0; i < b.values.size(); ++i) {
            if (i % 7 == 0) {
                b.values[i].clear();
                putBE(b.values[i], static_cast<std::uint64_t>(kPlainSeqBase + ++m_seq), 8);
            }
            values.push_back(b.values[i].data());
            lengths.push_back(static_cast<int>(b.values[i].size()));
        }
        PGresult* r = PQexecPrepared(m_conn, m_name.c_str(), static_cast<int>(values.size()),
                                     values.data(), lengths.data(), formats.data(), 1);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            die(std::string("plain insert: ") + PQresultErrorMessage(r));
        }
        PQclear(r);
    }

private:
    PGconn* m_conn = nullptr;
    std::string m_name;
    std::int64_t& m_seq;  // shared by every batch size: the table keeps all rows
};

struct Rate {
    double eventsPerSecond = 0;
    double commitsPerSecond = 0;
};

template <typename F>
Rate measure(double seconds, std::size_t batchSize, F&& oneBatch) {
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration<double>(seconds);
    std::size_t batches = 0;
    Clock::time_point now;
    do {
        oneBatch(batches);
        ++batches;
        now = Clock::now();
    } while (now < until);
    const double elapsed = std::chrono::duration<double>(now - start).count();
    return {static_cast<double>(batches * batchSize) / elapsed,
            static_cast<double>(batches) / elapsed};
}

Rate median(std::vector<Rate> rates) {
    std::sort(rates.begin(), rates.end(),
              [](const Rate& a, const Rate& b) { return a.eventsPerSecond < b.eventsPerSecond; });
    return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    int repetitions = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
        } else if (arg == "--repetitions" && i + 1 < argc) {
            repetitions = std::max(1, std::atoi(argv[++i]));
        } else {
            die("usage: pg_store_bench [--seconds S] [--repetitions N]");
        }
    }
    if (!(seconds > 0)) {
        die("--seconds: expected a positive number");
    }

    flameblue::testing::PgCluster::Options options;
    options.durable = true;
    if (const char* dir = std::getenv("FLAMEBLUE_BENCH_DIR"); dir && *dir) {
        options.parent = dir;
    }
    std::string error;
    g_cluster = flameblue::testing::PgCluster::start(options, &error);
    if (!g_cluster) {
        die(error);
    }
    auto& cluster = g_cluster;
    auto opened = store::PostgresEventStore::open(cluster->uri());
    if (!opened) {
        die(opened.error().message);
    }
    auto& store = *opened.value();
    std::uint64_t seq = 0;
    std::int64_t plainSeq = 0;

    std::printf(
        "PostgreSQL event store: durable append vs plain batched INSERTs\n"
        "(same table, fsync on, %s; %d repetitions of %.1f s per side, medians)\n\n",
        cluster->dir().c_str(), repetitions, seconds);
    std::printf("%6s %14s %12s %14s %12s %8s\n", "batch", "store ev/s", "commits/s", "plain ev/s",
                "commits/s", "ratio");
    double worst = 1e9;
    struct Summary {
        std::size_t batchSize;
        double storeRate, plainRate, ratio;
    };
    std::vector<Summary> summaries;
    for (const std::size_t batchSize : kBatchSizes) {
        auto batches = makeBatches(batchSize);
        std::vector<PlainBatch> plainBatches;
        for (const auto& b : batches) {
            plainBatches.push_back(plainBatch(b));
        }
        Plain plain(cluster->uri(), batchSize, plainSeq);
        std::vector<Rate> storeRates;
        std::vector<Rate> plainRates;
        auto runStore = [&] {
            storeRates.push_back(measure(seconds, batchSize, [&](std::size_t n) {
                auto& batch = batches[n % kPoolBatches];
                for (core::Event& e : batch) {
                    e.seq = ++seq;
                }
                if (auto st = store.append(batch); !st) {
                    die(st.error().message);
                }
            }));
        };
        auto runPlain = [&] {
            plainRates.push_back(measure(seconds, batchSize, [&](std::size_t n) {
                plain.insert(plainBatches[n % kPoolBatches]);
            }));
        };
        for (int rep = 0; rep < repetitions; ++rep) {
            if (rep % 2 == 0) {
                runStore();
                runPlain();
            } else {
                runPlain();
                runStore();
            }
        }
        const Rate s = median(storeRates);
        const Rate p = median(plainRates);
        const double ratio = s.eventsPerSecond / p.eventsPerSecond;
        worst = std::min(worst, ratio);
        std::printf("%6zu %14.0f %12.0f %14.0f %12.0f %8.2f\n", batchSize, s.eventsPerSecond,
                    s.commitsPerSecond, p.eventsPerSecond, p.commitsPerSecond, ratio);
        summaries.push_back({batchSize, s.eventsPerSecond, p.eventsPerSecond, ratio});
    }
    std::printf("\nlowest ratio store/plain: %.2f (target >= 0.5)\n", worst);
    for (const Summary& x : summaries) {
        bench::summaryLine(
            "pg_store_bench", bench::format("durable append, batches of %zu", x.batchSize),
            bench::format("%.0f events/s", x.storeRate),
            bench::format("%.0f events/s plain INSERT", x.plainRate), "ratio >= 0.5",
            bench::format("%s (ratio %.2f)", bench::verdict(x.ratio >= 0.5), x.ratio));
    }
    return 0;
}
