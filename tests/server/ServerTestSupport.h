#pragma once

// Helpers shared by the server suites: request bodies, a raw HTTP client
// (for bytes QNetworkAccessManager will not send, and for another source
// address), and an ES256 check written with OpenSSL directly, independent of
// the server's own SigningKey.

#include "HttpTestClient.h"
#include "TestServer.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <sys/socket.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace appint::test {

inline QJsonArray roleList(std::initializer_list<QString> roleIds)
{
    QJsonArray roles;
    for (const QString& id : roleIds) {
        roles.append(QJsonObject{{QStringLiteral("role_id"), id}});
    }
    return roles;
}

inline QJsonObject technicalBody(const QString& name, const QString& userId,
                                 const QJsonArray& roles = roleList({QStringLiteral("DW_VIEWER")}))
{
    return QJsonObject{{QStringLiteral("client_name"), name},
                       {QStringLiteral("purpose"), QStringLiteral("technical")},
                       {QStringLiteral("user_id"), userId},
                       {QStringLiteral("roles"), roles}};
}

inline QJsonObject apiBody(const QString& name, const QStringList& access = {QStringLiteral("user_provisioning")})
{
    return QJsonObject{{QStringLiteral("client_name"), name},
                       {QStringLiteral("purpose"), QStringLiteral("api")},
                       {QStringLiteral("access"), QJsonArray::fromStringList(access)}};
}

inline QJsonObject interactiveBody(const QString& name,
                                   const QString& uri = QStringLiteral("https://app.example.com/callback"))
{
    return QJsonObject{{QStringLiteral("client_name"), name},
                       {QStringLiteral("purpose"), QStringLiteral("interactive")},
                       {QStringLiteral("redirect_uris"), QJsonArray{uri}}};
}

struct CreatedClient
{
    int status = 0;
    QString id;
    QString secret;
    QJsonObject json;
};

inline CreatedClient createClient(HttpTestClient& http, const TestServer& server, const QString& adminToken,
                                  const QJsonObject& body)
{
    const HttpTestReply reply = http.postJson(server.url(QStringLiteral("/api/v1/clients")), body, adminToken);
    CreatedClient created;
    created.status = reply.status;
    created.json = reply.object();
    created.id = created.json.value(QStringLiteral("client_id")).toString();
    created.secret = created.json.value(QStringLiteral("client_secret")).toString();
    return created;
}

inline QString adminToken(HttpTestClient& http, const TestServer& server)
{
    return http.token(server.tokenUrl(), server.adminClientId(), server.adminSecret());
}

// --- JWT

inline QByteArray base64UrlDecode(const QByteArray& text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Part 0 (header) or 1 (claims) of a compact JWS as JSON.
inline QJsonObject jwtPart(const QString& token, int index)
{
    return QJsonDocument::fromJson(base64UrlDecode(token.toLatin1().split('.').value(index))).object();
}

// RFC 7638 thumbprint of an EC JWK.
inline QString jwkThumbprint(const QJsonObject& jwk)
{
    const QByteArray input = "{\"crv\":\"" + jwk.value(QStringLiteral("crv")).toString().toLatin1() + "\",\"kty\":\""
        + jwk.value(QStringLiteral("kty")).toString().toLatin1() + "\",\"x\":\""
        + jwk.value(QStringLiteral("x")).toString().toLatin1() + "\",\"y\":\""
        + jwk.value(QStringLiteral("y")).toString().toLatin1() + "\"}";
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_Digest(input.constData(), size_t(input.size()), digest, &length, EVP_sha256(), nullptr);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), 32)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Verifies an ES256 compact JWS against a P-256 public JWK.
inline bool verifyEs256(const QString& token, const QJsonObject& jwk)
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 3) {
        return false;
    }
    const QByteArray x = base64UrlDecode(jwk.value(QStringLiteral("x")).toString().toLatin1());
    const QByteArray y = base64UrlDecode(jwk.value(QStringLiteral("y")).toString().toLatin1());
    const QByteArray signature = base64UrlDecode(parts.at(2));
    if (x.size() != 32 || y.size() != 32 || signature.size() != 64) {
        return false;
    }
    QByteArray point = QByteArray(1, '\x04') + x + y;
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(), size_t(point.size()));
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX* fromData = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    const bool built
        = EVP_PKEY_fromdata_init(fromData) == 1 && EVP_PKEY_fromdata(fromData, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(fromData);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    if (!built) {
        return false;
    }
    ECDSA_SIG* sig = ECDSA_SIG_new();
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.constData());
    ECDSA_SIG_set0(sig, BN_bin2bn(raw, 32, nullptr), BN_bin2bn(raw + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestVerify(md, der, size_t(derLength),
                            reinterpret_cast<const unsigned char*>(signingInput.constData()),
                            size_t(signingInput.size()))
            == 1;
    EVP_MD_CTX_free(md);
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return ok;
}

// --- Raw HTTP over a socket

struct RawReply
{
    bool answered = false;
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

// Reads one HTTP answer from a connected socket (waits at most `timeoutMs`).
inline RawReply readReply(QTcpSocket& socket, int timeoutMs = 10000)
{
    RawReply reply;
    QByteArray buffer;
    qsizetype headEnd = -1;
    qint64 length = -1;
    while (true) {
        buffer += socket.readAll();
        if (headEnd < 0) {
            headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                reply.head = buffer.left(headEnd);
                reply.status = reply.head.mid(9, 3).toInt();
                const QByteArray contentLength = reply.header("Content-Length");
                length = contentLength.isNull() ? 0 : contentLength.toLongLong();
            }
        }
        if (headEnd >= 0 && buffer.size() - headEnd - 4 >= length) {
            reply.body = buffer.mid(headEnd + 4, length);
            reply.answered = true;
            return reply;
        }
        if (!socket.waitForReadyRead(timeoutMs) && socket.bytesAvailable() == 0) {
            return reply;
        }
    }
}

// Sends `request` as is and reads one answer. With `source`, the connection
// comes from that local address (e.g. 127.0.0.2). With `halfClose`, the
// client then shuts down its sending side, so that an incomplete request
// ends at once instead of waiting out the timeout.
inline RawReply rawRequest(const QUrl& base, const QByteArray& request, const QHostAddress& source = {},
                           int timeoutMs = 10000, bool halfClose = false)
{
    QTcpSocket socket;
    if (!source.isNull() && !socket.bind(source)) {
        return {};
    }
    socket.connectToHost(QHostAddress(base.host()), quint16(base.port()));
    if (!socket.waitForConnected(timeoutMs)) {
        return {};
    }
    socket.write(request);
    socket.flush();
    if (halfClose) {
        socket.waitForBytesWritten(timeoutMs);
        ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    }
    return readReply(socket, timeoutMs);
}

inline QByteArray formRequest(const QUrl& base, const QByteArray& path, const QByteArray& body,
                              const QByteArray& authorization = {})
{
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: " + base.host().toLatin1() + ':'
        + QByteArray::number(base.port()) + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n";
    if (!authorization.isEmpty()) {
        request += "Authorization: " + authorization + "\r\n";
    }
    return request + "\r\n" + body;
}

} // namespace appint::test
