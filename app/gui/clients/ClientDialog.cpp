#include "gui/clients/ClientDialog.h"

#include "core/ClientRules.h"
#include "core/Duration.h"
#include "core/OAuthNames.h"
#include "gui/clients/RolePickerDialog.h"
#include "gui/clients/SecretView.h"
#include "gui/widgets/Clipboard.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/MessageWidget.h"
#include "gui/widgets/ReadOnlyField.h"

#include "ui_ClientDialog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

using Rules = ClientRules;

// The fields with a message label, in form order.
QStringList labelledFields()
{
    return {Rules::FieldName,
            Rules::FieldPurpose,
            Rules::FieldGrantTypes,
            Rules::FieldAccess,
            Rules::FieldRedirectUris,
            Rules::FieldUserId,
            Rules::FieldRoles,
            Rules::FieldAccessTokenLifetime,
            Rules::FieldRefreshTokenLifetime,
            Rules::FieldExpiresAt};
}

QString rangeHint(const LifetimeRange& range)
{
    return ClientDialog::tr("From %1 to %2. Default: %3.")
        .arg(formatDuration(range.minimum), formatDuration(range.maximum), formatDuration(range.defaultValue));
}

} // namespace

ClientDialog::ClientDialog(const ClientDialogContext& context, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ClientDialog>())
    , m_context(context)
    , m_mode(Mode::Add)
{
    m_ui->setupUi(this);
    setUpCommon();
    setWindowTitle(tr("Add a New OAuth Client"));
    m_submitButton->setText(tr("Add"));

    // Technical User is the purpose of the main seed (000); the fields follow
    // whichever the admin picks.
    m_ui->purposeComboBox->setCurrentIndex(int(allPurposes().indexOf(Purpose::Technical)));
    onPurposeChanged();
    m_ui->nameLineEdit->setFocus();
    fitToContents();
}

ClientDialog::ClientDialog(const ClientDialogContext& context, const Client& existing, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ClientDialog>())
    , m_context(context)
    , m_mode(existing.isExpiredAt(context.clock->now()) ? Mode::Extend : Mode::Edit)
    , m_original(existing)
{
    m_ui->setupUi(this);
    setUpCommon();
    setUpForEdit();
    fitToContents();
}

void ClientDialog::fitToContents()
{
    layout()->invalidate();
    layout()->activate();
    adjustSize();
}

ClientDialog::~ClientDialog() = default;

void ClientDialog::setUpCommon()
{
    setObjectName(u"clientDialog"_s);
    // Wide enough that the hints under the fields take one or two lines.
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    m_ui->expiryEdit->setClock(*m_context.clock);
    m_ui->secretView->setClipboard(m_context.clipboard);
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();
    // Until it is shown, the secret page claims no room.
    m_ui->secretPage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);

    for (Purpose purpose : allPurposes()) {
        m_ui->purposeComboBox->addItem(purposeDisplayName(purpose), int(purpose));
    }
    m_ui->userProvisioningCheckBox->setText(ClientRules::accessDisplayName(oauth::AccessUserProvisioning));
    m_ui->contentNetworkCheckBox->setText(ClientRules::accessDisplayName(oauth::AccessContentNetwork));
    setReadOnlyField(m_ui->clientIdLineEdit);
    m_ui->userIdLineEdit->setMaxLength(int(ClientRules::UserIdMaxLength) * 2);

    m_submitButton = m_ui->buttonBox->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    m_submitButton->setObjectName(u"submitPushButton"_s);
    m_submitButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelPushButton"_s);
    m_closeButton = m_ui->buttonBox->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_closeButton->setObjectName(u"closePushButton"_s);
    m_closeButton->hide();

    connect(m_submitButton, &QPushButton::clicked, this, &ClientDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::accept);

    connect(m_ui->nameLineEdit, &QLineEdit::textEdited, this, [this] { touch(Rules::FieldName); });
    connect(m_ui->purposeComboBox, &QComboBox::currentIndexChanged, this, &ClientDialog::onPurposeChanged);
    connect(m_ui->userProvisioningCheckBox, &QCheckBox::toggled, this, [this] { touch(Rules::FieldAccess); });
    connect(m_ui->contentNetworkCheckBox, &QCheckBox::toggled, this, [this] { touch(Rules::FieldAccess); });
    connect(m_ui->grantComboBox, &QComboBox::activated, this, [this] { touch(Rules::FieldGrantTypes); });
    connect(m_ui->redirectUriLineEdit, &QLineEdit::textEdited, this, [this] { touch(Rules::FieldRedirectUris); });
    connect(m_ui->userIdLineEdit, &QLineEdit::textEdited, this, &ClientDialog::onUserIdEdited);
    connect(m_ui->selectRolesPushButton, &QPushButton::clicked, this, &ClientDialog::openRolePicker);
    connect(m_ui->expiryEdit, &ExpiryEdit::expiresAtChanged, this, [this] { touch(Rules::FieldExpiresAt); });
    connect(m_ui->tokenLifetimeDurationEdit, &DurationEdit::secondsChanged, this,
            [this] { touch(Rules::FieldAccessTokenLifetime); });
    connect(m_ui->refreshTokenLifetimeDurationEdit, &DurationEdit::secondsChanged, this,
            [this] { touch(Rules::FieldRefreshTokenLifetime); });

    for (const QString& field : labelledFields()) {
        if (QLabel* label = messageLabel(field)) {
            FieldMessages::setUpLabel(label);
        }
    }
}

void ClientDialog::setUpForEdit()
{
    const Client& client = m_original;
    setWindowTitle(tr("Edit OAuth Client"));
    m_submitButton->setText(tr("Save"));

    m_ui->nameLineEdit->setText(client.clientName);
    m_ui->clientIdLineEdit->setText(client.clientId);
    {
        const QSignalBlocker blocker(m_ui->purposeComboBox);
        m_ui->purposeComboBox->setCurrentIndex(int(allPurposes().indexOf(client.purpose)));
    }
    m_ui->userProvisioningCheckBox->setChecked(client.access.contains(oauth::AccessUserProvisioning));
    m_ui->contentNetworkCheckBox->setChecked(client.access.contains(oauth::AccessContentNetwork));
    m_ui->redirectUriLineEdit->setText(client.redirectUris.value(0));
    m_ui->userIdLineEdit->setText(client.userId);
    m_roles = client.roles;

    m_ui->grantComboBox->clear();
    for (const QString& grant : ClientRules::selectableGrantTypes(client.purpose)) {
        m_ui->grantComboBox->addItem(ClientRules::grantTypeDisplayName(grant), grant);
    }
    const QString grant = client.grantTypes.value(0, ClientRules::defaultGrantTypes(client.purpose).value(0));
    m_ui->grantComboBox->setCurrentIndex(std::max(0, m_ui->grantComboBox->findData(grant)));

    {
        const QSignalBlocker a(m_ui->tokenLifetimeDurationEdit);
        const QSignalBlocker b(m_ui->refreshTokenLifetimeDurationEdit);
        const QSignalBlocker c(m_ui->expiryEdit);
        m_ui->tokenLifetimeDurationEdit->setSeconds(client.accessTokenLifetime);
        if (ClientRules::hasRefreshToken(client.purpose)) {
            m_ui->refreshTokenLifetimeDurationEdit->setSeconds(client.refreshTokenLifetime);
        }
        if (ClientRules::hasExpiry(client.purpose)) {
            if (m_mode == Mode::Extend) {
                m_ui->expiryEdit->setExpiresAt(ClientRules::defaultExpiry(m_context.clock->now()));
            } else {
                m_ui->expiryEdit->setExpiresAt(client.clientSecretExpiresAt);
            }
        }
    }

    // What never changes after creation.
    m_ui->purposeComboBox->setEnabled(false);
    m_ui->grantComboBox->setEnabled(false);
    setReadOnlyField(m_ui->userIdLineEdit);

    if (m_mode == Mode::Extend) {
        // Once expired, only the expiry can be extended (api.md, PATCH).
        setReadOnlyField(m_ui->nameLineEdit);
        m_ui->userProvisioningCheckBox->setEnabled(false);
        m_ui->contentNetworkCheckBox->setEnabled(false);
        setReadOnlyField(m_ui->redirectUriLineEdit);
        m_ui->selectRolesPushButton->setEnabled(false);
        m_ui->tokenLifetimeDurationEdit->setEnabled(false);
        m_ui->refreshTokenLifetimeDurationEdit->setEnabled(false);
        m_touched.insert(Rules::FieldExpiresAt); // the new date is the point of the dialog
        const QString date = QLocale().toString(QDateTime::fromSecsSinceEpoch(client.clientSecretExpiresAt).date(),
                                                QLocale::LongFormat);
        m_ui->messageWidget->showMessage(
            tr("This client expired on %1. Only its expiry date can be changed now: choose a new date and save. A "
               "new secret is generated, which you must copy before you close the dialog.")
                .arg(date),
            MessageWidget::Type::Warning);
        m_ui->messageWidget->setCloseButtonVisible(false);
        m_ui->expiryEdit->setFocus();
    } else {
        m_ui->nameLineEdit->setFocus();
    }
    updateRoleSummary();
    updateVisibleRows();
    revalidate();
}

ClientDialog::Mode ClientDialog::mode() const
{
    return m_mode;
}

Purpose ClientDialog::purpose() const
{
    return Purpose(m_ui->purposeComboBox->currentData().toInt());
}

void ClientDialog::onPurposeChanged()
{
    const Purpose current = purpose();
    m_ui->grantComboBox->clear();
    for (const QString& grant : ClientRules::selectableGrantTypes(current)) {
        m_ui->grantComboBox->addItem(ClientRules::grantTypeDisplayName(grant), grant);
    }
    if (current == Purpose::Interactive) {
        // Authorization code with refresh tokens: one item that says both.
        m_ui->grantComboBox->clear();
        m_ui->grantComboBox->addItem(tr("Authorization Code (with Refresh Token)"),
                                     ClientRules::defaultGrantTypes(current).join(u' '));
    }
    m_ui->grantComboBox->setEnabled(m_mode == Mode::Add && ClientRules::grantTypeSelectable(current));

    // Lifetimes the admin has not set follow the purpose's defaults.
    if (m_mode == Mode::Add) {
        const QSignalBlocker a(m_ui->tokenLifetimeDurationEdit);
        const QSignalBlocker b(m_ui->refreshTokenLifetimeDurationEdit);
        const QSignalBlocker c(m_ui->expiryEdit);
        const Client defaults = ClientRules::withDefaults(current, m_context.clock->now());
        if (!m_touched.contains(Rules::FieldAccessTokenLifetime)) {
            m_ui->tokenLifetimeDurationEdit->setSeconds(defaults.accessTokenLifetime);
        }
        if (!m_touched.contains(Rules::FieldRefreshTokenLifetime) && ClientRules::hasRefreshToken(current)) {
            m_ui->refreshTokenLifetimeDurationEdit->setSeconds(defaults.refreshTokenLifetime);
        }
        if (!m_touched.contains(Rules::FieldExpiresAt) && ClientRules::hasExpiry(current)) {
            m_ui->expiryEdit->setExpiresAt(defaults.clientSecretExpiresAt);
        }
    }
    updateRoleSummary();
    updateVisibleRows();
    revalidate();
}

void ClientDialog::updateVisibleRows()
{
    const Purpose current = purpose();
    QFormLayout* form = m_ui->formLayout;
    form->setRowVisible(m_ui->accessField, ClientRules::hasAccess(current));
    form->setRowVisible(m_ui->redirectUriField, ClientRules::hasRedirectUri(current));
    form->setRowVisible(m_ui->userIdField, ClientRules::hasUserId(current));
    form->setRowVisible(m_ui->rolesField, ClientRules::hasRoles(current));
    form->setRowVisible(m_ui->expiryField, ClientRules::hasExpiry(current));
    form->setRowVisible(m_ui->refreshTokenLifetimeField, ClientRules::hasRefreshToken(current));
    if (isVisible()) {
        fitToContents();
    }
}

void ClientDialog::onUserIdEdited(const QString& text)
{
    // User IDs are upper case: type "reporting" and get "REPORTING".
    const QString upper = text.toUpper();
    if (upper != text) {
        QLineEdit* edit = m_ui->userIdLineEdit;
        const int cursor = edit->cursorPosition();
        edit->setText(upper);
        edit->setCursorPosition(std::min(cursor, int(upper.size())));
    }
    touch(Rules::FieldUserId);
}

void ClientDialog::openRolePicker()
{
    RolePickerDialog::pick(this, m_context.roles, m_context.spaces, m_roles, [this](const RoleAssignments& roles) {
        m_roles = roles;
        updateRoleSummary();
        touch(Rules::FieldRoles);
    });
}

void ClientDialog::updateRoleSummary()
{
    RolePickerDialog::showSummary(m_ui->rolesSummaryLabel, m_roles);
}

void ClientDialog::touch(const QString& field)
{
    m_touched.insert(field);
    // A field the admin changes is no longer what the server refused.
    m_serverErrors.removeIf([&](const FieldError& error) { return error.field == field; });
    revalidate();
}

Client ClientDialog::client() const
{
    Client result = m_mode == Mode::Add ? Client{} : m_original;
    const Purpose current = purpose();
    result.purpose = current;
    result.clientName = m_ui->nameLineEdit->text().trimmed();
    const QString grant = m_ui->grantComboBox->currentData().toString();
    result.grantTypes = grant.isEmpty() ? ClientRules::defaultGrantTypes(current) : grant.split(u' ');

    result.access.clear();
    if (ClientRules::hasAccess(current)) {
        if (m_ui->userProvisioningCheckBox->isChecked()) {
            result.access.append(oauth::AccessUserProvisioning);
        }
        if (m_ui->contentNetworkCheckBox->isChecked()) {
            result.access.append(oauth::AccessContentNetwork);
        }
    }
    result.redirectUris.clear();
    if (ClientRules::hasRedirectUri(current) && !m_ui->redirectUriLineEdit->text().trimmed().isEmpty()) {
        result.redirectUris = {m_ui->redirectUriLineEdit->text().trimmed()};
    }
    result.userId = ClientRules::hasUserId(current) ? m_ui->userIdLineEdit->text() : QString();
    result.roles = ClientRules::hasRoles(current) ? m_roles : RoleAssignments{};
    result.accessTokenLifetime = m_ui->tokenLifetimeDurationEdit->seconds();
    result.refreshTokenLifetime
        = ClientRules::hasRefreshToken(current) ? m_ui->refreshTokenLifetimeDurationEdit->seconds() : 0;
    if (!ClientRules::hasExpiry(current)) {
        result.clientSecretExpiresAt = 0;
    } else if (m_mode == Mode::Add || m_touched.contains(Rules::FieldExpiresAt)) {
        result.clientSecretExpiresAt = m_ui->expiryEdit->expiresAt();
    }
    return result;
}

QJsonObject ClientDialog::mergePatch() const
{
    QJsonObject patch;
    if (m_mode == Mode::Add) {
        return patch;
    }
    const Client edited = client();
    if (m_mode == Mode::Extend) {
        patch.insert(Rules::FieldExpiresAt, edited.clientSecretExpiresAt);
        return patch;
    }
    if (edited.clientName != m_original.clientName) {
        patch.insert(Rules::FieldName, edited.clientName);
    }
    if (edited.access != m_original.access) {
        patch.insert(Rules::FieldAccess, QJsonArray::fromStringList(edited.access));
    }
    if (edited.redirectUris != m_original.redirectUris) {
        patch.insert(Rules::FieldRedirectUris, QJsonArray::fromStringList(edited.redirectUris));
    }
    if (edited.roles != m_original.roles) {
        patch.insert(Rules::FieldRoles, RoleAssignment::toJsonArray(edited.roles));
    }
    if (edited.accessTokenLifetime != m_original.accessTokenLifetime) {
        patch.insert(Rules::FieldAccessTokenLifetime, edited.accessTokenLifetime);
    }
    if (edited.refreshTokenLifetime != m_original.refreshTokenLifetime) {
        patch.insert(Rules::FieldRefreshTokenLifetime, edited.refreshTokenLifetime);
    }
    if (edited.clientSecretExpiresAt != m_original.clientSecretExpiresAt) {
        patch.insert(Rules::FieldExpiresAt, edited.clientSecretExpiresAt);
    }
    return patch;
}

QStringList ClientDialog::checkedFieldsForMode() const
{
    switch (m_mode) {
    case Mode::Add:
        return ClientRules::checkedFields();
    case Mode::Extend:
        return {Rules::FieldExpiresAt};
    case Mode::Edit: {
        QStringList fields;
        const QJsonObject patch = mergePatch();
        for (auto it = patch.begin(); it != patch.end(); ++it) {
            fields.append(it.key());
        }
        return fields;
    }
    }
    return {};
}

FieldErrors ClientDialog::validationErrors() const
{
    RuleContext rules;
    rules.now = m_context.clock->now();
    rules.roles = m_context.roles.isEmpty() ? nullptr : &m_context.roles;
    rules.userIdTaken = m_context.userIdTaken;
    return ClientRules::checkFields(client(), rules, checkedFieldsForMode());
}

bool ClientDialog::canSubmit() const
{
    if (m_busy || isShowingSecret()) {
        return false;
    }
    if (!m_serverErrors.isEmpty()) {
        // Each refused field must change first; errors of other fields (or
        // none) do not block a retry.
        const auto labelled = [this](const QString& field) { return messageLabel(field) != nullptr; };
        if (FieldMessages::anyBeside(m_serverErrors, labelled)) {
            return false;
        }
    }
    if (m_mode == Mode::Edit && mergePatch().isEmpty()) {
        return false;
    }
    return validationErrors().isEmpty();
}

QLabel* ClientDialog::messageLabel(const QString& field) const
{
    if (field == Rules::FieldName) {
        return m_ui->nameMessageLabel;
    }
    if (field == Rules::FieldPurpose) {
        return m_ui->purposeMessageLabel;
    }
    if (field == Rules::FieldGrantTypes) {
        return m_ui->grantMessageLabel;
    }
    if (field == Rules::FieldAccess) {
        return m_ui->accessMessageLabel;
    }
    if (field == Rules::FieldRedirectUris) {
        return m_ui->redirectUriMessageLabel;
    }
    if (field == Rules::FieldUserId) {
        return m_ui->userIdMessageLabel;
    }
    if (field == Rules::FieldRoles) {
        return m_ui->rolesMessageLabel;
    }
    if (field == Rules::FieldAccessTokenLifetime) {
        return m_ui->tokenLifetimeMessageLabel;
    }
    if (field == Rules::FieldRefreshTokenLifetime) {
        return m_ui->refreshTokenLifetimeMessageLabel;
    }
    if (field == Rules::FieldExpiresAt) {
        return m_ui->expiryMessageLabel;
    }
    return nullptr;
}

QString ClientDialog::hint(const QString& field) const
{
    const Purpose current = purpose();
    if (field == Rules::FieldPurpose) {
        switch (current) {
        case Purpose::Interactive:
            return tr("For people who sign in, for example with the datasphere command line.");
        case Purpose::Api:
            return tr("Tenant-wide access to the selected APIs. To limit access to some spaces, use a Technical "
                      "User.");
        case Purpose::Technical:
            return tr("A technical user with the roles you assign, for tools and apps.");
        }
    }
    if (field == Rules::FieldGrantTypes) {
        switch (current) {
        case Purpose::Interactive:
            return tr("Set automatically for interactive sign-in and cannot be changed.");
        case Purpose::Api:
            return tr("Client Credentials for an app's own access; SAML2.0 Bearer to pass on a user's context "
                      "with SAML.");
        case Purpose::Technical:
            return tr("Client Credentials is selected automatically and cannot be changed.");
        }
    }
    if (field == Rules::FieldRedirectUris) {
        return tr("Where users return after signing in. A trailing /** wildcard is allowed.");
    }
    if (field == Rules::FieldUserId) {
        return m_mode == Mode::Add ? tr("Uppercase letters, numbers and underscores, at most 20 characters; unique "
                                        "in the tenant.")
                                   : tr("The user ID cannot be changed once the client exists.");
    }
    if (field == Rules::FieldExpiresAt) {
        return tr("From 7 days to 20 years from today. Default: 3 months.");
    }
    if (field == Rules::FieldAccessTokenLifetime) {
        return rangeHint(ClientRules::accessTokenLifetime(current));
    }
    if (field == Rules::FieldRefreshTokenLifetime) {
        if (const auto range = ClientRules::refreshTokenLifetime(current)) {
            return rangeHint(*range);
        }
    }
    return {};
}

void ClientDialog::revalidate()
{
    const FieldErrors local = validationErrors();
    for (const QString& field : labelledFields()) {
        QLabel* label = messageLabel(field);
        if (!label) {
            continue;
        }
        FieldMessages::show(label, FieldMessages::shownMessages(field, m_serverErrors, local, m_touched), hint(field));
    }

    const bool submittable = canSubmit();
    m_submitButton->setEnabled(submittable);
    QStringList reasons;
    if (!submittable && !m_busy) {
        reasons = FieldMessages::messagesOf(local);
        if (m_mode == Mode::Edit && mergePatch().isEmpty()) {
            reasons.append(tr("Nothing has changed yet."));
        }
    }
    m_submitButton->setToolTip(reasons.join(u'\n'));
}

QString ClientDialog::fieldMessage(const QString& field) const
{
    return FieldMessages::text(messageLabel(field));
}

bool ClientDialog::fieldHasError(const QString& field) const
{
    return FieldMessages::hasError(messageLabel(field));
}

void ClientDialog::submit()
{
    // Every field counts as seen now: show whatever is still wrong.
    for (const QString& field : ClientRules::checkedFields()) {
        m_touched.insert(field);
    }
    revalidate();
    if (!canSubmit()) {
        return;
    }
    m_ui->messageWidget->hideMessage();
    emit submitted();
}

void ClientDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->formPage->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(m_mode == Mode::Add ? tr("Adding the client…") : tr("Saving…"));
    revalidate();
}

bool ClientDialog::isBusy() const
{
    return m_busy;
}

void ClientDialog::showServerErrors(const QString& message, const FieldErrors& errors)
{
    m_busy = false;
    setBusy(false);
    // Errors of a field that is not shown (for another purpose) go to the
    // banner.
    const QString text = FieldMessages::bannerText(
        message, errors,
        [this](const QString& field) {
            QLabel* label = messageLabel(field);
            return label && m_ui->formLayout->isRowVisible(label->parentWidget());
        },
        m_serverErrors);
    m_ui->messageWidget->setCloseButtonVisible(true);
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
    revalidate();
}

void ClientDialog::showSecret(const QString& clientId, const Secret& secret)
{
    setBusy(false);
    m_ui->clientIdLineEdit->setText(clientId);
    m_ui->messageWidget->hideMessage();
    m_ui->secretView->setCredentials(clientId, secret,
                                     m_mode == Mode::Add ? SecretView::Kind::Created : SecretView::Kind::Renewed);
    m_ui->pagesStackedWidget->setCurrentWidget(m_ui->secretPage);
    // The form is done with: out of the stack, so that the dialog shrinks to
    // the secret view.
    m_ui->secretPage->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_ui->pagesStackedWidget->removeWidget(m_ui->formPage);
    m_ui->formPage->hide();
    m_submitButton->hide();
    m_cancelButton->hide();
    m_closeButton->show();
    m_closeButton->setDefault(true);
    setWindowTitle(m_mode == Mode::Add ? tr("OAuth Client Added") : tr("New Secret Generated"));
    // Once the layouts have taken in the change of pages.
    QTimer::singleShot(0, this, &ClientDialog::fitToContents);
}

bool ClientDialog::isShowingSecret() const
{
    return m_ui->pagesStackedWidget->currentWidget() == m_ui->secretPage;
}

SecretView* ClientDialog::secretView() const
{
    return m_ui->secretView;
}

void ClientDialog::done(int result)
{
    if (m_busy) {
        return; // the request runs: its answer must reach this dialog
    }
    SecretView* view = m_ui->secretView;
    if (isShowingSecret() && view->hasSecret() && !view->secretKept()) {
        const bool close = MessageBox::confirm(
            this, tr("Close Without Copying the Secret?"),
            tr("You have not copied the secret. You won't be able to copy it again; if you lose it, you will need to "
               "create a new client."),
            tr("Close Without Copying"), tr("Go Back"), true);
        if (!close) {
            return;
        }
    }
    view->wipe();
    QDialog::done(result);
}

} // namespace appint
