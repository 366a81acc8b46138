// The unit status board's view of a UnitListModel: filtered by city, status, capability and
// free text (callsign, name, station), sorted by station and callsign.
#pragma once

#include <QSortFilterProxyModel>

namespace flameblue::console {

class UnitFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    Q_PROPERTY(QString city READ city WRITE setCity NOTIFY filterChanged)
    Q_PROPERTY(int status READ status WRITE setStatus NOTIFY filterChanged)
    Q_PROPERTY(QString capability READ capability WRITE setCapability NOTIFY filterChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit UnitFilterModel(QObject* parent = nullptr);

    QString city() const { return m_city; }
    void setCity(const QString& city);
    // 0: every status.
    int status() const { return m_status; }
    void setStatus(int status);
    QString capability() const { return m_capability; }
    void setCapability(const QString& capability);
    QString text() const { return m_text; }
    void setText(const QString& text);
    int count() const { return rowCount(); }

    Q_INVOKABLE QString idAt(int row) const;

Q_SIGNALS:
    void filterChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refilter();

    QString m_city;
    int m_status = 0;
    QString m_capability;
    QString m_text;
};

}  // namespace flameblue::console
