#include "api/drill_service.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "api/mapping.h"

namespace flameblue::api {

DrillSessionHost::DrillSessionHost(SessionRegistry& registry, core::TimeMs staleAfterMs)
    : m_registry(registry), m_staleAfterMs(staleAfterMs) {}

DrillSessionHost::~DrillSessionHost() {
    std::lock_guard lock(m_mutex);
    for (auto& [id, s] : m_served) {
        m_registry.remove(id);
        s.session->setObserver(nullptr);
    }
}

void DrillSessionHost::opened(replay::Drill& drill) {
    session::Session& session = drill.session();
    Served s;
    s.fanout = std::make_unique<LiveFanOut>();
    s.publisher = std::make_unique<LivePublisher>(*s.fanout, m_staleAfterMs,
                                                  [&session] { return session.now(); });
    s.session = &session;
    session::CommitObserver* extra = m_extra ? m_extra(drill) : nullptr;
    if (extra) {
        s.observers = std::make_unique<session::ObserverList>(
            std::vector<session::CommitObserver*>{s.publisher.get(), extra});
        session.setObserver(s.observers.get());
    } else {
        session.setObserver(s.publisher.get());
    }
    m_registry.add(drill.info().id, {&session, s.fanout.get()});
    std::lock_guard lock(m_mutex);
    m_served[drill.info().id] = std::move(s);
}

void DrillSessionHost::ended(replay::Drill& drill) {
    m_registry.remove(drill.info().id);
    std::lock_guard lock(m_mutex);
    auto it = m_served.find(drill.info().id);
    if (it != m_served.end()) {
        // Consoles still watching are told and closed: after every item already queued.
        auto item = std::make_shared<LiveItem>();
        item->seq = std::numeric_limits<std::uint64_t>::max();
        item->ended = "drill " + drill.info().id + " ended";
        LiveFanOut::Published p;
        p.item = std::move(item);
        it->second.fanout->publish({std::move(p)});
        m_ended.push_back(std::move(it->second));
        m_served.erase(it);
    }
}

JobQueue::JobQueue() : m_thread([this] { run(); }) {}

JobQueue::~JobQueue() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void JobQueue::post(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_cv.notify_one();
}

void JobQueue::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_cv.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty()) {
            return;  // stopping, everything posted is done
        }
        auto job = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
}

void toProto(const replay::Playback& p, const std::string& drillId, pb::PlaybackState* out) {
    out->set_drill_id(drillId);
    out->set_playing(p.playing);
    out->set_speed(p.speed);
    toProto(p.drillTimeMs, out->mutable_drill_time());
    toProto(p.startMs, out->mutable_start());
    toProto(p.endMs, out->mutable_end());
    out->set_at_end(p.atEnd);
    out->set_controller(p.controller);
    for (const auto& h : p.handOvers) {
        pb::HandOverInfo* o = out->add_hand_overs();
        o->set_incident_id(h.incidentId);
        toProto(h.sinceMs, o->mutable_since());
        o->set_by(h.by);
    }
}

void toProto(replay::Drill& drill, pb::DrillInfo* out) {
    const replay::DrillInfo& info = drill.info();
    out->set_id(info.id);
    out->set_name(info.name);
    out->set_source(info.source);
    out->set_created_by(info.createdBy);
    toProto(info.createdAtMs, out->mutable_created());
    out->set_events(drill.timeline().eventCount());
    for (const auto& m : drill.timeline().incidents()) {
        pb::IncidentMark* o = out->add_incidents();
        o->set_incident_id(m.id);
        o->set_type(m.type);
        o->set_level(m.level);
        o->set_city(m.city);
        toProto(m.alarmMs, o->mutable_alarm());
    }
    toProto(drill.playback(), info.id, out->mutable_playback());
}

core::Result<std::set<std::string>> loadInstructors(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return core::invalidArgument("instructors file " + path + ": cannot be read");
    }
    std::set<std::string> ids;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream fields(line);
        std::string id, extra;
        if (!(fields >> id))
            continue;
        if (fields >> extra) {
            return core::invalidArgument("instructors file " + path + ": line " +
                                         std::to_string(lineNo) +
                                         ": expected one operator id per line");
        }
        ids.insert(id);
    }
    return ids;
}

DrillService::DrillService(replay::DrillManager& drills, Authenticator auth,
                           std::filesystem::path scenarioDir)
    : m_drills(drills), m_auth(std::move(auth)), m_scenarioDir(std::move(scenarioDir)) {}

namespace {
constexpr std::size_t kMaxScenarioBytes = 4UL * 1024 * 1024;

core::Result<std::string> readText(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) {
        return core::notFound("scenario file " + file.filename().string() + ": cannot be read");
    }
    if (size > kMaxScenarioBytes) {
        return core::invalidArgument("scenario file " + file.filename().string() +
                                     ": larger than 4 MB");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool validScenarioId(const std::string& id) {
    return !id.empty() && id.size() <= 100 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}
}  // namespace

core::Result<replay::Scenario> DrillService::scenarioFrom(const pb::ScenarioSource& source) const {
    std::string text;
    if (source.has_bundled_id()) {
        if (!validScenarioId(source.bundled_id())) {
            return core::invalidArgument("scenario.bundled_id: \"" + source.bundled_id() +
                                         "\" is not a scenario id (a-z, 0-9, - and _)");
        }
        auto read = readText(m_scenarioDir / (source.bundled_id() + ".json"));
        if (!read) {
            return core::notFound("scenario.bundled_id: no bundled scenario \"" +
                                  source.bundled_id() + "\"");
        }
        text = std::move(read).value();
    } else if (source.has_content()) {
        if (source.content().size() > kMaxScenarioBytes) {
            return core::invalidArgument("scenario.content: larger than 4 MB");
        }
        text = source.content();
    } else {
        return core::invalidArgument("scenario: a bundled_id or the file's content is required");
    }
    return replay::parseScenario(text);
}

grpc::ServerUnaryReactor* DrillService::ListScenarios(grpc::CallbackServerContext* ctx,
                                                      const pb::ListScenariosRequest*,
                                                      pb::ListScenariosReply* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(m_scenarioDir, ec)) {
        if (e.path().extension() == ".json")
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        auto text = readText(file);
        auto scenario =
            text ? replay::parseScenario(*text) : core::Result<replay::Scenario>(text.error());
        if (!scenario) {
            out->add_problems(file.filename().string() + ": " + scenario.error().message);
            continue;
        }
        if (scenario->id + ".json" != file.filename().string()) {
            out->add_problems(file.filename().string() + ": its id is \"" + scenario->id +
                              "\"; the file must be named after it");
            continue;
        }
        pb::ScenarioSummary* s = out->add_scenarios();
        s->set_id(scenario->id);
        s->set_title_zh(scenario->titleZh);
        s->set_title_en(scenario->titleEn);
        s->set_constructed_for_training(scenario->constructedForTraining);
        toProto(scenario->startMs, s->mutable_start());
        toProto(scenario->endMs, s->mutable_end());
        s->set_incidents(static_cast<std::uint32_t>(scenario->incidents.size()));
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

std::string DrillService::rpc(const char* method) {
    return rpcName(pb::Drills::service_full_name(), method);
}

grpc::ServerUnaryReactor* DrillService::CreateDrill(grpc::CallbackServerContext* ctx,
                                                    const pb::CreateDrillRequest* req,
                                                    pb::DrillInfo* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    int open = 0;
    for (const auto& d : m_drills.list()) {
        if (d->info().createdBy == who->operatorId)
            ++open;
    }
    if (auto st = m_auth.checkDrillCap(*who, open); !st) {
        m_auth.recordError(*who, rpc(__func__), st.error());
        reactor->Finish(toGrpc(st.error()));
        return reactor;
    }
    m_auth.record(*who, rpc(__func__), grpc::Status::OK, req->name());
    if (req->name().size() > core::kMaxShortTextBytes) {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT, "name: at most 256 bytes"});
        return reactor;
    }
    if (req->has_scenario()) {
        auto scenario = scenarioFrom(req->scenario());
        if (!scenario) {
            reactor->Finish(toGrpc(scenario.error()));
            return reactor;
        }
        m_createJobs.post([this, reactor, out, name = req->name(), by = who->operatorId,
                           scenario = std::move(scenario).value()] {
            auto drill = m_drills.createFromScenario(scenario, name, by);
            if (!drill) {
                reactor->Finish(toGrpc(drill.error()));
                return;
            }
            toProto(**drill, out);
            reactor->Finish(grpc::Status::OK);
        });
        return reactor;
    }
    if (!req->has_range()) {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT,
                         "source: a time range of the live log or a scenario is required"});
        return reactor;
    }
    if (!req->range().has_from() || !req->range().has_to()) {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT, "range: from and to are required"});
        return reactor;
    }
    const core::TimeMs from = fromProto(req->range().from());
    const core::TimeMs to = fromProto(req->range().to());
    const std::string& name = req->name();
    const std::string& by = who->operatorId;
    m_createJobs.post([this, reactor, out, name, from, to, by] {
        auto drill = m_drills.createFromRange(name, from, to, by);
        if (!drill) {
            reactor->Finish(toGrpc(drill.error()));
            return;
        }
        toProto(**drill, out);
        reactor->Finish(grpc::Status::OK);
    });
    return reactor;
}

grpc::ServerUnaryReactor* DrillService::ListDrills(grpc::CallbackServerContext* ctx,
                                                   const pb::ListDrillsRequest*,
                                                   pb::ListDrillsReply* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    for (const auto& d : m_drills.list()) {
        toProto(*d, out->add_drills());
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* DrillService::control(grpc::CallbackServerContext* ctx,
                                                const std::string& method,
                                                const std::string& drillId, pb::PlaybackState* out,
                                                Control control,
                                                const std::optional<core::Error>& invalid) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, method);
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    if (invalid) {
        m_auth.recordError(*who, method, *invalid, drillId);
        reactor->Finish(toGrpc(*invalid));
        return reactor;
    }
    std::shared_ptr<replay::Drill> drill = m_drills.find(drillId);
    if (!drill) {
        reactor->Finish({grpc::StatusCode::NOT_FOUND, "drill_id: no drill \"" + drillId + "\""});
        return reactor;
    }
    const bool command = accessRules().at(method).command;
    m_controlJobs.post(
        [this, reactor, out, drill, control = std::move(control), caller = *who, method, command] {
            if (auto st = control(*drill, caller.operatorId); !st) {
                m_auth.recordError(caller, method, st.error(), drill->info().id);
                reactor->Finish(toGrpc(st.error()));
                return;
            }
            if (command)
                m_auth.record(caller, method, grpc::Status::OK, drill->info().id);
            toProto(drill->playback(), drill->info().id, out);
            reactor->Finish(grpc::Status::OK);
        });
    return reactor;
}

grpc::ServerUnaryReactor* DrillService::Play(grpc::CallbackServerContext* ctx,
                                             const pb::DrillRef* req, pb::PlaybackState* out) {
    return control(ctx, rpc(__func__), req->drill_id(), out,
                   [](replay::Drill& d, const std::string& by) { return d.play(by); });
}

grpc::ServerUnaryReactor* DrillService::Pause(grpc::CallbackServerContext* ctx,
                                              const pb::DrillRef* req, pb::PlaybackState* out) {
    return control(ctx, rpc(__func__), req->drill_id(), out,
                   [](replay::Drill& d, const std::string& by) { return d.pause(by); });
}

grpc::ServerUnaryReactor* DrillService::SetSpeed(grpc::CallbackServerContext* ctx,
                                                 const pb::SetSpeedRequest* req,
                                                 pb::PlaybackState* out) {
    const double speed = req->speed();
    return control(
        ctx, rpc(__func__), req->drill_id(), out,
        [speed](replay::Drill& d, const std::string& by) { return d.setSpeed(by, speed); });
}

grpc::ServerUnaryReactor* DrillService::Step(grpc::CallbackServerContext* ctx,
                                             const pb::StepRequest* req, pb::PlaybackState* out) {
    const core::TimeMs ms = req->step_ms();
    std::optional<core::Error> invalid;
    if (ms < 0)
        invalid = core::invalidArgument("step_ms: " + std::to_string(ms) +
                                        " is negative; seek to go back");
    return control(
        ctx, rpc(__func__), req->drill_id(), out,
        [ms](replay::Drill& d, const std::string& by) { return d.step(by, ms); }, invalid);
}

grpc::ServerUnaryReactor* DrillService::Seek(grpc::CallbackServerContext* ctx,
                                             const pb::SeekRequest* req, pb::PlaybackState* out) {
    std::optional<core::Error> invalid;
    if (!req->has_time())
        invalid = core::invalidArgument("time: required");
    const core::TimeMs t = fromProto(req->time());
    return control(
        ctx, rpc(__func__), req->drill_id(), out,
        [t](replay::Drill& d, const std::string& by) { return d.seek(by, t); }, invalid);
}

grpc::ServerUnaryReactor* DrillService::HandOver(grpc::CallbackServerContext* ctx,
                                                 const pb::HandOverRequest* req,
                                                 pb::PlaybackState* out) {
    const std::string& incident = req->incident_id();
    return control(
        ctx, rpc(__func__), req->drill_id(), out,
        [incident](replay::Drill& d, const std::string& by) { return d.handOver(by, incident); });
}

grpc::ServerUnaryReactor* DrillService::ReleaseControl(grpc::CallbackServerContext* ctx,
                                                       const pb::DrillRef* req,
                                                       pb::PlaybackState* out) {
    return control(ctx, rpc(__func__), req->drill_id(), out,
                   [](replay::Drill& d, const std::string& by) { return d.releaseControl(by); });
}

grpc::ServerUnaryReactor* DrillService::GetPlaybackState(grpc::CallbackServerContext* ctx,
                                                         const pb::DrillRef* req,
                                                         pb::PlaybackState* out) {
    // Renews the lease of its holder; anyone with the role may look.
    return control(ctx, rpc(__func__), req->drill_id(), out,
                   [](replay::Drill& d, const std::string& by) {
                       if (d.playback().controller == by) {
                           return d.holdControl(by);
                       }
                       return core::Status(core::Ok{});
                   });
}

namespace {
void runToProto(const replay::UnitRun& r, pb::UnitRun* out) {
    out->set_unit_id(r.unitId);
    out->set_callsign(r.callsign);
    toProto(r.dispatchedMs, out->mutable_dispatched());
    if (r.arrivedMs)
        toProto(*r.arrivedMs, out->mutable_arrived());
    out->set_modelled(r.modelled);
    out->set_by(r.by);
    out->set_capability(r.capability);
}

void reportToProto(const replay::AfterActionReport& r, pb::AfterActionReport* out) {
    out->set_drill_id(r.drill.id);
    for (const auto& c : r.incidents) {
        pb::IncidentComparison* o = out->add_incidents();
        o->set_incident_id(c.incidentId);
        o->set_type(c.type);
        o->set_level(c.level);
        o->set_city(c.city);
        o->set_address(c.address);
        toProto(c.alarmMs, o->mutable_alarm());
        for (const auto& u : c.actual)
            runToProto(u, o->add_actual());
        for (const auto& t : c.trainees) {
            pb::TraineeAttempt* a = o->add_trainees();
            toProto(t.handedOverMs, a->mutable_handed_over());
            a->set_instructor(t.instructor);
            for (const auto& u : t.dispatched)
                runToProto(u, a->add_dispatched());
            for (const auto& e : t.escalations)
                a->add_escalations(e);
        }
        for (const auto& u : c.recommended)
            runToProto(u, o->add_recommended());
        for (const auto& n : c.recommendationNotes)
            o->add_recommendation_notes(n);
    }
}
}  // namespace

grpc::ServerUnaryReactor* DrillService::GetAfterActionReport(grpc::CallbackServerContext* ctx,
                                                             const pb::AfterActionRequest* req,
                                                             pb::AfterActionReport* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    const std::string& format = req->format();
    if (!format.empty() && format != "html" && format != "csv") {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT,
                         "format: \"" + format + "\" is not html, csv or empty"});
        return reactor;
    }
    std::shared_ptr<replay::Drill> drill = m_drills.find(req->drill_id());
    if (!drill) {
        reactor->Finish(
            {grpc::StatusCode::NOT_FOUND, "drill_id: no drill \"" + req->drill_id() + "\""});
        return reactor;
    }
    m_createJobs.post([this, reactor, out, drill, format] {
        auto report =
            replay::buildAfterAction(*drill, m_drills.afterActionModels(), session::systemNowMs());
        if (!report) {
            reactor->Finish(toGrpc(report.error()));
            return;
        }
        reportToProto(*report, out);
        if (format == "html") {
            out->set_file_name(drill->info().id + "-after-action.html");
            out->set_content_type("text/html; charset=utf-8");
            out->set_content(replay::toHtml(*report));
        } else if (format == "csv") {
            out->set_file_name(drill->info().id + "-after-action.csv");
            out->set_content_type("text/csv; charset=utf-8");
            out->set_content(replay::toCsv(*report));
        }
        reactor->Finish(grpc::Status::OK);
    });
    return reactor;
}

grpc::ServerUnaryReactor* DrillService::EndDrill(grpc::CallbackServerContext* ctx,
                                                 const pb::DrillRef* req, pb::EndDrillReply*) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return reactor;
    }
    std::shared_ptr<replay::Drill> drill = m_drills.find(req->drill_id());
    if (!drill) {
        reactor->Finish(
            {grpc::StatusCode::NOT_FOUND, "drill_id: no drill \"" + req->drill_id() + "\""});
        return reactor;
    }
    const std::string by = who->operatorId;
    m_controlJobs.post([this, reactor, drill, by] {
        // Ending is a playback control: the lease holder's, or anyone's when it is free.
        if (auto st = drill->holdControl(by); !st) {
            reactor->Finish(toGrpc(st.error()));
            return;
        }
        auto st = m_drills.end(drill->info().id);
        reactor->Finish(st ? grpc::Status::OK : toGrpc(st.error()));
    });
    return reactor;
}

}  // namespace flameblue::api
