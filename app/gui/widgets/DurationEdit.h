#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace appint {

// A lifetime as a number and a unit (seconds, minutes, hours, days), as the
// seeds state them ("60 minutes", "one day"). Any value can be typed, so that
// the dialog can say what is wrong with it instead of clamping silently.
class DurationEdit : public QWidget
{
    Q_OBJECT

public:
    explicit DurationEdit(QWidget* parent = nullptr);
    ~DurationEdit() override;

    qint64 seconds() const;
    // Shows the value in the largest unit that divides it evenly.
    void setSeconds(qint64 seconds);

    QSpinBox* valueSpinBox() const;
    QComboBox* unitComboBox() const;

signals:
    void secondsChanged(qint64 seconds);

private:
    void emitChanged();

    QSpinBox* m_value = nullptr;
    QComboBox* m_unit = nullptr;
    bool m_updating = false;
};

} // namespace appint
