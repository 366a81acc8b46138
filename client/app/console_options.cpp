#include "app/console_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSysInfo>
#include <QTimeZone>

#include <algorithm>

#include "common/net_address.h"

namespace flameblue::console {

namespace {

QString defaultOperator() {
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("operator") : user;
}

// `program` is argv[0]: options are parsed before the application object exists, so that
// --help and mistakes need no display.
QString defaultBasemap(const QString& program) {
    if (const QString env = qEnvironmentVariable("FLAMEBLUE_DATA_DIR"); !env.isEmpty()) {
        return QDir(env).filePath(QStringLiteral("basemap"));
    }
    // An installed console finds its data next to the program; a build tree uses the source's.
    QString programDir = QFileInfo(program).absolutePath();
    if (!program.contains(QLatin1Char('/')) && QCoreApplication::instance()) {
        programDir = QCoreApplication::applicationDirPath();  // found through $PATH
    }
    const QString installed =
        QDir(programDir).filePath(QStringLiteral("../share/flameblue/basemap"));
    if (QFileInfo::exists(installed)) {
        return QDir::cleanPath(installed);
    }
#ifdef FLAMEBLUE_DEFAULT_BASEMAP_DIR
    return QStringLiteral(FLAMEBLUE_DEFAULT_BASEMAP_DIR);
#else
    return QStringLiteral("data/basemap");
#endif
}

// The local operator's token as a server started with its defaults writes it:
// $XDG_STATE_HOME/flameblue/token, else ~/.local/state/flameblue/token.
QString localTokenFile() {
    const QString xdg = qEnvironmentVariable("XDG_STATE_HOME");
    const QString base = xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/state") : xdg;
    return base + QStringLiteral("/flameblue/token");
}

// Reads a small text file the console needs (certificate, token); nullopt with `error` set.
std::optional<QString> readSmallFile(const QString& option, const QString& path, QString* error) {
    constexpr qint64 kMaxBytes = qint64{1024} * 1024;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 %2: cannot be read (%3)").arg(option, path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxBytes) {
        *error = QStringLiteral("%1 %2: larger than 1 MiB").arg(option, path);
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
}

bool validHostPort(const QString& address) {
    const int colon = static_cast<int>(address.lastIndexOf(QLatin1Char(':')));
    if (colon <= 0) {
        return false;
    }
    bool ok = false;
    const int port = address.mid(colon + 1).toInt(&ok);
    return ok && port > 0 && port < 65536;
}

}  // namespace

QStringList supportedLanguages() {
    return {QStringLiteral("zh_CN"), QStringLiteral("en")};
}

QString languageForLocale(const QString& localeName) {
    return localeName.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN")
                                                      : QStringLiteral("en");
}

std::optional<ConsoleOptions> parseConsoleOptions(const QStringList& arguments, QString* error,
                                                  QString* helpText) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Flameblue operator console: the province live on a map, incidents from alarm to "
        "dispatch."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Print this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Print the version and exit."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Dispatch server address (default 127.0.0.1:50051). Several servers of "
                       "one log, comma-separated, are tried in order: when the one in use "
                       "fails the console moves to the next and resumes where it was."),
        QStringLiteral("HOST:PORT[,HOST:PORT...]"), QStringLiteral("127.0.0.1:50051"));
    const QCommandLineOption op(
        QStringLiteral("operator"),
        QStringLiteral("Operator name written into every command's audit trail (default $USER)."),
        QStringLiteral("NAME"));
    const QCommandLineOption console(QStringLiteral("console"),
                                     QStringLiteral("Console name (default console@HOSTNAME)."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QStringLiteral("Display language: zh_CN or en (default from the locale)."),
        QStringLiteral("LANG"));
    const QCommandLineOption basemap(
        QStringLiteral("basemap"),
        QStringLiteral("Folder of the base map GeoJSON files (default: the bundled data/basemap)."),
        QStringLiteral("DIR"));
    const QCommandLineOption tiles(
        QStringLiteral("tiles"),
        QStringLiteral("Optional raster tiles: an XYZ folder, an .mbtiles file or a URL template."),
        QStringLiteral("SOURCE"));
    const QCommandLineOption session(
        QStringLiteral("session"), QStringLiteral("Session to join: live (default) or a drill id."),
        QStringLiteral("ID"));
    const QCommandLineOption timeZone(
        QStringLiteral("time-zone"),
        QStringLiteral("Time zone every time is shown in, as an IANA name (default "
                       "Asia/Shanghai, China Standard Time), whatever the workstation's zone."),
        QStringLiteral("ZONE"), QStringLiteral("Asia/Shanghai"));
    const QCommandLineOption reportStartup(
        QStringLiteral("report-startup"),
        QStringLiteral("Print one line to stdout when the province map is first fully drawn "
                       "(snapshot, base map and live layers on screen), with the time since "
                       "the process started and its memory."));
    const QCommandLineOption tls(
        QStringLiteral("tls"),
        QStringLiteral("Connect with TLS, trusting the system's CA certificates (required when the "
                       "server is not on loopback)."));
    const QCommandLineOption caCert(
        QStringLiteral("ca-cert"),
        QStringLiteral(
            "PEM CA certificate(s) that signed the server's certificate (implies --tls)."),
        QStringLiteral("FILE"));
    const QCommandLineOption serverName(
        QStringLiteral("tls-server-name"),
        QStringLiteral("The name in the server's certificate, when it is not HOST of --server."),
        QStringLiteral("NAME"));
    const QCommandLineOption tokenFile(
        QStringLiteral("token-file"),
        QStringLiteral("File holding the operator's token (default: $FLAMEBLUE_TOKEN, else on "
                       "loopback without TLS the local server's token file); sent as "
                       "\"authorization: Bearer <token>\"."),
        QStringLiteral("FILE"));
    const QCommandLineOption instructor(
        QStringLiteral("instructor"),
        QStringLiteral("In a drill session: show the instructor's drill bar (the server checks "
                       "the role)."));
    parser.addOptions({help, version, server, op, console, lang, basemap, tiles, session, timeZone,
                       reportStartup, tls, caCert, serverName, tokenFile, instructor});

    if (helpText) {
        *helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                              QStringLiteral("flameblue-console"));
    }
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument \"%1\" (see --help)")
                     .arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }

    ConsoleOptions o;
    o.showHelp = parser.isSet(help);
    o.showVersion = parser.isSet(version);
    o.reportStartup = parser.isSet(reportStartup);
    o.servers.clear();
    for (const QString& part : parser.value(server).split(QLatin1Char(','))) {
        const QString address = part.trimmed();
        if (!validHostPort(address)) {
            *error = QStringLiteral("--server %1: expected HOST:PORT").arg(address);
            return std::nullopt;
        }
        if (o.servers.contains(address)) {
            *error = QStringLiteral("--server %1: given twice").arg(address);
            return std::nullopt;
        }
        o.servers.append(address);
    }
    o.server = o.servers.constFirst();
    o.operatorName = parser.isSet(op) ? parser.value(op) : defaultOperator();
    if (o.operatorName.trimmed().isEmpty() || o.operatorName.size() > 64) {
        *error = QStringLiteral("--operator: expected a name of 1 to 64 characters");
        return std::nullopt;
    }
    o.consoleName = parser.isSet(console)
                        ? parser.value(console)
                        : QStringLiteral("console@") + QSysInfo::machineHostName();
    o.language =
        parser.isSet(lang) ? parser.value(lang) : languageForLocale(QLocale::system().name());
    if (!supportedLanguages().contains(o.language)) {
        *error = QStringLiteral("--lang %1: expected one of %2")
                     .arg(o.language, supportedLanguages().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    o.basemapDirectory =
        parser.isSet(basemap) ? parser.value(basemap) : defaultBasemap(arguments.value(0));
    o.tileSource = parser.value(tiles);
    o.session = parser.value(session);
    o.instructor = parser.isSet(instructor);
    o.timeZone = parser.value(timeZone);
    if (!QTimeZone(o.timeZone.toUtf8()).isValid()) {
        *error = QStringLiteral(
                     "--time-zone %1: not a time zone this system knows (expected an "
                     "IANA name such as Asia/Shanghai)")
                     .arg(o.timeZone);
        return std::nullopt;
    }
    if (parser.isSet(caCert)) {
        auto pem = readSmallFile(QStringLiteral("--ca-cert"), parser.value(caCert), error);
        if (!pem) {
            return std::nullopt;
        }
        if (!pem->contains(QLatin1String("-----BEGIN CERTIFICATE-----"))) {
            *error =
                QStringLiteral("--ca-cert %1: no PEM certificate in it").arg(parser.value(caCert));
            return std::nullopt;
        }
        o.caCertificatesPem = *pem;
    }
    o.tls = parser.isSet(tls) || parser.isSet(caCert);
    o.tlsServerName = parser.value(serverName);
    if (!o.tlsServerName.isEmpty() && !o.tls) {
        *error = QStringLiteral("--tls-server-name needs --tls or --ca-cert");
        return std::nullopt;
    }
    if (parser.isSet(tokenFile)) {
        auto token = readSmallFile(QStringLiteral("--token-file"), parser.value(tokenFile), error);
        if (!token) {
            return std::nullopt;
        }
        o.token = token->section(QLatin1Char('\n'), 0, 0).trimmed();
        if (o.token.isEmpty()) {
            *error = QStringLiteral("--token-file %1: the first line is empty")
                         .arg(parser.value(tokenFile));
            return std::nullopt;
        }
    } else {
        o.token = qEnvironmentVariable("FLAMEBLUE_TOKEN").trimmed();
    }
    // A server on this machine started with its defaults keeps the local operator's token in
    // its state directory: a plain loopback console uses it when given no other.
    const bool allLoopback =
        std::all_of(o.servers.cbegin(), o.servers.cend(),
                    [](const QString& a) { return common::isLoopbackAddress(a.toStdString()); });
    if (o.token.isEmpty() && !o.tls && allLoopback) {
        QFile local(localTokenFile());
        if (local.open(QIODevice::ReadOnly)) {
            o.token = QString::fromLatin1(local.readLine(1024)).trimmed();
        }
    }
    for (const QChar c : std::as_const(o.token)) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F) {
            *error = QStringLiteral("the operator token must be printable ASCII without spaces");
            return std::nullopt;
        }
    }
    // A bearer token in clear text would be readable by anyone on the path.
    const auto offLoopback =
        std::find_if(o.servers.cbegin(), o.servers.cend(),
                     [](const QString& a) { return !common::isLoopbackAddress(a.toStdString()); });
    if (!o.token.isEmpty() && !o.tls && offLoopback != o.servers.cend()) {
        *error = QStringLiteral("--server %1: sending a token needs TLS (--ca-cert or --tls)")
                     .arg(*offLoopback);
        return std::nullopt;
    }
    return o;
}

}  // namespace flameblue::console
