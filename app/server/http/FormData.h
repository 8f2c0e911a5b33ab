#pragma once

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace appint {

// An application/x-www-form-urlencoded body, decoded strictly: '+' is a
// space, every '%' starts a two-digit escape, and names and values are
// UTF-8. Parameters without a value count as absent (RFC 6749 §3.1).
class FormData
{
public:
    static std::optional<FormData> parse(QByteArrayView body);
    // One form-urlencoded component ("a+b%2B" -> "a b+"); std::nullopt when
    // malformed. Also used for the parts of a Basic header (RFC 6749 §2.3.1).
    static std::optional<QString> decodeComponent(QByteArrayView text);

    std::optional<QString> value(const QString& name) const;
    QStringList values(const QString& name) const;
    bool contains(const QString& name) const;
    // Every name, also of parameters without a value, each once.
    QStringList names() const;
    // Names given more than once, apart from those in `mayRepeat`.
    QStringList repeatedNames(const QStringList& mayRepeat = {}) const;

private:
    QList<QPair<QString, QString>> m_items;
    QStringList m_names;
};

} // namespace appint
