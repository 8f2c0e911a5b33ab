#include "gui/widgets/MessageBox.h"

#include <QMessageBox>
#include <QPushButton>

namespace appint {

std::optional<bool> MessageBox::s_nextAnswer;
QString MessageBox::s_lastQuestion;
int MessageBox::s_questionCount = 0;

bool MessageBox::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptText,
                         const QString& rejectText, bool destructive)
{
    s_lastQuestion = text;
    ++s_questionCount;
    if (s_nextAnswer) {
        const bool answer = *s_nextAnswer;
        s_nextAnswer.reset();
        return answer;
    }
    QMessageBox box(destructive ? QMessageBox::Warning : QMessageBox::Question, title, QString(), QMessageBox::NoButton,
                    parent);
    // Questions quote server text (client names): never rendered as rich text.
    box.setTextFormat(Qt::PlainText);
    box.setText(text);
    QPushButton* accept
        = box.addButton(acceptText, destructive ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
    QPushButton* reject = box.addButton(rejectText, QMessageBox::RejectRole);
    // The safe choice is the default: Enter does not destroy anything.
    box.setDefaultButton(reject);
    box.setEscapeButton(reject);
    box.exec();
    return box.clickedButton() == accept;
}

void MessageBox::setNextAnswer(bool accept)
{
    s_nextAnswer = accept;
}

QString MessageBox::lastQuestion()
{
    return s_lastQuestion;
}

int MessageBox::questionCount()
{
    return s_questionCount;
}

} // namespace appint
