// The recommended response to the selected incident, one row per run-card slot: the unit the
// server picked (or why none could be), its arrival time and how that was worked out, the
// alternatives, and the coverage the dispatch would leave. The dispatcher may drop picks
// before dispatching.
#pragma once

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

#include "flameblue/v1/recommend.pb.h"
#include "models/model_context.h"

namespace flameblue::console {

class StationListModel;
class UnitListModel;

class RecommendationModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString incidentId READ incidentId NOTIFY changed)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int filledSlots READ filledSlots NOTIFY changed)
    Q_PROPERTY(int shortfalls READ shortfalls NOTIFY changed)
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString coverageText READ coverageText NOTIFY changed)
    Q_PROPERTY(QStringList coverageGaps READ coverageGaps NOTIFY changed)
    Q_PROPERTY(QStringList unitIds READ unitIds NOTIFY changed)
    Q_PROPERTY(QStringList chosenUnitIds READ chosenUnitIds NOTIFY chosenChanged)

public:
    enum Role {
        SlotIndexRole = Qt::UserRole + 1,
        CapabilityRole,
        CapabilityNameRole,
        AirRole,
        NoteRole,
        UnitIdRole,
        CallsignRole,
        UnitNameRole,
        IsAircraftRole,
        EtaSecondsRole,
        EtaTextRole,
        EtaDetailRole,
        PositionSourceTextRole,
        ExplanationRole,
        LateRole,
        ShortfallRole,
        ShortfallTextRole,
        AlternativesTextRole,
        ChosenRole,
    };
    Q_ENUM(Role)

    explicit RecommendationModel(const ModelContext* context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A request went out for this incident: the old answer is no longer shown.
    void setLoading(const QString& incidentId);
    void setRecommendation(const flameblue::v1::Recommendation& recommendation);
    void setError(const QString& message);
    void clear();
    void refreshNames();

    // Leave a pick out of (or put it back into) the dispatch.
    Q_INVOKABLE void setChosen(int row, bool chosen);

    QString incidentId() const { return m_incidentId; }
    bool loaded() const { return m_loaded; }
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }
    int count() const { return rowCount(); }
    int filledSlots() const { return m_recommendation.filled_slots(); }
    int shortfalls() const { return m_recommendation.shortfalls(); }
    QString totalText() const;
    QString coverageText() const;
    QStringList coverageGaps() const;
    QStringList unitIds() const;
    QStringList chosenUnitIds() const;

    // "6 min 30 s": how dispatchers read arrival times.
    static QString durationText(double seconds);
    // "850 m", "4.2 km", "38 km".
    static QString distanceText(double meters);

    // Where callsigns and station names are looked up (the explanations name units and
    // stations by id).
    void setLookups(const UnitListModel* units, const UnitListModel* aircraft,
                    const StationListModel* stations);

Q_SIGNALS:
    void changed();
    void chosenChanged();

private:
    QString etaDetail(const flameblue::v1::TravelEstimate& eta) const;
    QString positionSourceText(const flameblue::v1::Candidate& candidate) const;
    QString alternativesText(const flameblue::v1::Slot& slot) const;
    // The explanations in the display language, composed from the structured fields (the
    // server's own texts are English): recommendation_texts.cpp.
    QString explanationText(const flameblue::v1::Slot& slot) const;
    QString shortfallText(const flameblue::v1::Slot& slot) const;
    QString gapText(const flameblue::v1::CoverageGap& gap, double circleSeconds) const;
    QString airText(const flameblue::v1::Candidate& pick) const;
    QString capabilityName(const std::string& capability) const;
    QString callsignOf(const std::string& unitId) const;
    QString stationNameOf(const std::string& stationId) const;
    QString listSeparator() const;
    QString sentenceSeparator() const;

    const ModelContext* m_context;
    QString m_incidentId;
    bool m_loaded = false;
    bool m_loading = false;
    QString m_error;
    flameblue::v1::Recommendation m_recommendation;
    std::vector<bool> m_chosen;
    const UnitListModel* m_units = nullptr;
    const UnitListModel* m_aircraft = nullptr;
    const StationListModel* m_stations = nullptr;
};

}  // namespace flameblue::console
