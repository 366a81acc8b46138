// Operators, roles, scopes and limits: the operators file and its hashed tokens, the rule of every
// RPC for every role, and a real server on the Shanxi data set with signed-in operators.

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "api/audit.h"
#include "api/auth.h"
#include "api/live_feed.h"
#include "api/operators.h"
#include "api/server.h"
#include "app/roster_sync.h"
#include "common/iso_time.h"
#include "data/dataset.h"
#include "flameblue/v1/audit.grpc.pb.h"
#include "flameblue/v1/aviation.grpc.pb.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "flameblue/v1/drill.grpc.pb.h"
#include "flameblue/v1/reports.grpc.pb.h"
#include "flameblue/v1/traffic.grpc.pb.h"
#include "session/session.h"
#include "store/event_store.h"

using namespace flameblue;
namespace pb = flameblue::v1;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path tempDir(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("flameblue-access-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

struct Issued {
    api::OperatorRecord record;
    std::string token;
};

Issued issue(const std::string& id, std::set<api::Role> roles, api::Scope scope = {}) {
    auto t = api::generateToken();
    EXPECT_TRUE(t.ok());
    Issued i;
    i.record.id = id;
    i.record.tokenId = t->tokenId;
    i.record.tokenHash = t->hash;
    i.record.roles = std::move(roles);
    i.record.scope = std::move(scope);
    i.token = t->token;
    return i;
}

// ---------------------------------------------------------------------------------------------
// Tokens and the operators file

TEST(ConstantTimeEqual, ComparesEveryByteAndTheLength) {
    EXPECT_TRUE(api::constantTimeEqual("", ""));
    EXPECT_TRUE(api::constantTimeEqual("fb1.0123", "fb1.0123"));
    EXPECT_FALSE(api::constantTimeEqual("fb1.0123", "fb1.0124"));  // last byte
    EXPECT_FALSE(api::constantTimeEqual("Fb1.0123", "fb1.0123"));  // first byte
    EXPECT_FALSE(api::constantTimeEqual("fb1.0123", "fb1.012"));   // a prefix is not equal
    EXPECT_FALSE(api::constantTimeEqual("", "x"));
    const std::string withNul("a\0b", 3);
    EXPECT_FALSE(api::constantTimeEqual(withNul, std::string("a\0c", 3)));
    EXPECT_TRUE(api::constantTimeEqual(withNul, std::string("a\0b", 3)));
}

TEST(Tokens, AreRandomAndStoredOnlyAsArgon2Hashes) {
    auto a = api::generateToken();
    auto b = api::generateToken();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->token, b->token);
    EXPECT_EQ(api::tokenIdOf(a->token), a->tokenId);
    EXPECT_EQ(a->hash.rfind("$argon2id$", 0), 0U) << a->hash;
    EXPECT_TRUE(api::verifyTokenHash(a->hash, a->token));
    EXPECT_FALSE(api::verifyTokenHash(a->hash, b->token));
    std::string altered = a->token;
    altered.back() = altered.back() == '0' ? '1' : '0';
    EXPECT_FALSE(api::verifyTokenHash(a->hash, altered));
    EXPECT_EQ(api::tokenIdOf("not-a-token"), "");

    const fs::path dir = tempDir("tokens");
    api::OperatorRecord op;
    op.id = "zhang";
    op.tokenId = a->tokenId;
    op.tokenHash = a->hash;
    op.roles = {api::Role::Dispatcher};
    ASSERT_TRUE(api::saveOperatorsFile((dir / "operators").string(), {op}).ok());
    const std::string text = readAll(dir / "operators");
    EXPECT_EQ(text.find(a->token), std::string::npos) << "the token is in the file in clear";
    EXPECT_EQ(fs::status(dir / "operators").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    fs::remove_all(dir);
}

TEST(OperatorsFile, RoundTripsRolesScopesExpiryRevocationAndCertificates) {
    const fs::path dir = tempDir("roundtrip");
    Issued a = issue("zhang", {api::Role::Dispatcher, api::Role::Viewer},
                     api::parseScope("taiyuan,datong").value());
    a.record.expiresMs = common::parseIsoTime("2030-01-02T03:04:05Z");
    a.record.certName = "console-zhang";
    Issued b = issue("li", {api::Role::Supervisor});
    b.record.revoked = true;
    const std::string file = (dir / "operators").string();
    ASSERT_TRUE(api::saveOperatorsFile(file, {a.record, b.record}).ok());
    auto loaded = api::loadOperatorsFile(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_EQ(loaded->size(), 2U);
    const api::OperatorRecord& z = (*loaded)[0];
    EXPECT_EQ(z.id, "zhang");
    EXPECT_EQ(z.roles, (std::set<api::Role>{api::Role::Dispatcher, api::Role::Viewer}));
    EXPECT_FALSE(z.scope.province);
    EXPECT_EQ(z.scope.cities, (std::set<std::string>{"datong", "taiyuan"}));
    EXPECT_EQ(common::formatUtcIso(*z.expiresMs), "2030-01-02T03:04:05Z");
    EXPECT_EQ(z.certName, "console-zhang");
    EXPECT_FALSE(z.revoked);
    EXPECT_TRUE((*loaded)[1].revoked);
    EXPECT_TRUE((*loaded)[1].scope.province);
    fs::remove_all(dir);
}

TEST(OperatorsFile, RefusesDuplicatesClearTokensAndUnknownFieldsWithTheLine) {
    const fs::path dir = tempDir("refusals");
    const fs::path file = dir / "operators";
    Issued a = issue("zhang", {api::Role::Dispatcher});
    Issued b = issue("li", {api::Role::Viewer});
    auto write = [&](const std::string& text) {
        std::ofstream(file) << text;
        return api::loadOperatorsFile(file.string());
    };
    const std::string lineA = api::formatOperatorLine(a.record);
    api::OperatorRecord sameId = b.record;
    sameId.id = "zhang";
    auto dup = write(lineA + "\n" + api::formatOperatorLine(sameId) + "\n");
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.error().message.find("line 2: operator \"zhang\" is already on line 1"),
              std::string::npos)
        << dup.error().message;

    api::OperatorRecord sameToken = b.record;
    sameToken.tokenId = a.record.tokenId;
    auto dupToken = write(lineA + "\n# a comment\n" + api::formatOperatorLine(sameToken) + "\n");
    ASSERT_FALSE(dupToken.ok());
    EXPECT_NE(dupToken.error().message.find("line 3: token id"), std::string::npos)
        << dupToken.error().message;

    api::OperatorRecord certA = a.record;
    certA.certName = "shared";
    api::OperatorRecord certB = b.record;
    certB.certName = "shared";
    auto dupCert =
        write(api::formatOperatorLine(certA) + "\n" + api::formatOperatorLine(certB) + "\n");
    ASSERT_FALSE(dupCert.ok());
    EXPECT_NE(dupCert.error().message.find("certificate name \"shared\""), std::string::npos);

    auto clear = write("zhang 0123456789abcdef0123\n");
    ASSERT_FALSE(clear.ok());
    EXPECT_NE(clear.error().message.find("clear-text token"), std::string::npos)
        << clear.error().message;

    auto unknownRole = write(a.record.id + " " + a.record.tokenId + " " + a.record.tokenHash +
                             " roles=dispatcher,chief scope=province\n");
    ASSERT_FALSE(unknownRole.ok());
    EXPECT_NE(unknownRole.error().message.find("role \"chief\": unknown"), std::string::npos)
        << unknownRole.error().message;

    auto badExpiry = write(lineA + " expires=tomorrow\n");
    ASSERT_FALSE(badExpiry.ok());
    EXPECT_NE(badExpiry.error().message.find("expires=YYYY-MM-DDTHH:MM:SSZ"), std::string::npos);

    auto noScope =
        write(a.record.id + " " + a.record.tokenId + " " + a.record.tokenHash + " roles=viewer\n");
    ASSERT_FALSE(noScope.ok());
    EXPECT_NE(noScope.error().message.find("line 1: expected \"ID TOKEN-ID HASH roles=... "
                                           "scope=...\""),
              std::string::npos)
        << noScope.error().message;
    fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// Every RPC x every role

// Who may call what, as the product defines it: D dispatcher, A aviation coordinator,
// I instructor, S supervisor, V viewer, M administrator; * everyone signed in.
const std::map<std::string, std::string>& expectedRoles() {
    static const std::map<std::string, std::string> m = {
        {"/flameblue.v1.Dispatch/CreateIncident", "DS"},
        {"/flameblue.v1.Dispatch/UpdateIncident", "DS"},
        {"/flameblue.v1.Dispatch/SetIncidentStatus", "DS"},
        {"/flameblue.v1.Dispatch/AddNote", "DAS"},
        {"/flameblue.v1.Dispatch/DispatchUnits", "DAS"},
        {"/flameblue.v1.Dispatch/ReleaseUnits", "DS"},
        {"/flameblue.v1.Dispatch/SetUnitStatus", "DAS"},
        {"/flameblue.v1.Dispatch/ReportPositions", "DAS"},
        {"/flameblue.v1.Dispatch/ConfirmAlarmDraft", "DS"},
        {"/flameblue.v1.Dispatch/DismissAlarmDraft", "DS"},
        {"/flameblue.v1.Dispatch/RequestMutualAid", "DAS"},
        {"/flameblue.v1.Dispatch/AnswerMutualAid", "DS"},
        {"/flameblue.v1.Dispatch/ListMutualAidRequests", "*"},
        {"/flameblue.v1.Dispatch/GetIncident", "*"},
        {"/flameblue.v1.Dispatch/GetUnit", "*"},
        {"/flameblue.v1.Dispatch/GetAircraft", "*"},
        {"/flameblue.v1.Dispatch/GetStation", "*"},
        {"/flameblue.v1.Dispatch/ListIncidents", "*"},
        {"/flameblue.v1.Dispatch/ListUnits", "*"},
        {"/flameblue.v1.Dispatch/ListAircraft", "*"},
        {"/flameblue.v1.Dispatch/ListStations", "*"},
        {"/flameblue.v1.Dispatch/ListWaterSources", "*"},
        {"/flameblue.v1.Dispatch/GetCatalog", "*"},
        {"/flameblue.v1.Dispatch/Recommend", "*"},
        {"/flameblue.v1.Dispatch/Subscribe", "*"},
        {"/flameblue.v1.Aviation/GetTrack", "*"},
        {"/flameblue.v1.Aviation/SetMissionState", "AS"},
        {"/flameblue.v1.Aviation/AcknowledgeAlert", "AS"},
        {"/flameblue.v1.Aviation/RecordDrop", "AS"},
        {"/flameblue.v1.Aviation/ListAlerts", "*"},
        {"/flameblue.v1.Aviation/GetAircraftStatus", "*"},
        {"/flameblue.v1.Aviation/ListAircraftStatus", "*"},
        {"/flameblue.v1.Drills/CreateDrill", "I"},
        {"/flameblue.v1.Drills/ListDrills", "IS"},
        {"/flameblue.v1.Drills/ListScenarios", "IS"},
        {"/flameblue.v1.Drills/Play", "I"},
        {"/flameblue.v1.Drills/Pause", "I"},
        {"/flameblue.v1.Drills/SetSpeed", "I"},
        {"/flameblue.v1.Drills/Step", "I"},
        {"/flameblue.v1.Drills/Seek", "I"},
        {"/flameblue.v1.Drills/HandOver", "I"},
        {"/flameblue.v1.Drills/ReleaseControl", "I"},
        {"/flameblue.v1.Drills/GetPlaybackState", "*"},
        {"/flameblue.v1.Drills/GetAfterActionReport", "IS"},
        {"/flameblue.v1.Drills/EndDrill", "I"},
        {"/flameblue.v1.Reports/PhaseReport", "SVM"},
        {"/flameblue.v1.Reports/ExportIncident", "SVM"},
        {"/flameblue.v1.Coverage/GetCoverage", "*"},
        {"/flameblue.v1.Coverage/PlaceStations", "SVM"},
        {"/flameblue.v1.Coverage/StationClosure", "SVM"},
        {"/flameblue.v1.Traffic/ListTraffic", "*"},
        {"/flameblue.v1.Traffic/WatchTraffic", "*"},
        {"/flameblue.v1.Traffic/ListFeeds", "*"},
        {"/flameblue.v1.Audit/QueryAudit", "SM"},
    };
    return m;
}

char letter(api::Role r) {
    switch (r) {
        case api::Role::Dispatcher:
            return 'D';
        case api::Role::Aviation:
            return 'A';
        case api::Role::Instructor:
            return 'I';
        case api::Role::Supervisor:
            return 'S';
        case api::Role::Viewer:
            return 'V';
        case api::Role::Admin:
            return 'M';
    }
    return '?';
}

// Every RPC of every service in proto/flameblue/v1, as the server sees its name.
std::vector<std::string> everyRpc() {
    // Link every generated file into this test (a file nothing names is left out).
    for (const auto* d :
         {pb::DispatchUnitsRequest::descriptor(), pb::GetTrackRequest::descriptor(),
          pb::CreateDrillRequest::descriptor(), pb::PhaseReportRequest::descriptor(),
          pb::CoverageRequest::descriptor(), pb::ListTrafficRequest::descriptor(),
          pb::QueryAuditRequest::descriptor()}) {
        EXPECT_NE(d, nullptr);
    }
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(FLAMEBLUE_PROTO_DIR)) {
        if (entry.path().extension() != ".proto")
            continue;
        const std::string name = "flameblue/v1/" + entry.path().filename().string();
        const auto* file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name);
        EXPECT_NE(file, nullptr) << name << " is not linked into this test: name its service above";
        if (!file)
            continue;
        for (int s = 0; s < file->service_count(); ++s) {
            const auto* service = file->service(s);
            for (int m = 0; m < service->method_count(); ++m)
                out.push_back(api::rpcName(service->full_name(), service->method(m)->name()));
        }
    }
    return out;
}

TEST(AccessRules, EveryRpcHasARuleAndEveryRuleAnRpc) {
    const auto rpcs = everyRpc();
    ASSERT_GT(rpcs.size(), 50U);
    for (const auto& rpc : rpcs) {
        EXPECT_TRUE(api::accessRules().contains(rpc)) << rpc << " has no access rule";
        EXPECT_TRUE(expectedRoles().contains(rpc))
            << rpc << " is missing from this test's table of who may call what";
    }
    for (const auto& [rpc, rule] : api::accessRules()) {
        EXPECT_NE(std::find(rpcs.begin(), rpcs.end(), rpc), rpcs.end())
            << rpc << " has a rule but is no RPC";
    }
}

TEST(AccessRules, EveryRpcForEveryRole) {
    const fs::path dir = tempDir("matrix");
    std::vector<Issued> ops;
    for (api::Role r : api::kAllRoles)
        ops.push_back(issue(std::string("op-") + api::roleName(r), {r}));
    std::vector<api::OperatorRecord> records;
    for (const auto& o : ops)
        records.push_back(o.record);
    ASSERT_TRUE(api::saveOperatorsFile((dir / "operators").string(), records).ok());
    auto directory = api::OperatorDirectory::open((dir / "operators").string(), nullptr);
    ASSERT_TRUE(directory.ok()) << directory.error().message;
    api::AccessLimits unlimited;
    unlimited.commandsPerSecond = 0;
    api::Authenticator auth(*directory, unlimited);

    for (const auto& rpc : everyRpc()) {
        const auto expected = expectedRoles().find(rpc);
        if (expected == expectedRoles().end())
            continue;  // reported above
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const api::Role role = api::kAllRoles[i];
            api::CallInfo call;
            call.authorization = "Bearer " + ops[i].token;
            call.peer = "ipv4:127.0.0.1:40000";
            const auto who = auth.authorize(call, rpc);
            const bool allowed =
                expected->second == "*" || expected->second.find(letter(role)) != std::string::npos;
            if (allowed) {
                EXPECT_TRUE(who.ok()) << rpc << " refused to " << api::roleName(role) << ": "
                                      << (who.ok() ? "" : who.error().message);
            } else {
                ASSERT_FALSE(who.ok()) << rpc << " allowed to " << api::roleName(role);
                EXPECT_EQ(who.error().code, core::ErrorCode::PermissionDenied) << rpc;
                EXPECT_NE(who.error().message.find(api::roleName(role)), std::string::npos)
                    << who.error().message;
            }
        }
        // Without a token nobody is let in, whatever the RPC.
        api::CallInfo anonymous;
        anonymous.operatorName = "self-declared";
        const auto who = auth.authorize(anonymous, rpc);
        ASSERT_FALSE(who.ok()) << rpc;
        EXPECT_EQ(who.error().code, core::ErrorCode::Unauthenticated) << rpc;
    }
    auto unknown = auth.authorize(api::CallInfo{}, "/flameblue.v1.Dispatch/NoSuchRpc");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("no access rule"), std::string::npos);
    fs::remove_all(dir);
}

TEST(AccessRules, InsecureDevNamesItselfAndClaimsTheInstructorRole) {
    api::Authenticator auth;
    EXPECT_TRUE(auth.insecureDev());
    api::CallInfo call;
    call.operatorName = "wang";
    auto dispatcher = auth.authorize(call, "/flameblue.v1.Dispatch/DispatchUnits");
    ASSERT_TRUE(dispatcher.ok());
    EXPECT_EQ(dispatcher->operatorId, "wang");
    auto drill = auth.authorize(call, "/flameblue.v1.Drills/Play");
    ASSERT_FALSE(drill.ok());
    EXPECT_EQ(drill.error().code, core::ErrorCode::PermissionDenied);
    call.role = "instructor";
    EXPECT_TRUE(auth.authorize(call, "/flameblue.v1.Drills/Play").ok());
    // Commands still name their operator.
    auto nameless = auth.authorize(api::CallInfo{}, "/flameblue.v1.Dispatch/CreateIncident");
    ASSERT_FALSE(nameless.ok());
    EXPECT_EQ(nameless.error().code, core::ErrorCode::Unauthenticated);
}

TEST(Limits, RateLimitPerOperatorWithTheWaitInTheMessage) {
    api::Authenticator auth;
    api::AccessLimits l;
    l.commandsPerSecond = 2;
    l.commandBurst = 3;
    auth.setLimits(l);
    api::CallInfo zhang;
    zhang.operatorName = "zhang";
    api::CallInfo li;
    li.operatorName = "li";
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(auth.authorize(zhang, "/flameblue.v1.Dispatch/AddNote").ok()) << i;
    auto limited = auth.authorize(zhang, "/flameblue.v1.Dispatch/AddNote");
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code, core::ErrorCode::ResourceExhausted);
    EXPECT_NE(limited.error().message.find("operator \"zhang\" sent more than 2 commands a "
                                           "second (burst 3); retry in"),
              std::string::npos)
        << limited.error().message;
    // Reads are not commands; another operator has its own budget.
    EXPECT_TRUE(auth.authorize(zhang, "/flameblue.v1.Dispatch/ListUnits").ok());
    EXPECT_TRUE(auth.authorize(li, "/flameblue.v1.Dispatch/AddNote").ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_TRUE(auth.authorize(zhang, "/flameblue.v1.Dispatch/AddNote").ok());
}

TEST(Limits, StreamCapsPerOperatorAndPerAddressAndTheDrillCap) {
    api::Authenticator auth;
    api::AccessLimits l;
    l.maxStreamsPerAddress = 3;
    l.maxDrillsPerOperator = 2;
    auth.setLimits(l);
    api::Caller zhang{"zhang", "console-1", "ipv4:10.0.0.1", {}, {}};
    api::Caller li{"li", "console-2", "ipv4:10.0.0.1", {}, {}};
    api::Caller elsewhere{"li", "console-3", "ipv4:10.0.0.2", {}, {}};
    auto a = auth.openStream(zhang, "subscriptions", 2);
    auto b = auth.openStream(zhang, "subscriptions", 2);
    ASSERT_TRUE(a.ok() && b.ok());
    auto c = auth.openStream(zhang, "subscriptions", 2);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, core::ErrorCode::ResourceExhausted);
    EXPECT_NE(c.error().message.find("operator \"zhang\" already has 2 open (at most 2)"),
              std::string::npos)
        << c.error().message;
    auto d = auth.openStream(li, "subscriptions", 2);
    ASSERT_TRUE(d.ok());
    auto e = auth.openStream(li, "subscriptions", 2);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("client address ipv4:10.0.0.1 already has 3 open streams"),
              std::string::npos)
        << e.error().message;
    EXPECT_TRUE(auth.openStream(elsewhere, "subscriptions", 2).ok());
    a = core::Error{};  // the stream ends: its slot is given back
    EXPECT_TRUE(auth.openStream(zhang, "subscriptions", 2).ok());

    EXPECT_TRUE(auth.checkDrillCap(zhang, 1).ok());
    auto drills = auth.checkDrillCap(zhang, 2);
    ASSERT_FALSE(drills.ok());
    EXPECT_EQ(drills.error().code, core::ErrorCode::ResourceExhausted);
    EXPECT_NE(drills.error().message.find("already runs 2 drills (at most 2)"), std::string::npos);
}

TEST(Audit, KeepsEntriesInTheFileAndFilters) {
    const fs::path dir = tempDir("audit");
    const std::string file = (dir / "audit.log").string();
    {
        api::AuditLog log;
        ASSERT_TRUE(log.openFile(file).ok());
        log.add({0, 1000, "zhang", "console-1", "ipv4:127.0.0.1", "/x/CreateIncident", 0, "", ""});
        log.add({0, 2000, "li", "console-2", "ipv4:127.0.0.1", "/x/DispatchUnits", 7, "denied",
                 "INC-1"});
    }
    api::AuditLog reopened;
    ASSERT_TRUE(reopened.openFile(file).ok());
    ASSERT_EQ(reopened.size(), 2U);
    reopened.add({0, 3000, "zhang", "console-1", "ipv4:127.0.0.1", "/x/AddNote", 0, "", "INC-1"});
    api::AuditFilter all;
    auto entries = reopened.query(all);
    ASSERT_EQ(entries.size(), 3U);
    EXPECT_EQ(entries[0].method, "/x/AddNote");  // newest first
    EXPECT_EQ(entries[0].id, 3U);
    api::AuditFilter refused;
    refused.refusedOnly = true;
    ASSERT_EQ(reopened.query(refused).size(), 1U);
    EXPECT_EQ(reopened.query(refused)[0].message, "denied");
    api::AuditFilter byOperator;
    byOperator.operatorId = "zhang";
    byOperator.fromMs = 1500;
    ASSERT_EQ(reopened.query(byOperator).size(), 1U);
    api::AuditFilter bySubject;
    bySubject.subject = "INC-1";
    bySubject.method = "Dispatch";
    ASSERT_EQ(reopened.query(bySubject).size(), 1U);
    fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// A real server with signed-in operators

class SignedInServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto ds = data::loadDataset(FLAMEBLUE_DATA_DIR);
        ASSERT_TRUE(ds.ok()) << ds.error().message;
        s_dataset = new data::Dataset(std::move(ds).value());
        s_ops = new std::map<std::string, Issued>();
        auto add = [](const std::string& id, std::set<api::Role> roles, const std::string& scope) {
            (*s_ops)[id] = issue(id, std::move(roles), api::parseScope(scope).value());
        };
        add("ty-dispatcher", {api::Role::Dispatcher}, "taiyuan");
        add("dt-dispatcher", {api::Role::Dispatcher}, "datong");
        add("viewer", {api::Role::Viewer}, "province");
        add("supervisor", {api::Role::Supervisor}, "province");
        add("rapid", {api::Role::Dispatcher}, "province");
    }
    static void TearDownTestSuite() {
        delete s_ops;
        delete s_dataset;
    }

    void SetUp() override {
        m_dir = tempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        m_file = (m_dir / "operators").string();
        std::vector<api::OperatorRecord> records;
        for (const auto& [id, o] : *s_ops)
            records.push_back(o.record);
        ASSERT_TRUE(api::saveOperatorsFile(m_file, records).ok());
        m_session = std::make_unique<session::Session>(
            session::SessionOptions{}, store::makeMemoryStore(), app::referenceFrom(*s_dataset));
        ASSERT_TRUE(m_session->open().ok());
        m_publisher = std::make_unique<api::LivePublisher>(m_fanout, 300'000, session::systemNowMs);
        m_session->setObserver(m_publisher.get());
        m_session->start();
        ASSERT_TRUE(m_session
                        ->appendTrusted({"system", "roster", 0},
                                        app::rosterChanges(*s_dataset, core::State{}))
                        .ok());
        m_registry.add("live", {m_session.get(), &m_fanout});
        api::ServerOptions options;
        options.listen = "127.0.0.1:0";
        options.operatorsFile = m_file;
        options.limits.commandsPerSecond = 5;
        options.limits.commandBurst = 5;
        options.limits.maxSubscriptionsPerOperator = 2;
        options.log = [](const std::string&) {};
        auto server = api::DispatchServer::start(options, m_registry, pb::Catalog{});
        ASSERT_TRUE(server.ok()) << server.error().message;
        m_server = std::move(server).value();
        m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_server->port()),
                                        grpc::InsecureChannelCredentials());
        m_stub = pb::Dispatch::NewStub(m_channel);
    }
    void TearDown() override {
        m_server->shutdown();
        m_session->stop();
        m_session->setObserver(nullptr);
        fs::remove_all(m_dir);
    }

    static void as(grpc::ClientContext& ctx, const std::string& op) {
        if (!op.empty())
            ctx.AddMetadata("authorization", "Bearer " + s_ops->at(op).token);
        ctx.AddMetadata("x-flameblue-console", "console-" + op);
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    }
    grpc::Status create(const std::string& op, double lat, double lon, std::string* id = nullptr) {
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        req.mutable_position()->set_lat(lat);
        req.mutable_position()->set_lon(lon);
        grpc::ClientContext ctx;
        as(ctx, op);
        pb::CommandReply reply;
        auto s = m_stub->CreateIncident(&ctx, req, &reply);
        if (id)
            *id = reply.incident().id();
        return s;
    }
    grpc::Status dispatch(const std::string& op, const std::string& incident,
                          const std::string& unit) {
        pb::DispatchUnitsRequest req;
        req.set_incident_id(incident);
        req.add_unit_ids(unit);
        grpc::ClientContext ctx;
        as(ctx, op);
        pb::CommandReply reply;
        return m_stub->DispatchUnits(&ctx, req, &reply);
    }
    grpc::Status listUnits(const std::string& op) {
        grpc::ClientContext ctx;
        as(ctx, op);
        pb::ListUnitsRequest req;
        pb::ListUnitsReply reply;
        return m_stub->ListUnits(&ctx, req, &reply);
    }

    static constexpr double kTaiyuanLat = 37.87;
    static constexpr double kTaiyuanLon = 112.55;
    static constexpr double kDatongLat = 40.09;
    static constexpr double kDatongLon = 113.29;

    static data::Dataset* s_dataset;
    static std::map<std::string, Issued>* s_ops;
    fs::path m_dir;
    std::string m_file;
    std::unique_ptr<session::Session> m_session;
    api::LiveFanOut m_fanout;
    std::unique_ptr<api::LivePublisher> m_publisher;
    api::SessionRegistry m_registry;
    std::unique_ptr<api::DispatchServer> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<pb::Dispatch::Stub> m_stub;
};
data::Dataset* SignedInServerTest::s_dataset = nullptr;
std::map<std::string, Issued>* SignedInServerTest::s_ops = nullptr;

TEST_F(SignedInServerTest, EveryCallNeedsAKnownTokenAndTheCatalogSaysWhoIsSignedIn) {
    const grpc::Status none = listUnits("");
    EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED) << none.error_message();
    {
        grpc::ClientContext ctx;
        ctx.AddMetadata("x-flameblue-operator", "ty-dispatcher");  // self-declared: not enough
        ctx.AddMetadata("authorization", "Bearer fb1.0123456789abcdef." + std::string(64, '0'));
        pb::ListUnitsReply reply;
        const auto s = m_stub->ListUnits(&ctx, pb::ListUnitsRequest{}, &reply);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        EXPECT_EQ(s.error_message(), "authorization: unknown operator token");
    }
    EXPECT_TRUE(listUnits("viewer").ok());
    grpc::ClientContext ctx;
    as(ctx, "ty-dispatcher");
    pb::Catalog catalog;
    ASSERT_TRUE(m_stub->GetCatalog(&ctx, pb::GetCatalogRequest{}, &catalog).ok());
    EXPECT_EQ(catalog.operator_id(), "ty-dispatcher");
    ASSERT_EQ(catalog.roles_size(), 1);
    EXPECT_EQ(catalog.roles(0), "dispatcher");
    ASSERT_EQ(catalog.scope_cities_size(), 1);
    EXPECT_EQ(catalog.scope_cities(0), "taiyuan");
    EXPECT_TRUE(catalog.security_warning().empty());
}

TEST_F(SignedInServerTest, RolesAreCheckedAndEventsCarryTheTokensOperator) {
    const grpc::Status viewer = create("viewer", kTaiyuanLat, kTaiyuanLon);
    EXPECT_EQ(viewer.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(viewer.error_message().find("operator \"viewer\" (roles viewer) needs the "
                                          "dispatcher or supervisor role"),
              std::string::npos)
        << viewer.error_message();
    std::string id;
    ASSERT_TRUE(create("supervisor", kTaiyuanLat, kTaiyuanLon, &id).ok());
    bool byToken = false;
    m_session->withState([&](const core::State& s, const auto&) {
        const core::Incident* inc = s.incident(id);
        byToken = inc != nullptr;
        return 0;
    });
    EXPECT_TRUE(byToken);
    auto events = m_session->store().read(0, UINT64_MAX, 1'000'000);
    ASSERT_TRUE(events.ok());
    ASSERT_FALSE(events->empty());
    EXPECT_EQ(events->back().operatorId, "supervisor");
    EXPECT_EQ(events->back().origin, "console-supervisor");
}

TEST_F(SignedInServerTest, ACityDispatcherStaysInItsCity) {
    std::string taiyuan;
    ASSERT_TRUE(create("ty-dispatcher", kTaiyuanLat, kTaiyuanLon, &taiyuan).ok());
    const grpc::Status datong = create("ty-dispatcher", kDatongLat, kDatongLon);
    EXPECT_EQ(datong.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(datong.error_message().find("the incident would be in datong; operator "
                                          "\"ty-dispatcher\" acts for taiyuan"),
              std::string::npos)
        << datong.error_message();

    const grpc::Status other = dispatch("ty-dispatcher", taiyuan, "DT-S01-E1");
    EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(other.error_message().find("unit_ids: unit \"DT-S01-E1\" belongs to datong; "
                                         "operator \"ty-dispatcher\" acts for taiyuan; ask for "
                                         "it with RequestMutualAid"),
              std::string::npos)
        << other.error_message();
    const grpc::Status foreign = dispatch("dt-dispatcher", taiyuan, "DT-S01-E1");
    EXPECT_EQ(foreign.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(foreign.error_message().find("incident \"" + taiyuan + "\" is in taiyuan"),
              std::string::npos)
        << foreign.error_message();
    EXPECT_TRUE(dispatch("ty-dispatcher", taiyuan, "TY-S01-E1").ok());
}

TEST_F(SignedInServerTest, ARevokedTokenIsRefusedWithinASecond) {
    ASSERT_TRUE(listUnits("viewer").ok());
    auto loaded = api::loadOperatorsFile(m_file);
    ASSERT_TRUE(loaded.ok());
    for (auto& op : *loaded) {
        if (op.id == "viewer")
            op.revoked = true;
    }
    const auto revokedAt = std::chrono::steady_clock::now();
    ASSERT_TRUE(api::saveOperatorsFile(m_file, *loaded).ok());
    grpc::Status s;
    while (std::chrono::steady_clock::now() - revokedAt < std::chrono::seconds(3)) {
        s = listUnits("viewer");
        if (!s.ok())
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const auto took = std::chrono::steady_clock::now() - revokedAt;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(s.error_message(), "authorization: the token of operator \"viewer\" is revoked");
    EXPECT_LT(took, std::chrono::seconds(1));
    EXPECT_TRUE(listUnits("supervisor").ok());  // the others are still in
}

TEST_F(SignedInServerTest, ABrokenOperatorsFileKeepsTheOperatorsLoadedBefore) {
    {
        std::ofstream out(m_file, std::ios::app);
        out << "viewer 0000000000000000 $argon2id$x roles=viewer scope=province\n";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    EXPECT_TRUE(listUnits("viewer").ok());
    EXPECT_TRUE(listUnits("supervisor").ok());
}

TEST_F(SignedInServerTest, CommandsAreRateLimitedPerOperator) {
    std::string id;
    ASSERT_TRUE(create("rapid", kTaiyuanLat, kTaiyuanLon, &id).ok());
    grpc::Status last;
    int accepted = 1;
    for (int i = 0; i < 10 && last.ok(); ++i) {
        pb::AddNoteRequest req;
        req.set_incident_id(id);
        req.set_text("note " + std::to_string(i));
        grpc::ClientContext ctx;
        as(ctx, "rapid");
        pb::CommandReply reply;
        last = m_stub->AddNote(&ctx, req, &reply);
        if (last.ok())
            ++accepted;
    }
    EXPECT_EQ(last.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_NE(last.error_message().find("sent more than 5 commands a second"), std::string::npos)
        << last.error_message();
    EXPECT_GE(accepted, 5);
    EXPECT_LE(accepted, 7);
    EXPECT_TRUE(create("supervisor", kTaiyuanLat, kTaiyuanLon).ok());  // others are not held
}

TEST_F(SignedInServerTest, SubscriptionsPerOperatorAreCapped) {
    struct Open {
        grpc::ClientContext ctx;
        std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> reader;
    };
    auto subscribe = [&](const std::string& op) {
        auto o = std::make_unique<Open>();
        o->ctx.AddMetadata("authorization", "Bearer " + s_ops->at(op).token);
        pb::SubscribeRequest req;
        req.mutable_session()->set_id("live");
        o->reader = m_stub->Subscribe(&o->ctx, req);
        return o;
    };
    auto a = subscribe("viewer");
    auto b = subscribe("viewer");
    pb::SubscribeResponse first;
    ASSERT_TRUE(a->reader->Read(&first));
    ASSERT_TRUE(b->reader->Read(&first));
    auto c = subscribe("viewer");
    EXPECT_FALSE(c->reader->Read(&first));
    const grpc::Status refused = c->reader->Finish();
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_NE(refused.error_message().find("operator \"viewer\" already has 2 open (at most 2)"),
              std::string::npos)
        << refused.error_message();
    auto other = subscribe("supervisor");
    EXPECT_TRUE(other->reader->Read(&first));
    a->ctx.TryCancel();
    a->reader->Finish();
    // The server lets the slot go when the stream ends.
    bool reopened = false;
    for (int i = 0; i < 50 && !reopened; ++i) {
        auto again = subscribe("viewer");
        reopened = again->reader->Read(&first);
        again->ctx.TryCancel();
        again->reader->Finish();
        if (!reopened)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(reopened);
    b->ctx.TryCancel();
    b->reader->Finish();
    other->ctx.TryCancel();
    other->reader->Finish();
}

TEST_F(SignedInServerTest, TheAuditTrailHasCommandsAndRefusalsForSupervisorsOnly) {
    ASSERT_TRUE(create("supervisor", kTaiyuanLat, kTaiyuanLon).ok());
    ASSERT_FALSE(create("viewer", kTaiyuanLat, kTaiyuanLon).ok());
    ASSERT_FALSE(listUnits("").ok());
    auto audit = pb::Audit::NewStub(m_channel);
    {
        grpc::ClientContext ctx;
        as(ctx, "viewer");
        pb::QueryAuditReply reply;
        EXPECT_EQ(audit->QueryAudit(&ctx, pb::QueryAuditRequest{}, &reply).error_code(),
                  grpc::StatusCode::PERMISSION_DENIED);
    }
    grpc::ClientContext ctx;
    as(ctx, "supervisor");
    pb::QueryAuditRequest req;
    req.set_refused_only(true);
    req.set_method("CreateIncident");
    pb::QueryAuditReply reply;
    ASSERT_TRUE(audit->QueryAudit(&ctx, req, &reply).ok());
    ASSERT_EQ(reply.entries_size(), 1);
    EXPECT_EQ(reply.entries(0).operator_id(), "viewer");
    EXPECT_EQ(reply.entries(0).console(), "console-viewer");
    EXPECT_EQ(reply.entries(0).method(), "/flameblue.v1.Dispatch/CreateIncident");
    EXPECT_EQ(reply.entries(0).code(), static_cast<int>(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_TRUE(reply.entries(0).has_time());

    grpc::ClientContext all;
    as(all, "supervisor");
    pb::QueryAuditReply everything;
    ASSERT_TRUE(audit->QueryAudit(&all, pb::QueryAuditRequest{}, &everything).ok());
    bool created = false;
    bool anonymous = false;
    for (const auto& e : everything.entries()) {
        created = created || (e.operator_id() == "supervisor" && e.code() == 0 &&
                              e.method() == "/flameblue.v1.Dispatch/CreateIncident");
        anonymous = anonymous || (e.operator_id().empty() &&
                                  e.code() == static_cast<int>(grpc::StatusCode::UNAUTHENTICATED));
    }
    EXPECT_TRUE(created);
    EXPECT_TRUE(anonymous);

    grpc::ClientContext tooMany;
    as(tooMany, "supervisor");
    pb::QueryAuditRequest big;
    big.set_limit(6000);
    EXPECT_EQ(audit->QueryAudit(&tooMany, big, &reply).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SignedInServerTest, MutualAidIsAskedForAndAnsweredByTheOwningCity) {
    std::string incident;
    ASSERT_TRUE(create("ty-dispatcher", kTaiyuanLat, kTaiyuanLon, &incident).ok());
    // Datong's console, filtered to Datong, is open before the request.
    grpc::ClientContext watchCtx;
    watchCtx.AddMetadata("authorization", "Bearer " + s_ops->at("dt-dispatcher").token);
    watchCtx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::SubscribeRequest watch;
    watch.mutable_session()->set_id("live");
    watch.mutable_filter()->add_cities("datong");
    watch.mutable_filter()->set_exclude_positions(true);
    auto reader = m_stub->Subscribe(&watchCtx, watch);
    pb::SubscribeResponse msg;
    while (reader->Read(&msg) && !msg.has_snapshot_end()) {
    }

    // Asking instead of dispatching.
    {
        pb::DispatchUnitsRequest req;
        req.set_incident_id(incident);
        req.add_unit_ids("DT-S01-E1");
        req.set_request_mutual_aid(true);
        req.set_mutual_aid_note("second alarm");
        grpc::ClientContext ctx;
        as(ctx, "ty-dispatcher");
        pb::CommandReply reply;
        ASSERT_TRUE(m_stub->DispatchUnits(&ctx, req, &reply).ok());
    }
    std::vector<std::string> kinds;
    pb::MutualAidRequest seen;
    while (reader->Read(&msg)) {
        std::vector<const pb::Event*> events;
        if (msg.has_event())
            events.push_back(&msg.event());
        for (const auto& e : msg.events().events())
            events.push_back(&e);
        for (const pb::Event* e : events) {
            kinds.push_back(e->kind());
            if (e->kind() == "mutual_aid_requested" && e->mutual_aid_size() == 1)
                seen = e->mutual_aid(0);
        }
        if (!seen.id().empty())
            break;
    }
    EXPECT_EQ(seen.id(), "MA-1") << ::testing::PrintToString(kinds);
    EXPECT_EQ(seen.requesting_city(), "taiyuan");
    EXPECT_EQ(seen.owning_city(), "datong");
    EXPECT_EQ(seen.requested_by(), "ty-dispatcher");
    EXPECT_EQ(seen.note(), "second alarm");
    EXPECT_EQ(seen.state(), pb::MUTUAL_AID_PENDING);

    auto answer = [&](const std::string& op, const std::string& id, bool accept,
                      const std::string& reason) {
        pb::AnswerMutualAidRequest req;
        req.set_request_id(id);
        req.set_accept(accept);
        req.set_reason(reason);
        grpc::ClientContext ctx;
        as(ctx, op);
        pb::CommandReply reply;
        return m_stub->AnswerMutualAid(&ctx, req, &reply);
    };
    const grpc::Status own = answer("ty-dispatcher", "MA-1", true, "");
    EXPECT_EQ(own.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_NE(own.error_message().find("is answered by datong or the provincial centre"),
              std::string::npos)
        << own.error_message();
    ASSERT_TRUE(answer("dt-dispatcher", "MA-1", true, "").ok());
    const grpc::Status twice = answer("supervisor", "MA-1", false, "changed our minds");
    EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(twice.error_message().find("was accepted by \"dt-dispatcher\""), std::string::npos)
        << twice.error_message();

    bool dispatched = false;
    m_session->withState([&](const core::State& s, const auto&) {
        const core::Unit* u = s.unit("DT-S01-E1");
        dispatched = u && u->incidentId == incident && u->status == core::UnitStatus::Dispatched;
        return 0;
    });
    EXPECT_TRUE(dispatched);

    // A second request, refused by the provincial centre: a reason is required.
    {
        pb::RequestMutualAidRequest req;
        req.set_incident_id(incident);
        req.add_unit_ids("DT-S01-T1");
        grpc::ClientContext ctx;
        as(ctx, "ty-dispatcher");
        pb::CommandReply reply;
        ASSERT_TRUE(m_stub->RequestMutualAid(&ctx, req, &reply).ok());
    }
    EXPECT_EQ(answer("supervisor", "MA-2", false, "").error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    ASSERT_TRUE(answer("supervisor", "MA-2", false, "Datong needs it").ok());

    grpc::ClientContext listCtx;
    as(listCtx, "viewer");
    pb::ListMutualAidRequestsRequest list;
    pb::ListMutualAidRequestsReply listed;
    ASSERT_TRUE(m_stub->ListMutualAidRequests(&listCtx, list, &listed).ok());
    ASSERT_EQ(listed.requests_size(), 2);
    EXPECT_EQ(listed.requests(0).state(), pb::MUTUAL_AID_ACCEPTED);
    EXPECT_EQ(listed.requests(0).answered_by(), "dt-dispatcher");
    EXPECT_EQ(listed.requests(1).state(), pb::MUTUAL_AID_REFUSED);
    EXPECT_EQ(listed.requests(1).reason(), "Datong needs it");
    EXPECT_EQ(listed.requests(1).answered_by(), "supervisor");

    // The log has the request, the answer and the dispatch, in the answering operator's name.
    auto events = m_session->store().read(0, UINT64_MAX, 1'000'000);
    ASSERT_TRUE(events.ok());
    std::vector<std::pair<core::EventKind, std::string>> tail;
    for (const auto& e : *events) {
        const core::EventKind k = core::kindOf(e.payload);
        if (k == core::EventKind::MutualAidRequested || k == core::EventKind::MutualAidAnswered ||
            k == core::EventKind::UnitsDispatched)
            tail.emplace_back(k, e.operatorId);
    }
    const std::vector<std::pair<core::EventKind, std::string>> expected = {
        {core::EventKind::MutualAidRequested, "ty-dispatcher"},
        {core::EventKind::MutualAidAnswered, "dt-dispatcher"},
        {core::EventKind::UnitsDispatched, "dt-dispatcher"},
        {core::EventKind::MutualAidRequested, "ty-dispatcher"},
        {core::EventKind::MutualAidAnswered, "supervisor"},
    };
    EXPECT_EQ(tail, expected);
    watchCtx.TryCancel();
    reader->Finish();
}

}  // namespace
