#pragma once

#include <QString>

namespace flameblue::console {

// How every part of the console reaches the server and says who it is: the address, TLS and the
// operator's token are the same for the dispatch stream, the aviation calls and the drill bar.
struct ServerLink {
    QString address = QStringLiteral("127.0.0.1:50051");
    QString operatorName;
    QString consoleName;
    // TLS: off unless `tls`; the PEM roots to trust (empty: the system's), and the name the
    // server's certificate must carry when it differs from the address's host.
    bool tls = false;
    QString caCertificatesPem;
    QString tlsServerName;
    // Sent as "authorization: Bearer <token>" when not empty.
    QString token;
};

}  // namespace flameblue::console
