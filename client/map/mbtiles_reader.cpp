#include "map/mbtiles_reader.h"

#include <sqlite3.h>

#include <utility>

namespace flameblue::map {

MbTilesReader::MbTilesReader(QString path) : m_path(std::move(path)) {}

MbTilesReader::~MbTilesReader() {
    if (m_db != nullptr) {
        sqlite3_close(m_db);
    }
}

QString MbTilesReader::error() const {
    const std::lock_guard lock(m_mutex);
    return m_error;
}

QByteArray MbTilesReader::read(int z, int x, int y) {
    const std::lock_guard lock(m_mutex);
    if (m_db == nullptr && !m_openFailed) {
        const QByteArray path = m_path.toUtf8();
        if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            m_error = QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(sqlite3_errmsg(m_db)));
            sqlite3_close(m_db);
            m_db = nullptr;
            m_openFailed = true;
        }
    }
    if (m_db == nullptr) {
        return {};
    }
    sqlite3_stmt* statement = nullptr;
    const char* sql =
        "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3";
    if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        m_error = QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(sqlite3_errmsg(m_db)));
        return {};
    }
    // MBTiles rows count from the south (TMS).
    const int tmsRow = (1 << z) - 1 - y;
    sqlite3_bind_int(statement, 1, z);
    sqlite3_bind_int(statement, 2, x);
    sqlite3_bind_int(statement, 3, tmsRow);
    QByteArray data;
    if (sqlite3_step(statement) == SQLITE_ROW) {
        const void* blob = sqlite3_column_blob(statement, 0);
        const int size = sqlite3_column_bytes(statement, 0);
        data = QByteArray(static_cast<const char*>(blob), size);
    }
    sqlite3_finalize(statement);
    return data;
}

}  // namespace flameblue::map
