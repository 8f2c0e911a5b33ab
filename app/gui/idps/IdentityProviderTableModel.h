#pragma once

#include "core/Clock.h"
#include "service/IdentityProviderApi.h"

#include <QAbstractTableModel>

namespace appint {

// The table of System › Administration › Trusted Identity Providers: one row
// per trusted SAML 2.0 identity provider with its name, entity ID and signing
// certificates (subject and validity). A certificate that has expired (by the
// tenant's flag or the console's clock) marks the row red, one that expires
// within 30 days or is not valid yet amber, as Configured Clients marks
// expired clients. A single add is one row insert and a delete one row
// removal; only a (re)load resets the model. Certificates' PEM text is never
// shown here.
class IdentityProviderTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, EntityIdColumn, CertificatesColumn, ValidUntilColumn, ColumnCount };
    enum ItemRole {
        IdpIdRole = Qt::UserRole + 1,
        CertificateStateRole, // int(CertificateState) of the row's worst certificate
    };
    enum class CertificateState { Valid, NotYetValid, Expiring, Expired };
    Q_ENUM(CertificateState)

    static constexpr qint64 ExpiringWithinSeconds = 30 * 86400;

    explicit IdentityProviderTableModel(const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~IdentityProviderTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Replaces every row (a load, or another tenant).
    void setProviders(const TrustedIdentityProviders& providers);
    void clear();
    // One row inserted, in name order.
    void addProvider(const TrustedIdentityProvider& provider);
    // One row removed; false when there is no such provider.
    bool removeProvider(const QString& idpId);

    const TrustedIdentityProvider* providerAt(const QModelIndex& index) const;
    QModelIndex indexOf(const QString& idpId, int column = NameColumn) const;

    // The state of one certificate at `now`, and the worst of a provider's.
    static CertificateState stateOf(const TrustedCertificate& certificate, qint64 now);
    static CertificateState stateOf(const TrustedIdentityProvider& provider, qint64 now);
    // What a certificate's state means, for tooltips ("Expired on …").
    static QString stateText(const TrustedCertificate& certificate, qint64 now);

    // The clock moved on: markers and tooltips are computed again (one
    // dataChanged over the rows, not a reset).
    void refreshStates();

private:
    QString certificatesText(const TrustedIdentityProvider& provider) const;
    QString certificatesToolTip(const TrustedIdentityProvider& provider) const;

    const Clock& m_clock;
    TrustedIdentityProviders m_providers;
};

} // namespace appint
