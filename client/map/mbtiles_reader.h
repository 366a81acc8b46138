// Reads tiles from an MBTiles file (SQLite, TMS row order) through libsqlite3 directly:
// Qt Sql connections are bound to one thread and this reader is used from a worker.
#pragma once

#include <QByteArray>
#include <QString>

#include <mutex>

struct sqlite3;

namespace flameblue::map {

class MbTilesReader {
public:
    explicit MbTilesReader(QString path);
    ~MbTilesReader();
    MbTilesReader(const MbTilesReader&) = delete;
    MbTilesReader& operator=(const MbTilesReader&) = delete;

    // The encoded image of XYZ tile (z, x, y), or empty. Opens the file on first use.
    QByteArray read(int z, int x, int y);
    QString error() const;

private:
    QString m_path;
    mutable std::mutex m_mutex;
    sqlite3* m_db = nullptr;
    bool m_openFailed = false;
    QString m_error;
};

}  // namespace flameblue::map
