#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace appint {

// The few modal questions the console asks (destructive confirmations), in
// one place so that tests can answer them: setNextAnswer() makes the next
// question return at once with that answer, without showing a box (KeePassXC's
// MessageBox::setNextAnswer).
class MessageBox
{
public:
    // Asks to confirm an action. `acceptText` names it on its button
    // ("Delete"), `rejectText` the way back ("Cancel"). True if confirmed.
    static bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptText,
                        const QString& rejectText, bool destructive);

    static void setNextAnswer(bool accept);
    // The text of the last question asked (for tests).
    static QString lastQuestion();
    static int questionCount();

private:
    static std::optional<bool> s_nextAnswer;
    static QString s_lastQuestion;
    static int s_questionCount;
};

} // namespace appint
