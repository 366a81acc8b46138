// The console's command line.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace flameblue::console {

struct ConsoleOptions {
    QString server = QStringLiteral("127.0.0.1:50051");  // the server to start with
    // Servers of one log in fail-over order (--server a:50051,b:50051); `server` is the first.
    // Entries equal to `server` are skipped, so code that sets only `server` gets no fail-over.
    QStringList servers = {QStringLiteral("127.0.0.1:50051")};
    QString operatorName;
    QString consoleName;
    QString language;  // "zh_CN" or "en"
    QString basemapDirectory;
    QString tileSource;       // optional raster tiles: XYZ folder, MBTiles file or URL template
    QString session;          // empty: live
    bool instructor = false;  // drill bar (the server checks the role)
    // The zone every time is shown in (IANA name), whatever the workstation's zone.
    QString timeZone = QStringLiteral("Asia/Shanghai");
    // TLS to the server (required off loopback): the PEM roots to trust (empty: the system's)
    // and the name in the server's certificate when it is not the address's host.
    bool tls = false;
    QString caCertificatesPem;
    QString tlsServerName;
    // The operator's token (from --token-file or $FLAMEBLUE_TOKEN; on loopback without TLS the
    // token file of a server started with its defaults, when there is one), sent as a bearer
    // token.
    QString token;
    // Print a line when the province is first fully drawn (start-up measurements).
    bool reportStartup = false;
    bool showHelp = false;
    bool showVersion = false;
};

// Parses `arguments` (argv, program name first). Returns nullopt with `error` set when an
// option is malformed; `helpText` receives the usage text either way.
std::optional<ConsoleOptions> parseConsoleOptions(const QStringList& arguments, QString* error,
                                                  QString* helpText = nullptr);

// The languages the console ships, and the one to start in for a locale name ("zh_CN").
QStringList supportedLanguages();
QString languageForLocale(const QString& localeName);

}  // namespace flameblue::console
