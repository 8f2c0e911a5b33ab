#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace appint {

// Preferences: how long a copied secret or token stays on the clipboard. The
// dialog takes the current values and hands back the chosen ones; the caller
// stores them (ConsolePreferences) and applies them (Clipboard).
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(int clipboardClearSeconds, QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    int clipboardClearSeconds() const;

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};

} // namespace appint
