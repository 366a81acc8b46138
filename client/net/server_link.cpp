#include <QByteArray>
#include <QUrl>

#include <algorithm>

#include "net/server_link_net.h"

namespace flameblue::console {

std::string metadataValue(const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7F && c != '%';
    });
    return plain ? utf8.toStdString() : QUrl::toPercentEncoding(text, " ").toStdString();
}

Metadata identityMetadata(const ServerLink& link) {
    Metadata m = {{"x-flameblue-operator", metadataValue(link.operatorName)}};
    if (!link.consoleName.isEmpty())
        m.emplace_back("x-flameblue-console", metadataValue(link.consoleName));
    if (!link.token.isEmpty())
        m.emplace_back("authorization", "Bearer " + link.token.toStdString());
    return m;
}

std::shared_ptr<grpc::Channel> makeChannel(const ServerLink& link, grpc::ChannelArguments args) {
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (link.tls) {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = link.caCertificatesPem.toStdString();
        credentials = grpc::SslCredentials(ssl);
        if (!link.tlsServerName.isEmpty())
            args.SetSslTargetNameOverride(link.tlsServerName.toStdString());
    } else {
        credentials = grpc::InsecureChannelCredentials();
    }
    return grpc::CreateCustomChannel(link.address.toStdString(), credentials, args);
}

}  // namespace flameblue::console
