#include "server/http/FormData.h"

#include <QSet>
#include <QStringDecoder>

namespace appint {

namespace {
int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
} // namespace

std::optional<QString> FormData::decodeComponent(QByteArrayView text)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int high = hexValue(text.at(i + 1));
            const int low = hexValue(text.at(i + 2));
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            bytes.append(char(high * 16 + low));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return decoded;
}

std::optional<FormData> FormData::parse(QByteArrayView body)
{
    FormData form;
    QSet<QString> names;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0) {
            end = body.size();
        }
        const QByteArrayView pair = body.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype equals = pair.indexOf('=');
        const auto name = decodeComponent(equals < 0 ? pair : pair.first(equals));
        const auto value = decodeComponent(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1));
        if (!name || !value) {
            return std::nullopt;
        }
        if (!names.contains(*name)) {
            names.insert(*name);
            form.m_names.append(*name);
        }
        if (!value->isEmpty()) {
            form.m_items.append({*name, *value});
        }
    }
    return form;
}

std::optional<QString> FormData::value(const QString& name) const
{
    for (const auto& [key, value] : m_items) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

QStringList FormData::values(const QString& name) const
{
    QStringList list;
    for (const auto& [key, value] : m_items) {
        if (key == name) {
            list.append(value);
        }
    }
    return list;
}

QStringList FormData::names() const
{
    return m_names;
}

bool FormData::contains(const QString& name) const
{
    return value(name).has_value();
}

QStringList FormData::repeatedNames(const QStringList& mayRepeat) const
{
    QSet<QString> seen;
    QSet<QString> reported;
    QStringList repeated;
    for (const auto& item : m_items) {
        const QString& key = item.first;
        if (seen.contains(key) && !mayRepeat.contains(key) && !reported.contains(key)) {
            repeated.append(key);
            reported.insert(key);
        }
        seen.insert(key);
    }
    return repeated;
}

} // namespace appint
