// DispatchConnection's commands and queries: unary calls whose outcome reaches the Qt thread
// as signals carrying the server's reason.
#include <QMetaObject>

#include "net/dispatch_connection.h"
#include "net/dispatch_connection_net.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

void DispatchConnection::failLater(int requestId, const QString& command, const QString& message) {
    QMetaObject::invokeMethod(
        this,
        [this, requestId, command, message] {
            Q_EMIT commandFailed(requestId, command, grpc::StatusCode::UNAVAILABLE, message);
        },
        Qt::QueuedConnection);
}

template <typename Request, typename Method>
int DispatchConnection::sendCommand(const char* name, Request request, Method method) {
    const int requestId = ++m_nextRequestId;
    const QString command = QString::fromLatin1(name);
    if (!m_net->stub) {
        failLater(requestId, command, tr("not connected to a server"));
        return requestId;
    }
    request.mutable_session()->set_id(m_sessionId.toStdString());
    auto done = [this, requestId, command](const grpc::Status& status, pb::CommandReply&& reply) {
        if (!status.ok()) {
            Q_EMIT commandFailed(requestId, command, status.error_code(), statusMessage(status));
            return;
        }
        QStringList units;
        for (const pb::Unit& u : reply.units()) {
            units.append(QString::fromStdString(u.id()));
        }
        Q_EMIT commandSucceeded(requestId, command, QString::fromStdString(reply.incident().id()),
                                units);
    };
    startUnaryCall<Request, pb::CommandReply>(m_net->stub, m_poster, method, std::move(request),
                                              m_net->metadata, m_settings.commandDeadline,
                                              std::function(std::move(done)));
    return requestId;
}

// Each command names its RPC once; the lambda picks the callback overload of the stub.
#define FLAMEBLUE_RPC(Name)                                                     \
    [](auto* async, auto* context, auto* request, auto* reply, auto callback) { \
        async->Name(context, request, reply, std::move(callback));              \
    }

int DispatchConnection::createIncident(const QString& type, int level, double latitude,
                                       double longitude, const QString& address,
                                       const QString& description) {
    pb::CreateIncidentRequest request;
    request.set_type(type.toStdString());
    request.set_level(level);
    request.mutable_position()->set_lat(latitude);
    request.mutable_position()->set_lon(longitude);
    request.set_address(address.toStdString());
    request.set_description(description.toStdString());
    return sendCommand("CreateIncident", std::move(request), FLAMEBLUE_RPC(CreateIncident));
}

int DispatchConnection::updateIncident(const QString& incidentId, const IncidentChanges& changes) {
    pb::UpdateIncidentRequest request;
    request.set_incident_id(incidentId.toStdString());
    if (changes.type) {
        request.set_type(changes.type->toStdString());
    }
    if (changes.level) {
        request.set_level(*changes.level);
    }
    if (changes.address) {
        request.set_address(changes.address->toStdString());
    }
    if (changes.description) {
        request.set_description(changes.description->toStdString());
    }
    return sendCommand("UpdateIncident", std::move(request), FLAMEBLUE_RPC(UpdateIncident));
}

int DispatchConnection::setIncidentStatus(const QString& incidentId, int status) {
    pb::SetIncidentStatusRequest request;
    request.set_incident_id(incidentId.toStdString());
    request.set_status(static_cast<pb::IncidentStatus>(status));
    return sendCommand("SetIncidentStatus", std::move(request), FLAMEBLUE_RPC(SetIncidentStatus));
}

int DispatchConnection::addNote(const QString& incidentId, const QString& text) {
    pb::AddNoteRequest request;
    request.set_incident_id(incidentId.toStdString());
    request.set_text(text.toStdString());
    return sendCommand("AddNote", std::move(request), FLAMEBLUE_RPC(AddNote));
}

int DispatchConnection::dispatchUnits(const QString& incidentId, const QStringList& unitIds) {
    pb::DispatchUnitsRequest request;
    request.set_incident_id(incidentId.toStdString());
    for (const QString& id : unitIds) {
        request.add_unit_ids(id.toStdString());
    }
    return sendCommand("DispatchUnits", std::move(request), FLAMEBLUE_RPC(DispatchUnits));
}

int DispatchConnection::releaseUnits(const QString& incidentId, const QStringList& unitIds) {
    pb::ReleaseUnitsRequest request;
    request.set_incident_id(incidentId.toStdString());
    for (const QString& id : unitIds) {
        request.add_unit_ids(id.toStdString());
    }
    return sendCommand("ReleaseUnits", std::move(request), FLAMEBLUE_RPC(ReleaseUnits));
}

int DispatchConnection::setUnitStatus(const QString& unitId, int status,
                                      std::optional<int> staffing) {
    pb::SetUnitStatusRequest request;
    request.set_unit_id(unitId.toStdString());
    request.set_status(static_cast<pb::UnitStatus>(status));
    if (staffing) {
        request.set_staffing(*staffing);
    }
    return sendCommand("SetUnitStatus", std::move(request), FLAMEBLUE_RPC(SetUnitStatus));
}

void DispatchConnection::fetchCatalog() {
    if (!m_net->stub) {
        return;
    }
    startUnaryCall<pb::GetCatalogRequest, pb::Catalog>(
        m_net->stub, m_poster, FLAMEBLUE_RPC(GetCatalog), pb::GetCatalogRequest{}, m_net->metadata,
        m_settings.commandDeadline,
        std::function([this](const grpc::Status& status, pb::Catalog&& catalog) {
            if (!status.ok()) {
                // Asked again on the next connection; names fall back to ids meanwhile.
                return;
            }
            Q_EMIT catalogReceived(catalog);
        }));
}

int DispatchConnection::recommend(const QString& incidentId, int level) {
    const int requestId = ++m_nextRequestId;
    if (!m_net->stub) {
        QMetaObject::invokeMethod(
            this,
            [this, requestId] {
                Q_EMIT recommendationFailed(requestId, grpc::StatusCode::UNAVAILABLE,
                                            tr("not connected to a server"));
            },
            Qt::QueuedConnection);
        return requestId;
    }
    pb::RecommendRequest request;
    request.mutable_session()->set_id(m_sessionId.toStdString());
    request.set_incident_id(incidentId.toStdString());
    request.set_level(level);
    startUnaryCall<pb::RecommendRequest, pb::Recommendation>(
        m_net->stub, m_poster, FLAMEBLUE_RPC(Recommend), std::move(request), m_net->metadata,
        m_settings.commandDeadline,
        std::function([this, requestId](const grpc::Status& status, pb::Recommendation&& reply) {
            if (!status.ok()) {
                Q_EMIT recommendationFailed(requestId, status.error_code(), statusMessage(status));
                return;
            }
            Q_EMIT recommendationReceived(requestId, reply);
        }));
    return requestId;
}

#undef FLAMEBLUE_RPC

}  // namespace flameblue::console
