#pragma once

#include <QTableView>

namespace appint {

// The "Configured Clients" table: a QTableView that says what to do when it
// has no rows (no clients yet, nothing matches the filter, still loading).
class ClientTableView : public QTableView
{
    Q_OBJECT

public:
    explicit ClientTableView(QWidget* parent = nullptr);
    ~ClientTableView() override;

    QString placeholderText() const;
    void setPlaceholderText(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_placeholderText;
};

} // namespace appint
