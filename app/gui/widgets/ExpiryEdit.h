#pragma once

#include "core/Clock.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;

namespace appint {

// The expiry date of a Technical User client: a date with a calendar, and the
// presets 7 days, 3 months, 1 year and 20 years (the seeds' range). The client
// expires at the end of the chosen day, local time, and never later than the
// 20 years the rules allow.
class ExpiryEdit : public QWidget
{
    Q_OBJECT

public:
    explicit ExpiryEdit(QWidget* parent = nullptr);
    ~ExpiryEdit() override;

    // The source of "now" for the range and the presets (the system clock by
    // default).
    void setClock(const Clock& clock);

    // Shows that expiry; the date range stretches to include it so that an
    // existing client's date is shown as it is.
    void setExpiresAt(qint64 expiresAt);
    qint64 expiresAt() const;
    QDate date() const;
    void setDate(const QDate& date);

    QDateEdit* dateEdit() const;
    QComboBox* presetComboBox() const;

    // The Unix time the client expires at if `date` is chosen at `now`.
    static qint64 expiryForDate(const QDate& date, qint64 now);

signals:
    void expiresAtChanged(qint64 expiresAt);

private:
    void applyPreset(int index);
    void onDateChanged();
    void updateRange(const QDate& include);

    const Clock* m_clock = &Clock::system();
    QDateEdit* m_date = nullptr;
    QComboBox* m_preset = nullptr;
    bool m_updating = false;
};

} // namespace appint
