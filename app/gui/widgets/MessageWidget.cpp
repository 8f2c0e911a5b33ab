#include "gui/widgets/MessageWidget.h"

#include "gui/widgets/Icons.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

// Each type's icon, and the tint and border of the frame.
struct Look
{
    QString iconName;
    QColor background;
    QColor border;
};

Look lookOf(MessageWidget::Type type)
{
    switch (type) {
    case MessageWidget::Type::Positive:
        return {u"message-positive"_s, QColor(0xe7, 0xf4, 0xe8), QColor(0x2e, 0x7d, 0x32)};
    case MessageWidget::Type::Information:
        return {u"message-information"_s, QColor(0xe6, 0xf0, 0xfa), QColor(0x1e, 0x6f, 0xc0)};
    case MessageWidget::Type::Warning:
        return {u"status-expiring"_s, QColor(0xfd, 0xf3, 0xdc), QColor(0xb3, 0x7a, 0x00)};
    case MessageWidget::Type::Error:
        return {u"status-expired"_s, QColor(0xfb, 0xe9, 0xe7), QColor(0xc6, 0x28, 0x28)};
    }
    return {};
}

} // namespace

MessageWidget::MessageWidget(QWidget* parent)
    : QFrame(parent)
    , m_iconLabel(new QLabel(this))
    , m_textLabel(new QLabel(this))
    , m_closeButton(new QToolButton(this))
    , m_autoHideTimer(new QTimer(this))
{
    setObjectName(u"messageWidget"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_iconLabel->setObjectName(u"messageIconLabel"_s);
    m_iconLabel->setAlignment(Qt::AlignTop);
    m_textLabel->setObjectName(u"messageTextLabel"_s);
    m_textLabel->setWordWrap(true);
    m_textLabel->setTextFormat(Qt::PlainText);
    m_textLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_textLabel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_closeButton->setObjectName(u"messageCloseToolButton"_s);
    m_closeButton->setIcon(Icons::icon(u"window-close"_s));
    m_closeButton->setAutoRaise(true);
    m_closeButton->setToolTip(tr("Close message"));
    m_closeButton->setAccessibleName(tr("Close message"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->setSpacing(8);
    layout->addWidget(m_iconLabel, 0, Qt::AlignTop);
    layout->addWidget(m_textLabel, 1);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);

    m_autoHideTimer->setSingleShot(true);
    connect(m_autoHideTimer, &QTimer::timeout, this, &MessageWidget::hideMessage);
    connect(m_closeButton, &QToolButton::clicked, this, &MessageWidget::hideMessage);

    applyStyle();
    hide();
}

MessageWidget::~MessageWidget() = default;

MessageWidget::Type MessageWidget::type() const
{
    return m_type;
}

QString MessageWidget::text() const
{
    return m_textLabel->text();
}

void MessageWidget::showMessage(const QString& text, Type type, int autoHideMs)
{
    clearButtons();
    m_type = type;
    m_textLabel->setText(text);
    applyStyle();
    show();
    if (autoHideMs > 0) {
        m_autoHideTimer->start(autoHideMs);
    } else {
        m_autoHideTimer->stop();
    }
}

void MessageWidget::hideMessage()
{
    m_autoHideTimer->stop();
    if (isHidden()) {
        return;
    }
    hide();
    emit closed();
}

QPushButton* MessageWidget::addButton(QAction* action)
{
    auto* button = new QPushButton(action->text(), this);
    button->setObjectName(action->objectName().isEmpty() ? QString() : action->objectName() + u"PushButton"_s);
    button->setToolTip(action->toolTip());
    button->setEnabled(action->isEnabled());
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    auto* layout = static_cast<QHBoxLayout*>(this->layout());
    layout->insertWidget(layout->indexOf(m_closeButton), button, 0, Qt::AlignVCenter);
    m_buttons.append(button);
    return button;
}

void MessageWidget::clearButtons()
{
    for (QPushButton* button : std::as_const(m_buttons)) {
        delete button;
    }
    m_buttons.clear();
}

QList<QPushButton*> MessageWidget::buttons() const
{
    return m_buttons;
}

void MessageWidget::setCloseButtonVisible(bool visible)
{
    m_closeButton->setVisible(visible);
}

void MessageWidget::applyStyle()
{
    const Look look = lookOf(m_type);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_iconLabel->setPixmap(Icons::icon(look.iconName).pixmap(size, size));
    // Light tints with dark text, readable on light and dark desktop themes.
    setStyleSheet(
        u"appint--MessageWidget { background-color: %1; border: 1px solid %2; border-radius: 4px; }"
        u" QLabel { color: #1f1f1f; background: transparent; }"_s.arg(look.background.name(), look.border.name()));
}

} // namespace appint
