#include "gui/outbound/OutboundCredentialDialog.h"

#include "core/OutboundCredentialRules.h"
#include "core/TokenServiceUrl.h"
#include "gui/outbound/CustomParameterModel.h"
#include "gui/outbound/TokenPropertyModel.h"
#include "gui/widgets/CellEditDelegate.h"
#include "gui/widgets/FieldMessages.h"
#include "gui/widgets/Icons.h"
#include "gui/widgets/MessageWidget.h"

#include "ui_OutboundCredentialDialog.h"

#include <QAction>
#include <QHeaderView>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

using Rules = OutboundCredentialRules;

const QString FieldUrlType = u"tokenServiceURLType"_s;
const QString FieldClientAuthentication = u"tokenService.addClientCredentialsInBody"_s;
const QString FieldConnectionTimeout = u"tokenServiceURL.ConnectionTimeoutInSeconds"_s;
const QString FieldReadTimeout = u"tokenServiceURL.SocketReadTimeoutInSeconds"_s;

} // namespace

OutboundCredentialDialog::OutboundCredentialDialog(Mode mode, const OutboundCredential& credential,
                                                   const QStringList& takenNames, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::OutboundCredentialDialog>())
    , m_mode(mode)
    , m_original(credential)
    , m_takenNames(takenNames)
    , m_parameters(new CustomParameterModel(this))
    , m_properties(new TokenPropertyModel(this))
{
    m_ui->setupUi(this);
    setUpWidgets();
    load(credential);
    if (mode == Mode::Add) {
        setWindowTitle(tr("Add Outbound Credential"));
        m_submitButton->setText(tr("Add"));
    } else {
        setWindowTitle(tr("Edit Outbound Credential"));
        m_submitButton->setText(tr("Save"));
    }
    // Focus where typing starts: the name of a new credential, the secret
    // that an edit needs again or that a pre-filled form lacks.
    const bool prefilled = !credential.name.isEmpty() && !credential.clientId.isEmpty();
    QLineEdit* first = mode == Mode::Edit || prefilled ? m_ui->clientSecretLineEdit : m_ui->nameLineEdit;
    first->setFocus();
    revalidate();
    layout()->activate();
    adjustSize();
}

OutboundCredentialDialog::~OutboundCredentialDialog()
{
    // Hiding the dialog commits an open cell editor into its model: this
    // object must not hear of it any more.
    m_parameters->disconnect(this);
    m_properties->disconnect(this);
}

QStringList OutboundCredentialDialog::fields()
{
    return {Rules::FieldName,
            Rules::FieldDescription,
            Rules::FieldTokenServiceUrl,
            FieldUrlType,
            Rules::FieldSubdomain,
            Rules::FieldClientId,
            FieldClientSecret,
            FieldClientAuthentication,
            Rules::FieldTokenServiceUser,
            FieldTokenServicePassword,
            Rules::FieldScope,
            Rules::FieldResource,
            Rules::FieldAudience,
            Rules::FieldContentType,
            FieldConnectionTimeout,
            FieldReadTimeout};
}

void OutboundCredentialDialog::setUpWidgets()
{
    setObjectName(u"outboundCredentialDialog"_s);
    setMinimumWidth(fontMetrics().averageCharWidth() * 100);
    m_ui->busyProgressBar->hide();
    m_ui->busyLabel->hide();

    m_ui->urlTypeComboBox->addItem(tr("Dedicated"), int(TokenServiceUrlType::Dedicated));
    m_ui->urlTypeComboBox->addItem(tr("Common"), int(TokenServiceUrlType::Common));
    m_ui->clientAuthenticationComboBox->addItem(tr("Send as Body Parameter"), int(ClientAuthentication::Body));
    m_ui->clientAuthenticationComboBox->addItem(tr("Send as Request Header"), int(ClientAuthentication::Header));
    m_ui->contentTypeComboBox->addItem(OutboundCredential::formContentType(), OutboundCredential::formContentType());
    m_ui->contentTypeComboBox->addItem(OutboundCredential::jsonContentType(), OutboundCredential::jsonContentType());
    for (QSpinBox* spin : {m_ui->connectionTimeoutSpinBox, m_ui->readTimeoutSpinBox}) {
        spin->setSpecialValueText(tr("No limit"));
        spin->setSuffix(tr(" s"));
        spin->setMinimum(0);
        spin->setMinimumWidth(fontMetrics().averageCharWidth() * 14);
    }
    m_ui->connectionTimeoutSpinBox->setMaximum(OutboundCredential::MaximumConnectionTimeoutSeconds);
    m_ui->readTimeoutSpinBox->setMaximum(OutboundCredential::MaximumReadTimeoutSeconds);
    m_ui->nameLineEdit->setMaxLength(int(Rules::NameMaxLength) * 2);

    // Show / hide the secrets, as a toggle inside their fields.
    const struct
    {
        QLineEdit* edit;
        QString name;
    } secrets[] = {{m_ui->clientSecretLineEdit, u"showClientSecretAction"_s},
                   {m_ui->tokenServicePasswordLineEdit, u"showTokenServicePasswordAction"_s}};
    for (const auto& secret : secrets) {
        QLineEdit* edit = secret.edit;
        auto* action = edit->addAction(Icons::icon(u"view-secret"_s), QLineEdit::TrailingPosition);
        action->setObjectName(secret.name);
        action->setCheckable(true);
        action->setToolTip(tr("Show the text"));
        connect(action, &QAction::toggled, edit, [edit, action](bool shown) {
            edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            action->setToolTip(shown ? tr("Hide the text") : tr("Show the text"));
        });
        // No autocompletion, no input method history for secrets.
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    }

    const struct
    {
        QTableView* view;
        QAbstractItemModel* model;
        int stretchColumn;
    } tables[] = {
        {m_ui->customParametersTableView, m_parameters, CustomParameterModel::ValueColumn},
        {m_ui->tokenPropertiesTableView, m_properties, TokenPropertyModel::ValueColumn},
    };
    for (const auto& table : tables) {
        table.view->setModel(table.model);
        table.view->setItemDelegate(new CellEditDelegate(table.view));
        table.view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        table.view->horizontalHeader()->setSectionResizeMode(table.stretchColumn, QHeaderView::Stretch);
        table.view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table.view->setWordWrap(false);
        table.view->setMinimumHeight(table.view->verticalHeader()->defaultSectionSize() * 7);
        connect(table.view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &OutboundCredentialDialog::updateTableButtons);
        connect(table.model, &QAbstractItemModel::rowsInserted, this, &OutboundCredentialDialog::updateTableButtons);
        connect(table.model, &QAbstractItemModel::rowsRemoved, this, &OutboundCredentialDialog::updateTableButtons);
        connect(table.model, &QAbstractItemModel::modelReset, this, &OutboundCredentialDialog::updateTableButtons);
    }
    const int charWidth = fontMetrics().averageCharWidth();
    m_ui->customParametersTableView->setColumnWidth(CustomParameterModel::KeyColumn, charWidth * 24);
    m_ui->customParametersTableView->setColumnWidth(
        CustomParameterModel::SendAsColumn, fontMetrics().horizontalAdvance(tr("Send as Part of")) + charWidth * 6);
    m_ui->tokenPropertiesTableView->setColumnWidth(
        TokenPropertyModel::KindColumn,
        fontMetrics().horizontalAdvance(TokenPropertyModel::kindName(TokenPropertyModel::Kind::Query)) + charWidth * 6);
    m_ui->tokenPropertiesTableView->setColumnWidth(TokenPropertyModel::KeyColumn, charWidth * 22);
    connect(m_parameters, &CheckedTableModel::problemsChanged, this, &OutboundCredentialDialog::revalidate);
    connect(m_properties, &CheckedTableModel::problemsChanged, this, &OutboundCredentialDialog::revalidate);
    connect(m_parameters, &QAbstractItemModel::dataChanged, this, &OutboundCredentialDialog::revalidate);
    connect(m_properties, &QAbstractItemModel::dataChanged, this, &OutboundCredentialDialog::revalidate);
    connect(m_ui->addParameterPushButton, &QPushButton::clicked, this, &OutboundCredentialDialog::addParameter);
    connect(m_ui->addPropertyPushButton, &QPushButton::clicked, this, &OutboundCredentialDialog::addProperty);
    connect(m_ui->removeParameterPushButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->customParametersTableView); });
    connect(m_ui->removePropertyPushButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->tokenPropertiesTableView); });
    m_ui->addParameterPushButton->setIcon(Icons::icon(u"list-add"_s));
    m_ui->addPropertyPushButton->setIcon(Icons::icon(u"list-add"_s));
    m_ui->removeParameterPushButton->setIcon(Icons::icon(u"edit-delete"_s));
    m_ui->removePropertyPushButton->setIcon(Icons::icon(u"edit-delete"_s));

    m_submitButton = m_ui->buttonBox->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    m_submitButton->setObjectName(u"submitPushButton"_s);
    m_submitButton->setDefault(true);
    m_cancelButton = m_ui->buttonBox->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelPushButton"_s);
    connect(m_submitButton, &QPushButton::clicked, this, &OutboundCredentialDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);

    const struct
    {
        QLineEdit* edit;
        QString field;
    } edits[] = {
        {m_ui->nameLineEdit, Rules::FieldName},
        {m_ui->descriptionLineEdit, Rules::FieldDescription},
        {m_ui->tokenServiceUrlLineEdit, Rules::FieldTokenServiceUrl},
        {m_ui->subdomainLineEdit, Rules::FieldSubdomain},
        {m_ui->clientIdLineEdit, Rules::FieldClientId},
        {m_ui->clientSecretLineEdit, FieldClientSecret},
        {m_ui->tokenServiceUserLineEdit, Rules::FieldTokenServiceUser},
        {m_ui->tokenServicePasswordLineEdit, FieldTokenServicePassword},
        {m_ui->scopeLineEdit, Rules::FieldScope},
        {m_ui->resourceLineEdit, Rules::FieldResource},
        {m_ui->audienceLineEdit, Rules::FieldAudience},
    };
    for (const auto& edit : edits) {
        const QString field = edit.field;
        connect(edit.edit, &QLineEdit::textEdited, this, [this, field] { touch(field); });
    }
    // The URL's errors and the resolved URL depend on the type and subdomain.
    connect(m_ui->subdomainLineEdit, &QLineEdit::textEdited, this, [this] { touch(Rules::FieldTokenServiceUrl); });
    connect(m_ui->urlTypeComboBox, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibleRows();
        touch(FieldUrlType);
    });
    connect(m_ui->clientAuthenticationComboBox, &QComboBox::currentIndexChanged, this,
            [this] { touch(FieldClientAuthentication); });
    connect(m_ui->contentTypeComboBox, &QComboBox::currentIndexChanged, this,
            [this] { touch(Rules::FieldContentType); });
    // A password is needed once there is a user.
    connect(m_ui->tokenServiceUserLineEdit, &QLineEdit::textEdited, this, &OutboundCredentialDialog::revalidate);
    connect(m_ui->connectionTimeoutSpinBox, &QSpinBox::valueChanged, this, &OutboundCredentialDialog::revalidate);
    connect(m_ui->readTimeoutSpinBox, &QSpinBox::valueChanged, this, &OutboundCredentialDialog::revalidate);

    for (const QString& field : fields() + QStringList{Rules::FieldCustomParameters, Rules::FieldHeaders}) {
        if (QLabel* label = messageLabel(field)) {
            FieldMessages::setUpLabel(label);
        }
    }
}

void OutboundCredentialDialog::load(const OutboundCredential& credential)
{
    const QSignalBlocker a(m_ui->urlTypeComboBox);
    const QSignalBlocker b(m_ui->clientAuthenticationComboBox);
    const QSignalBlocker c(m_ui->contentTypeComboBox);
    m_ui->nameLineEdit->setText(credential.name);
    m_ui->descriptionLineEdit->setText(credential.description);
    m_ui->tokenServiceUrlLineEdit->setText(credential.tokenServiceUrl);
    m_ui->urlTypeComboBox->setCurrentIndex(m_ui->urlTypeComboBox->findData(int(credential.urlType)));
    m_ui->subdomainLineEdit->setText(credential.subdomain);
    m_ui->clientIdLineEdit->setText(credential.clientId);
    m_ui->clientAuthenticationComboBox->setCurrentIndex(
        m_ui->clientAuthenticationComboBox->findData(int(credential.clientAuthentication)));
    m_ui->tokenServiceUserLineEdit->setText(credential.tokenServiceUser);
    m_ui->scopeLineEdit->setText(credential.scope);
    m_ui->resourceLineEdit->setText(credential.resource);
    m_ui->audienceLineEdit->setText(credential.audience);
    int contentType = m_ui->contentTypeComboBox->findData(credential.contentType);
    if (contentType < 0) {
        // A content type with parameters ("...; charset=utf-8") or one the
        // rules refuse (a hand-edited file): kept, so that it can be seen.
        m_ui->contentTypeComboBox->addItem(credential.contentType, credential.contentType);
        contentType = m_ui->contentTypeComboBox->count() - 1;
    }
    m_ui->contentTypeComboBox->setCurrentIndex(contentType);
    // Out of range falls back to 10 s (seed 004): show what takes effect.
    m_ui->connectionTimeoutSpinBox->setValue(credential.effectiveConnectionTimeoutSeconds());
    m_ui->readTimeoutSpinBox->setValue(credential.effectiveReadTimeoutSeconds());
    m_parameters->setParameters(credential.customParameters);
    m_properties->setProperties(credential);
    updateVisibleRows();
    updateTableButtons();
    if (m_mode == Mode::Edit) {
        // What was saved is shown as it is, errors included: a file edited
        // by hand may hold something the rules refuse.
        for (const QString& field : fields()) {
            m_touched.insert(field);
        }
        m_touched.remove(FieldClientSecret);
        m_touched.remove(FieldTokenServicePassword);
    } else {
        // Pre-filled fields (from a configured client) count as seen.
        if (!credential.tokenServiceUrl.isEmpty()) {
            m_touched.insert(Rules::FieldTokenServiceUrl);
        }
        if (!credential.clientId.isEmpty()) {
            m_touched.insert(Rules::FieldClientId);
        }
        if (!credential.name.isEmpty()) {
            m_touched.insert(Rules::FieldName);
        }
    }
}

OutboundCredential OutboundCredentialDialog::credential() const
{
    OutboundCredential result;
    result.name = m_ui->nameLineEdit->text().trimmed();
    result.description = m_ui->descriptionLineEdit->text();
    result.tokenServiceUrl = m_ui->tokenServiceUrlLineEdit->text().trimmed();
    result.urlType = TokenServiceUrlType(m_ui->urlTypeComboBox->currentData().toInt());
    if (result.urlType == TokenServiceUrlType::Common) {
        result.subdomain = m_ui->subdomainLineEdit->text().trimmed();
    }
    result.clientId = m_ui->clientIdLineEdit->text();
    result.clientAuthentication = ClientAuthentication(m_ui->clientAuthenticationComboBox->currentData().toInt());
    result.tokenServiceUser = m_ui->tokenServiceUserLineEdit->text();
    result.scope = m_ui->scopeLineEdit->text();
    result.resource = m_ui->resourceLineEdit->text();
    result.audience = m_ui->audienceLineEdit->text();
    result.contentType = m_ui->contentTypeComboBox->currentData().toString();
    result.customParameters = m_parameters->parameters();
    m_properties->applyTo(result);
    result.connectionTimeoutSeconds = m_ui->connectionTimeoutSpinBox->value();
    result.readTimeoutSeconds = m_ui->readTimeoutSpinBox->value();
    return result;
}

OutboundSecrets OutboundCredentialDialog::secrets() const
{
    OutboundSecrets secrets;
    secrets.clientSecret = Secret(m_ui->clientSecretLineEdit->text());
    if (!m_ui->tokenServiceUserLineEdit->text().isEmpty()) {
        secrets.tokenServicePassword = Secret(m_ui->tokenServicePasswordLineEdit->text());
    }
    return secrets;
}

FieldErrors OutboundCredentialDialog::validationErrors() const
{
    const OutboundCredential current = credential();
    FieldErrors errors = Rules::check(current, m_takenNames);
    if (m_ui->clientSecretLineEdit->text().isEmpty()) {
        errors.append({FieldClientSecret,
                       m_mode == Mode::Edit ? tr("Enter the client secret again: it is needed every time the "
                                                 "credential is saved.")
                                            : tr("Enter the client secret.")});
    }
    if (!current.tokenServiceUser.isEmpty() && m_ui->tokenServicePasswordLineEdit->text().isEmpty()) {
        errors.append({FieldTokenServicePassword, tr("Enter the password of the token service user.")});
    }
    return errors;
}

bool OutboundCredentialDialog::canSubmit() const
{
    if (m_busy) {
        return false;
    }
    const auto labelled = [this](const QString& field) { return messageLabel(field) != nullptr; };
    if (FieldMessages::anyBeside(m_saveErrors, labelled)) {
        return false; // each refused field must change first
    }
    return validationErrors().isEmpty();
}

QLabel* OutboundCredentialDialog::messageLabel(const QString& field) const
{
    const std::pair<const QString&, QLabel*> labels[] = {
        {Rules::FieldName, m_ui->nameMessageLabel},
        {Rules::FieldDescription, m_ui->descriptionMessageLabel},
        {Rules::FieldTokenServiceUrl, m_ui->tokenServiceUrlMessageLabel},
        {FieldUrlType, m_ui->urlTypeMessageLabel},
        {Rules::FieldSubdomain, m_ui->subdomainMessageLabel},
        {Rules::FieldClientId, m_ui->clientIdMessageLabel},
        {FieldClientSecret, m_ui->clientSecretMessageLabel},
        {FieldClientAuthentication, m_ui->clientAuthenticationMessageLabel},
        {Rules::FieldTokenServiceUser, m_ui->tokenServiceUserMessageLabel},
        {FieldTokenServicePassword, m_ui->tokenServicePasswordMessageLabel},
        {Rules::FieldScope, m_ui->scopeMessageLabel},
        {Rules::FieldResource, m_ui->resourceMessageLabel},
        {Rules::FieldAudience, m_ui->audienceMessageLabel},
        {Rules::FieldContentType, m_ui->contentTypeMessageLabel},
        {FieldConnectionTimeout, m_ui->connectionTimeoutMessageLabel},
        {FieldReadTimeout, m_ui->readTimeoutMessageLabel},
        {Rules::FieldCustomParameters, m_ui->customParametersMessageLabel},
        {Rules::FieldHeaders, m_ui->tokenPropertiesMessageLabel},
        {Rules::FieldQueries, m_ui->tokenPropertiesMessageLabel},
        {Rules::FieldBody, m_ui->tokenPropertiesMessageLabel},
    };
    for (const auto& [name, label] : labels) {
        if (name == field) {
            return label;
        }
    }
    return nullptr;
}

QWidget* OutboundCredentialDialog::tabOf(const QString& field) const
{
    QLabel* label = messageLabel(field);
    for (QWidget* tab : {m_ui->generalTab, m_ui->requestTab, m_ui->parametersTab, m_ui->propertiesTab}) {
        if (label && tab->isAncestorOf(label)) {
            return tab;
        }
    }
    return nullptr;
}

QString OutboundCredentialDialog::hint(const QString& field) const
{
    const OutboundCredential current = credential();
    if (field == Rules::FieldName) {
        return tr("Letters, digits, _ - and . only. Adapters and the command line (appint token --credential) use "
                  "it; it names the keychain entry.");
    }
    if (field == Rules::FieldTokenServiceUrl) {
        if (current.urlType == TokenServiceUrlType::Common) {
            const TokenServiceUrl::Resolved resolved = TokenServiceUrl::resolve(current);
            if (resolved.error.isEmpty()) {
                return tr("Requests go to %1").arg(resolved.url.toDisplayString());
            }
        }
        return tr("The token endpoint of the OAuth 2.0 authorization server. https:// unless it runs on this "
                  "computer.");
    }
    if (field == FieldUrlType) {
        return current.urlType == TokenServiceUrlType::Common
            ? tr("The URL serves many tenants: {tenant} in it, or else its first host label, becomes the subdomain.")
            : tr("The URL serves one tenant and is used as it is.");
    }
    if (field == Rules::FieldSubdomain) {
        return tr("The subdomain of the tenant, such as mytenant.");
    }
    if (field == FieldClientSecret) {
        return m_mode == Mode::Edit
            ? tr("Enter the client secret again: it is needed every time you save. It is kept in the system "
                 "keychain, never in the settings file.")
            : tr("Kept in the system keychain, never in the settings file.");
    }
    if (field == FieldClientAuthentication) {
        return current.clientAuthentication == ClientAuthentication::Body
            ? tr("client_id and client_secret are sent in the request body (the default).")
            : tr("client_id and client_secret are sent in an HTTP Basic Authorization header.");
    }
    if (field == Rules::FieldTokenServiceUser) {
        return tr("Optional HTTP Basic user of the token service. With “Send as Request Header” it takes the place "
                  "of the client credentials.");
    }
    if (field == FieldTokenServicePassword) {
        return current.tokenServiceUser.isEmpty() ? tr("Only with a token service user.")
                                                  : tr("Enter it on every save, like the client secret.");
    }
    if (field == Rules::FieldScope) {
        return tr("Optional; values separated by spaces.");
    }
    if (field == Rules::FieldResource) {
        return tr("Optional; the absolute URI of the target service (RFC 8707).");
    }
    if (field == Rules::FieldContentType) {
        return tr("How the request body is encoded. Form encoding is the OAuth 2.0 standard.");
    }
    if (field == FieldConnectionTimeout) {
        return tr("At most %n second(s), or no limit.", nullptr, OutboundCredential::MaximumConnectionTimeoutSeconds);
    }
    if (field == FieldReadTimeout) {
        return tr("At most %n second(s) between two parts of the answer, or no limit.", nullptr,
                  OutboundCredential::MaximumReadTimeoutSeconds);
    }
    return {};
}

void OutboundCredentialDialog::updateVisibleRows()
{
    const bool common
        = TokenServiceUrlType(m_ui->urlTypeComboBox->currentData().toInt()) == TokenServiceUrlType::Common;
    m_ui->generalFormLayout->setRowVisible(m_ui->subdomainField, common);
}

void OutboundCredentialDialog::updateTableButtons()
{
    const bool canAdd = m_parameters->canAddRow() && !m_busy;
    m_ui->addParameterPushButton->setEnabled(canAdd);
    m_ui->addParameterPushButton->setToolTip(m_parameters->canAddRow() ? tr("Add a custom parameter")
                                                                       : tr("At most %n custom parameter(s).", nullptr,
                                                                            int(Rules::MaximumCustomParameters)));
    m_ui->customParametersCountLabel->setText(
        tr("%1 of %2").arg(m_parameters->rowCount()).arg(Rules::MaximumCustomParameters));
    m_ui->removeParameterPushButton->setEnabled(!m_busy
                                                && m_ui->customParametersTableView->selectionModel()->hasSelection());
    m_ui->addPropertyPushButton->setEnabled(!m_busy);
    m_ui->removePropertyPushButton->setEnabled(!m_busy
                                               && m_ui->tokenPropertiesTableView->selectionModel()->hasSelection());
    m_ui->tokenPropertiesCountLabel->setText(tr("%n row(s)", nullptr, m_properties->rowCount()));
}

bool OutboundCredentialDialog::addParameter()
{
    const int row = m_parameters->rowCount();
    if (!m_parameters->insertRows(row, 1)) {
        return false;
    }
    QTableView* view = m_ui->customParametersTableView;
    m_ui->tabWidget->setCurrentWidget(m_ui->parametersTab);
    const QModelIndex key = m_parameters->index(row, CustomParameterModel::KeyColumn);
    view->setCurrentIndex(key);
    view->scrollTo(key);
    view->edit(key);
    return true;
}

bool OutboundCredentialDialog::addProperty()
{
    const int row = m_properties->rowCount();
    if (!m_properties->insertRows(row, 1)) {
        return false;
    }
    QTableView* view = m_ui->tokenPropertiesTableView;
    m_ui->tabWidget->setCurrentWidget(m_ui->propertiesTab);
    const QModelIndex key = m_properties->index(row, TokenPropertyModel::KeyColumn);
    view->setCurrentIndex(key);
    view->scrollTo(key);
    view->edit(key);
    return true;
}

void OutboundCredentialDialog::removeSelectedRows(QTableView* view)
{
    QList<int> rows;
    for (const QModelIndex& index : view->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row())) {
            rows.append(index.row());
        }
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows)) {
        view->model()->removeRow(row);
    }
}

void OutboundCredentialDialog::touch(const QString& field)
{
    m_touched.insert(field);
    m_saveErrors.removeIf([&](const FieldError& error) { return error.field == field; });
    revalidate();
}

void OutboundCredentialDialog::revalidate()
{
    // A password belongs to a user.
    m_ui->tokenServicePasswordLineEdit->setEnabled(!m_ui->tokenServiceUserLineEdit->text().isEmpty());
    const FieldErrors local = validationErrors();
    QSet<QWidget*> tabsWithErrors;
    for (const QString& field : fields()) {
        const QStringList messages = FieldMessages::shownMessages(field, m_saveErrors, local, m_touched);
        if (FieldMessages::show(messageLabel(field), messages, hint(field))) {
            tabsWithErrors.insert(tabOf(field));
        }
    }

    // The tables: their own problems at once, and what a save refused.
    const struct
    {
        CheckedTableModel* model;
        QLabel* label;
        QWidget* tab;
        QStringList fields;
    } tables[] = {
        {m_parameters, m_ui->customParametersMessageLabel, m_ui->parametersTab, {Rules::FieldCustomParameters}},
        {m_properties,
         m_ui->tokenPropertiesMessageLabel,
         m_ui->propertiesTab,
         {Rules::FieldHeaders, Rules::FieldQueries, Rules::FieldBody}},
    };
    for (const auto& table : tables) {
        QStringList messages = table.model->problemMessages();
        for (const FieldError& error : m_saveErrors) {
            if (table.fields.contains(error.field) && !messages.contains(error.message)) {
                messages.append(error.message);
            }
        }
        if (FieldMessages::show(table.label, messages, QString())) {
            tabsWithErrors.insert(table.tab);
        }
    }
    for (int i = 0; i < m_ui->tabWidget->count(); ++i) {
        QWidget* tab = m_ui->tabWidget->widget(i);
        m_ui->tabWidget->setTabIcon(i, tabsWithErrors.contains(tab) ? Icons::statusExpired() : QIcon());
        m_ui->tabWidget->setTabToolTip(
            i, tabsWithErrors.contains(tab) ? tr("Something on this page needs fixing.") : QString());
    }

    const bool submittable = canSubmit();
    m_submitButton->setEnabled(submittable);
    QStringList reasons;
    if (!submittable && !m_busy) {
        reasons = FieldMessages::messagesOf(local);
    }
    m_submitButton->setToolTip(reasons.join(u'\n'));
}

QString OutboundCredentialDialog::fieldMessage(const QString& field) const
{
    return FieldMessages::text(messageLabel(field));
}

bool OutboundCredentialDialog::fieldHasError(const QString& field) const
{
    return FieldMessages::hasError(messageLabel(field));
}

QString OutboundCredentialDialog::customParametersMessage() const
{
    return fieldMessage(Rules::FieldCustomParameters);
}

QString OutboundCredentialDialog::tokenPropertiesMessage() const
{
    return fieldMessage(Rules::FieldHeaders);
}

void OutboundCredentialDialog::submit()
{
    for (const QString& field : fields()) {
        m_touched.insert(field);
    }
    revalidate();
    if (!canSubmit()) {
        // Show the first page with something to fix.
        for (int i = 0; i < m_ui->tabWidget->count(); ++i) {
            if (!m_ui->tabWidget->tabIcon(i).isNull()) {
                m_ui->tabWidget->setCurrentIndex(i);
                break;
            }
        }
        return;
    }
    m_ui->messageWidget->hideMessage();
    emit submitted();
}

void OutboundCredentialDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->tabWidget->setEnabled(!busy);
    m_cancelButton->setEnabled(!busy);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->busyLabel->setVisible(busy);
    m_ui->busyLabel->setText(tr("Saving in the system keychain…"));
    updateTableButtons();
    revalidate();
}

void OutboundCredentialDialog::showSaveError(const QString& message, const FieldErrors& errors)
{
    setBusy(false);
    const QString text = FieldMessages::bannerText(
        message, errors, [this](const QString& field) { return messageLabel(field) != nullptr; }, m_saveErrors);
    m_ui->messageWidget->showMessage(text, MessageWidget::Type::Error);
    revalidate();
}

void OutboundCredentialDialog::done(int result)
{
    if (m_busy) {
        return; // the save runs: its answer must reach this dialog
    }
    // Best effort: the fields' own buffers are Qt's.
    m_ui->clientSecretLineEdit->clear();
    m_ui->tokenServicePasswordLineEdit->clear();
    QDialog::done(result);
}

} // namespace appint
