#include "tools/drill_cli.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>

#include "common/iso_time.h"
#include "flameblue/v1/drill.grpc.pb.h"

namespace flameblue::tools {
namespace {

namespace pb = ::flameblue::v1;

constexpr auto kCallTimeout = std::chrono::seconds(60);

// Metadata values must be printable ASCII: other names travel percent-encoded (as the console's).
std::string metadataValue(const std::string& text) {
    bool plain = true;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        plain = plain && u >= 0x20 && u < 0x7F && c != '%';
    }
    if (plain)
        return text;
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                                (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~' || c == ' ';
        if (unreserved) {
            out += c;
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", u);
            out += hex;
        }
    }
    return out;
}

std::int64_t msOf(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}

void setTime(std::int64_t ms, google::protobuf::Timestamp* t) {
    std::int64_t s = ms / 1000;
    std::int64_t rest = ms % 1000;
    if (rest < 0) {
        rest += 1000;
        --s;
    }
    t->set_seconds(s);
    t->set_nanos(static_cast<int>(rest) * 1'000'000);
}

class DrillCommand {
public:
    DrillCommand(const DrillCliOptions& o, std::ostream& out, std::ostream& err)
        : m_o(o), m_out(out), m_err(err) {
        std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
        grpc::ChannelArguments args;
        if (o.tls) {
            grpc::SslCredentialsOptions ssl;
            ssl.pem_root_certs = o.caCertPem;
            creds = grpc::SslCredentials(ssl);
            if (!o.tlsServerName.empty())
                args.SetSslTargetNameOverride(o.tlsServerName);
        }
        m_stub = pb::Drills::NewStub(grpc::CreateCustomChannel(o.server, creds, args));
    }

    int run() {
        const std::string& c = m_o.command;
        if (c == "scenarios")
            return scenarios();
        if (c == "create")
            return create();
        if (c == "list")
            return list();
        if (c == "report")
            return report();
        if (c == "end")
            return end();
        return playback();
    }

private:
    void prepare(grpc::ClientContext& ctx) const {
        ctx.AddMetadata("x-flameblue-operator", metadataValue(m_o.operatorName));
        ctx.AddMetadata("x-flameblue-console", "flameblue-drill");
        ctx.AddMetadata("x-flameblue-role", "instructor");
        if (!m_o.token.empty())
            ctx.AddMetadata("authorization", "Bearer " + m_o.token);
        ctx.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
    }

    // Runs one call; on failure prints the server's code and message and returns false.
    bool call(const char* what, const std::function<grpc::Status(grpc::ClientContext*)>& rpc) {
        grpc::ClientContext ctx;
        prepare(ctx);
        const grpc::Status st = rpc(&ctx);
        if (st.ok())
            return true;
        m_err << "flameblue-drill: " << what << ": ";
        if (st.error_code() == grpc::StatusCode::UNAVAILABLE ||
            st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
            m_err << "server " << m_o.server << " not reachable (" << st.error_message() << ")\n";
        } else {
            m_err << st.error_message() << "\n";
        }
        return false;
    }

    int scenarios() {
        pb::ListScenariosReply reply;
        if (!call("scenarios", [&](grpc::ClientContext* ctx) {
                return m_stub->ListScenarios(ctx, pb::ListScenariosRequest(), &reply);
            })) {
            return kExitFailed;
        }
        for (const auto& s : reply.scenarios()) {
            m_out << s.id() << "\t" << common::formatChinaStandardTime(msOf(s.start())) << "\t"
                  << common::formatChinaStandardTime(msOf(s.end())) << "\t" << s.incidents()
                  << " incident(s)\t" << s.title_zh() << " / " << s.title_en() << "\n";
        }
        for (const auto& p : reply.problems())
            m_err << "flameblue-drill: bundled scenario not readable: " << p << "\n";
        return kExitOk;
    }

    int create() {
        pb::CreateDrillRequest req;
        req.set_name(m_o.name);
        if (!m_o.scenarioId.empty()) {
            req.mutable_scenario()->set_bundled_id(m_o.scenarioId);
        } else if (!m_o.scenarioContent.empty()) {
            req.mutable_scenario()->set_content(m_o.scenarioContent);
        } else {
            setTime(*m_o.fromMs, req.mutable_range()->mutable_from());
            setTime(*m_o.toMs, req.mutable_range()->mutable_to());
        }
        pb::DrillInfo drill;
        if (!call("create", [&](grpc::ClientContext* ctx) {
                return m_stub->CreateDrill(ctx, req, &drill);
            })) {
            return kExitFailed;
        }
        if (!m_o.incidentId.empty()) {
            if (int rc = startAtIncident(drill); rc != kExitOk)
                return rc;
        }
        m_out << drill.id() << "\n";
        return kExitOk;
    }

    // create --incident: the drill starts paused at that incident's alarm.
    int startAtIncident(const pb::DrillInfo& drill) {
        const pb::IncidentMark* mark = nullptr;
        for (const auto& m : drill.incidents()) {
            if (m.incident_id() == m_o.incidentId)
                mark = &m;
        }
        if (mark == nullptr) {
            std::string known;
            for (const auto& m : drill.incidents())
                known += (known.empty() ? "" : ", ") + m.incident_id();
            m_err << "flameblue-drill: create: incident " << m_o.incidentId
                  << " is not in the range (its incidents: " << (known.empty() ? "none" : known)
                  << "); drill " << drill.id() << " ended\n";
            endDrill(drill.id());
            return kExitFailed;
        }
        pb::SeekRequest seek;
        seek.set_drill_id(drill.id());
        *seek.mutable_time() = mark->alarm();
        pb::PlaybackState state;
        if (!call("create",
                  [&](grpc::ClientContext* ctx) { return m_stub->Seek(ctx, seek, &state); })) {
            return kExitFailed;
        }
        releaseControl(drill.id());
        return kExitOk;
    }

    int list() {
        pb::ListDrillsReply reply;
        if (!call("list", [&](grpc::ClientContext* ctx) {
                return m_stub->ListDrills(ctx, pb::ListDrillsRequest(), &reply);
            })) {
            return kExitFailed;
        }
        for (const auto& d : reply.drills()) {
            m_out << d.id() << "\t" << d.source() << "\t" << d.name() << "\t" << d.incidents_size()
                  << " incident(s)\t";
            printState(d.playback());
        }
        return kExitOk;
    }

    void printState(const pb::PlaybackState& p) {
        m_out << (p.playing() ? "playing" : (p.at_end() ? "at end" : "paused")) << " x" << p.speed()
              << " at " << common::formatChinaStandardTime(msOf(p.drill_time())) << " (of "
              << common::formatChinaStandardTime(msOf(p.start())) << " to "
              << common::formatChinaStandardTime(msOf(p.end())) << ")";
        for (const auto& h : p.hand_overs())
            m_out << "\thanded over: " << h.incident_id();
        m_out << "\n";
    }

    // Playback commands take the control lease; a one-shot command gives it back at once so that
    // an instructor's console can take control.
    int playback() {
        pb::PlaybackState state;
        const std::string& id = m_o.drillId;
        const std::string& c = m_o.command;
        const bool ok = call(c.c_str(), [&](grpc::ClientContext* ctx) {
            pb::DrillRef ref;
            ref.set_drill_id(id);
            if (c == "play")
                return m_stub->Play(ctx, ref, &state);
            if (c == "pause")
                return m_stub->Pause(ctx, ref, &state);
            if (c == "state")
                return m_stub->GetPlaybackState(ctx, ref, &state);
            if (c == "speed") {
                pb::SetSpeedRequest req;
                req.set_drill_id(id);
                req.set_speed(m_o.speed);
                return m_stub->SetSpeed(ctx, req, &state);
            }
            if (c == "seek") {
                pb::SeekRequest req;
                req.set_drill_id(id);
                setTime(m_o.seekMs, req.mutable_time());
                return m_stub->Seek(ctx, req, &state);
            }
            pb::HandOverRequest req;
            req.set_drill_id(id);
            req.set_incident_id(m_o.incidentId);
            return m_stub->HandOver(ctx, req, &state);
        });
        if (!ok)
            return kExitFailed;
        if (c != "state" && state.controller() == m_o.operatorName)
            state = releaseControl(id).value_or(state);
        printState(state);
        return kExitOk;
    }

    std::optional<pb::PlaybackState> releaseControl(const std::string& id) {
        grpc::ClientContext ctx;
        prepare(ctx);
        pb::DrillRef ref;
        ref.set_drill_id(id);
        pb::PlaybackState state;
        if (!m_stub->ReleaseControl(&ctx, ref, &state).ok())
            return std::nullopt;
        return state;
    }

    int report() {
        pb::AfterActionRequest req;
        req.set_drill_id(m_o.drillId);
        req.set_format(m_o.htmlFile.empty() ? "csv" : "html");
        pb::AfterActionReport reply;
        if (!call("report", [&](grpc::ClientContext* ctx) {
                return m_stub->GetAfterActionReport(ctx, req, &reply);
            })) {
            return kExitFailed;
        }
        const std::string& path = m_o.htmlFile.empty() ? m_o.csvFile : m_o.htmlFile;
        // Written next to the target and renamed: a failed write never leaves half a report.
        const std::string partial = path + ".partial";
        {
            std::ofstream file(partial, std::ios::binary | std::ios::trunc);
            file.write(reply.content().data(),
                       static_cast<std::streamsize>(reply.content().size()));
            if (!file.flush()) {
                m_err << "flameblue-drill: report: cannot write " << path << "\n";
                std::remove(partial.c_str());
                return kExitFailed;
            }
        }
        if (std::rename(partial.c_str(), path.c_str()) != 0) {
            m_err << "flameblue-drill: report: cannot write " << path << "\n";
            std::remove(partial.c_str());
            return kExitFailed;
        }
        m_out << path << ": " << reply.incidents_size() << " incident(s), "
              << reply.content().size() << " bytes\n";
        return kExitOk;
    }

    bool endDrill(const std::string& id) {
        pb::DrillRef ref;
        ref.set_drill_id(id);
        pb::EndDrillReply reply;
        return call("end",
                    [&](grpc::ClientContext* ctx) { return m_stub->EndDrill(ctx, ref, &reply); });
    }

    int end() {
        if (!endDrill(m_o.drillId))
            return kExitFailed;
        m_out << m_o.drillId << " ended\n";
        return kExitOk;
    }

    const DrillCliOptions& m_o;
    std::ostream& m_out;
    std::ostream& m_err;
    std::unique_ptr<pb::Drills::Stub> m_stub;
};

}  // namespace

int runDrillCommand(const DrillCliOptions& options, std::ostream& out, std::ostream& err) {
    return DrillCommand(options, out, err).run();
}

}  // namespace flameblue::tools
