#pragma once

#include <QFrame>
#include <QList>

class QAction;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace appint {

// A non-modal banner at the top of a page or dialog (KeePassXC's
// MessageWidget, after KDE's KMessageWidget): an icon, a message that can be
// selected and copied, and a close button. Recoverable errors go here rather
// than into modal boxes.
class MessageWidget : public QFrame
{
    Q_OBJECT

public:
    enum class Type { Positive, Information, Warning, Error };
    Q_ENUM(Type)

    explicit MessageWidget(QWidget* parent = nullptr);
    ~MessageWidget() override;

    Type type() const;
    QString text() const;
    // Hides the banner by itself after `autoHideMs` (0: stays until closed).
    void showMessage(const QString& text, Type type, int autoHideMs = 0);
    void hideMessage();
    void setCloseButtonVisible(bool visible);
    // A button beside the text that triggers `action` (KMessageWidget's
    // actions: "Connect…", "Use the Local Sandbox"). Call after showMessage(),
    // which removes the buttons of the message before.
    QPushButton* addButton(QAction* action);
    void clearButtons();
    QList<QPushButton*> buttons() const;

signals:
    void closed();

private:
    void applyStyle();

    Type m_type = Type::Information;
    QLabel* m_iconLabel = nullptr;
    QLabel* m_textLabel = nullptr;
    QToolButton* m_closeButton = nullptr;
    QTimer* m_autoHideTimer = nullptr;
    QList<QPushButton*> m_buttons;
};

} // namespace appint
