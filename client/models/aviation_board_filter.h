// The aircraft board as shown: all aircraft, or rotorcraft only.
#pragma once

#include <QSortFilterProxyModel>

namespace flameblue::console {

class AviationBoardFilter : public QSortFilterProxyModel {
    Q_OBJECT
    Q_PROPERTY(bool rotorcraftOnly READ rotorcraftOnly WRITE setRotorcraftOnly NOTIFY
                   rotorcraftOnlyChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit AviationBoardFilter(QObject* parent = nullptr);

    bool rotorcraftOnly() const { return m_rotorcraftOnly; }
    void setRotorcraftOnly(bool on);
    int count() const { return rowCount(); }
    // The aircraft id on a row of this view.
    Q_INVOKABLE QString aircraftIdAt(int row) const;

Q_SIGNALS:
    void rotorcraftOnlyChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_rotorcraftOnly = false;
};

}  // namespace flameblue::console
