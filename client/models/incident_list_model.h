// Incidents, newest first: the incident list and the map's incident layer.
#pragma once

#include <QStringList>

#include "flameblue/v1/entities.pb.h"
#include "models/entity_list_model.h"
#include "models/map_roles.h"
#include "models/model_context.h"

namespace flameblue::console {

class IncidentListModel : public EntityListModel<flameblue::v1::Incident> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY countChanged)

public:
    enum Role {
        // Read by the map.
        ItemIdRole = map_roles::ItemId,
        LatitudeRole = map_roles::Latitude,
        LongitudeRole = map_roles::Longitude,
        StatusRole = map_roles::Status,
        HeadingDegRole = map_roles::HeadingDeg,
        CategoryRole = map_roles::Category,
        LabelRole = map_roles::Label,
        HighlightedRole = map_roles::Highlighted,
        LevelRole = map_roles::FirstModelRole,
        // Read by the list and the detail.
        TypeNameRole,
        StatusTextRole,
        AddressRole,
        DescriptionRole,
        CityRole,
        CityNameRole,
        ReceivedRole,
        FirstDispatchedRole,
        UnderControlRole,
        ClosedRole,
        ActiveUnitIdsRole,
        ActiveUnitCountRole,
        NoteCountRole,
        OpenRole,
    };
    Q_ENUM(Role)

    explicit IncidentListModel(const ModelContext* context, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setHighlighted(const QString& incidentId);
    QString highlighted() const { return QString::fromStdString(m_highlighted); }
    int openCount() const;

    Q_INVOKABLE QString statusText(int status) const;
    Q_INVOKABLE QString idAt(int row) const;
    Q_INVOKABLE int rowOfId(const QString& id) const { return rowOf(id); }
    // Units still committed (assigned and not released).
    static QStringList activeUnitIds(const flameblue::v1::Incident& incident);

    void refreshNames();

Q_SIGNALS:
    void countChanged();

protected:
    int insertPositionIn(const std::vector<flameblue::v1::Incident>& rows,
                         const flameblue::v1::Incident& incident) const override;

private:
    const ModelContext* m_context;
    std::string m_highlighted;
};

}  // namespace flameblue::console
