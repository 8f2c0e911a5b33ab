#include "service/RedactedRequest.h"

using namespace Qt::StringLiterals;

namespace appint {

QString RedactedRequest::toText() const
{
    QString text = QString::fromLatin1(method) + u' ' + url.toString(QUrl::FullyEncoded) + u" HTTP/1.1\n"_s;
    for (const auto& [name, value] : headers) {
        text += QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    }
    if (!body.isEmpty()) {
        text += u'\n' + QString::fromUtf8(body);
    }
    return text;
}

} // namespace appint
