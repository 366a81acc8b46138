// What every list model needs besides its own rows: the display language, the vocabularies,
// the server's clock and the trust limit for position fixes. Owned by ConsoleState.
#pragma once

#include <QDateTime>
#include <QString>

#include <google/protobuf/timestamp.pb.h>

#include <string>

namespace flameblue::console {

class Catalog;

struct ModelContext {
    bool english = false;
    const Catalog* catalog = nullptr;
    qint64 nowMs = 0;               // the server's clock, as well as we know it
    qint64 staleAfterMs = 300'000;  // a fix older than this is not trusted

    // The name in the display language, or the other one when that is empty.
    QString pick(const std::string& zh, const std::string& en) const {
        const std::string& first = english ? en : zh;
        return QString::fromStdString(first.empty() ? (english ? zh : en) : first);
    }
};

inline qint64 toMs(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}

// An unset proto timestamp becomes an invalid QDateTime (QML shows it as missing).
inline QDateTime toDateTime(bool present, const google::protobuf::Timestamp& t) {
    return present ? QDateTime::fromMSecsSinceEpoch(toMs(t)) : QDateTime();
}

}  // namespace flameblue::console
