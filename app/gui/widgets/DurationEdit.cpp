#include "gui/widgets/DurationEdit.h"

#include "core/Client.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace appint {

namespace {
constexpr qint64 Units[] = {1, 60, 3600, SecondsPerDay};
}

DurationEdit::DurationEdit(QWidget* parent)
    : QWidget(parent)
    , m_value(new QSpinBox(this))
    , m_unit(new QComboBox(this))
{
    m_value->setObjectName(u"valueSpinBox"_s);
    m_value->setRange(0, 999'999);
    m_value->setAccelerated(true);
    m_unit->setObjectName(u"unitComboBox"_s);
    m_unit->addItem(tr("seconds"), Units[0]);
    m_unit->addItem(tr("minutes"), Units[1]);
    m_unit->addItem(tr("hours"), Units[2]);
    m_unit->addItem(tr("days"), Units[3]);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_value, 1);
    layout->addWidget(m_unit, 1);
    setFocusProxy(m_value);

    connect(m_value, &QSpinBox::valueChanged, this, &DurationEdit::emitChanged);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &DurationEdit::emitChanged);
}

DurationEdit::~DurationEdit() = default;

qint64 DurationEdit::seconds() const
{
    return qint64(m_value->value()) * m_unit->currentData().toLongLong();
}

void DurationEdit::setSeconds(qint64 seconds)
{
    int unit = 0;
    for (int i = int(std::size(Units)) - 1; i > 0; --i) {
        if (seconds != 0 && seconds % Units[i] == 0) {
            unit = i;
            break;
        }
    }
    m_updating = true;
    m_unit->setCurrentIndex(unit);
    m_value->setValue(int(std::min<qint64>(seconds / Units[unit], m_value->maximum())));
    m_updating = false;
    emitChanged();
}

QSpinBox* DurationEdit::valueSpinBox() const
{
    return m_value;
}

QComboBox* DurationEdit::unitComboBox() const
{
    return m_unit;
}

void DurationEdit::emitChanged()
{
    if (!m_updating) {
        emit secondsChanged(seconds());
    }
}

} // namespace appint
