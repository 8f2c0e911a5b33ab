#include "gui/MessageWidget.h"

#include "gui/Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace appint {

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

void MessageWidget::setCloseButtonVisible(bool visible)
{
    m_closeButton->setVisible(visible);
}

void MessageWidget::applyStyle()
{
    QString iconName;
    QColor background;
    QColor border;
    switch (m_type) {
    case Type::Positive:
        iconName = u"message-positive"_s;
        background = QColor(0xe7, 0xf4, 0xe8);
        border = QColor(0x2e, 0x7d, 0x32);
        break;
    case Type::Information:
        iconName = u"message-information"_s;
        background = QColor(0xe6, 0xf0, 0xfa);
        border = QColor(0x1e, 0x6f, 0xc0);
        break;
    case Type::Warning:
        iconName = u"status-expiring"_s;
        background = QColor(0xfd, 0xf3, 0xdc);
        border = QColor(0xb3, 0x7a, 0x00);
        break;
    case Type::Error:
        iconName = u"status-expired"_s;
        background = QColor(0xfb, 0xe9, 0xe7);
        border = QColor(0xc6, 0x28, 0x28);
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_iconLabel->setPixmap(Icons::icon(iconName).pixmap(size, size));
    // Light tints with dark text, readable on light and dark desktop themes.
    setStyleSheet(u"appint--MessageWidget { background-color: %1; border: 1px solid %2; border-radius: 4px; }"
                  u" QLabel { color: #1f1f1f; background: transparent; }"_s.arg(background.name(), border.name()));
}

} // namespace appint
