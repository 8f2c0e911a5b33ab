#include "gui/widgets/ExpiryEdit.h"

#include "core/ClientRules.h"
#include "gui/widgets/Formats.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
enum Preset { Custom, SevenDays, ThreeMonths, OneYear, TwentyYears };

QDate localDate(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds).date();
}
} // namespace

ExpiryEdit::ExpiryEdit(QWidget* parent)
    : QWidget(parent)
    , m_date(new QDateEdit(this))
    , m_preset(new QComboBox(this))
{
    m_date->setObjectName(u"expiryDateEdit"_s);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(shortDateFormat());
    m_preset->setObjectName(u"presetComboBox"_s);
    m_preset->addItem(tr("Custom date"));
    m_preset->addItem(tr("7 days from today"));
    m_preset->addItem(tr("3 months from today"));
    m_preset->addItem(tr("1 year from today"));
    m_preset->addItem(tr("20 years from today"));
    m_preset->setToolTip(tr("Quick choices for the expiry date"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_date, 1);
    layout->addWidget(m_preset, 1);
    setFocusProxy(m_date);

    updateRange({});
    connect(m_date, &QDateEdit::dateChanged, this, &ExpiryEdit::onDateChanged);
    connect(m_preset, &QComboBox::activated, this, &ExpiryEdit::applyPreset);
}

ExpiryEdit::~ExpiryEdit() = default;

void ExpiryEdit::setClock(const Clock& clock)
{
    m_clock = &clock;
    updateRange({});
}

qint64 ExpiryEdit::expiryForDate(const QDate& date, qint64 now)
{
    const qint64 endOfDay = QDateTime(date, QTime(23, 59, 59)).toSecsSinceEpoch();
    return std::min(endOfDay, ClientRules::maximumExpiry(now));
}

void ExpiryEdit::updateRange(const QDate& include)
{
    const qint64 now = m_clock->now();
    QDate minimum = localDate(ClientRules::minimumExpiry(now));
    QDate maximum = localDate(ClientRules::maximumExpiry(now));
    if (include.isValid()) {
        minimum = std::min(minimum, include);
        maximum = std::max(maximum, include);
    }
    m_updating = true;
    m_date->setDateRange(minimum, maximum);
    m_updating = false;
}

void ExpiryEdit::setExpiresAt(qint64 expiresAt)
{
    const QDate date = localDate(expiresAt);
    updateRange(date);
    setDate(date);
}

void ExpiryEdit::setDate(const QDate& date)
{
    m_date->setDate(date); // emits through onDateChanged when it changes
}

qint64 ExpiryEdit::expiresAt() const
{
    return expiryForDate(m_date->date(), m_clock->now());
}

QDate ExpiryEdit::date() const
{
    return m_date->date();
}

QDateEdit* ExpiryEdit::dateEdit() const
{
    return m_date;
}

QComboBox* ExpiryEdit::presetComboBox() const
{
    return m_preset;
}

void ExpiryEdit::applyPreset(int index)
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(m_clock->now());
    QDate date;
    switch (index) {
    case SevenDays:
        date = localDate(ClientRules::minimumExpiry(m_clock->now()));
        break;
    case ThreeMonths:
        date = now.addMonths(3).date();
        break;
    case OneYear:
        date = now.addYears(1).date();
        break;
    case TwentyYears:
        date = localDate(ClientRules::maximumExpiry(m_clock->now()));
        break;
    default:
        return;
    }
    updateRange({});
    m_updating = true;
    m_date->setDate(date);
    m_updating = false;
    m_preset->setCurrentIndex(index);
    emit expiresAtChanged(expiresAt());
}

void ExpiryEdit::onDateChanged()
{
    if (m_updating) {
        return;
    }
    m_preset->setCurrentIndex(Custom);
    emit expiresAtChanged(expiresAt());
}

} // namespace appint
