#include "gui/widgets/FieldMessages.h"

#include <QLabel>

#include <algorithm>

namespace appint {

QColor FieldMessages::errorColor()
{
    return QColor(0xb3, 0x26, 0x1e);
}

QStringList FieldMessages::messagesOf(const FieldErrors& errors)
{
    QStringList messages;
    for (const FieldError& error : errors) {
        messages.append(error.message);
    }
    return messages;
}

void FieldMessages::setUpLabel(QLabel* label)
{
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
}

QStringList FieldMessages::shownMessages(const QString& field, const FieldErrors& refused, const FieldErrors& local,
                                         const QSet<QString>& touched)
{
    FieldErrors errors = errorsForField(refused, field);
    if (errors.isEmpty() && touched.contains(field)) {
        errors = errorsForField(local, field);
    }
    return messagesOf(errors);
}

bool FieldMessages::show(QLabel* label, const QStringList& messages, const QString& hint)
{
    const bool isError = !messages.isEmpty();
    const QString text = isError ? messages.join(u'\n') : hint;
    label->setText(text);
    label->setProperty("error", isError);
    // Errors in red, hints in the muted text colour of the theme; the
    // dialog's palette is the base.
    QPalette palette = label->window()->palette();
    palette.setColor(QPalette::WindowText, isError ? errorColor() : palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    label->setVisible(!text.isEmpty());
    return isError;
}

QString FieldMessages::text(const QLabel* label)
{
    return label && !label->isHidden() ? label->text() : QString();
}

bool FieldMessages::hasError(const QLabel* label)
{
    return label && !label->isHidden() && label->property("error").toBool();
}

QString FieldMessages::bannerText(const QString& message, const FieldErrors& errors,
                                  const std::function<bool(const QString& field)>& showsBeside,
                                  FieldErrors& besideFields)
{
    besideFields.clear();
    QStringList elsewhere;
    for (const FieldError& error : errors) {
        if (showsBeside(error.field)) {
            besideFields.append(error);
        } else {
            elsewhere.append(error.message);
        }
    }
    return elsewhere.isEmpty() ? message : message + u'\n' + elsewhere.join(u'\n');
}

bool FieldMessages::anyBeside(const FieldErrors& refused, const std::function<bool(const QString& field)>& showsBeside)
{
    return std::any_of(refused.cbegin(), refused.cend(),
                       [&](const FieldError& error) { return showsBeside(error.field); });
}

} // namespace appint
