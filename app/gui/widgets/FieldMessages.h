#pragma once

#include "core/FieldError.h"

#include <QColor>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

class QLabel;

namespace appint {

// The message labels under the fields of the Add/Edit dialogs (ClientDialog,
// OutboundCredentialDialog): a field's errors in red, or else its hint in the
// theme's muted text colour, and no label at all when there is neither. The
// label's "error" property says which it shows.
class FieldMessages
{
public:
    // The red of the dialogs' error messages.
    static QColor errorColor();

    // The errors' messages, in order.
    static QStringList messagesOf(const FieldErrors& errors);
    // A message label: plain text, a little smaller than the field's.
    static void setUpLabel(QLabel* label);
    // What a field shows: the errors that a save was refused with, or else,
    // once the admin has been at the field, those of the dialog's own check.
    static QStringList shownMessages(const QString& field, const FieldErrors& refused, const FieldErrors& local,
                                     const QSet<QString>& touched);
    // Shows `messages` as errors, or `hint` when there are none. True when
    // it shows errors.
    static bool show(QLabel* label, const QStringList& messages, const QString& hint);
    // The label's text while it is shown, and whether that is an error.
    static QString text(const QLabel* label);
    static bool hasError(const QLabel* label);

    // A refused save: the errors that `showsBeside` a field go to
    // `besideFields`; the others join `message` for the dialog's banner,
    // which is returned.
    static QString bannerText(const QString& message, const FieldErrors& errors,
                              const std::function<bool(const QString& field)>& showsBeside, FieldErrors& besideFields);
    // Whether any of `refused` is shown beside a field: it must change before
    // the dialog can be submitted again.
    static bool anyBeside(const FieldErrors& refused, const std::function<bool(const QString& field)>& showsBeside);
};

} // namespace appint
