#include "models/aviation_board_filter.h"

#include "models/aviation_board_model.h"

namespace flameblue::console {

AviationBoardFilter::AviationBoardFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &AviationBoardFilter::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &AviationBoardFilter::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &AviationBoardFilter::countChanged);
}

void AviationBoardFilter::setRotorcraftOnly(bool on) {
    if (on == m_rotorcraftOnly)
        return;
    m_rotorcraftOnly = on;
    invalidateFilter();
    Q_EMIT rotorcraftOnlyChanged();
    Q_EMIT countChanged();
}

QString AviationBoardFilter::aircraftIdAt(int row) const {
    return data(index(row, 0), AviationBoardModel::AircraftIdRole).toString();
}

bool AviationBoardFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!m_rotorcraftOnly)
        return true;
    return sourceModel()
        ->data(sourceModel()->index(sourceRow, 0, sourceParent), AviationBoardModel::RotorcraftRole)
        .toBool();
}

}  // namespace flameblue::console
