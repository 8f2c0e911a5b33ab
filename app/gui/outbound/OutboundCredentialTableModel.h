#pragma once

#include "core/Clock.h"
#include "core/OutboundCredential.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>

namespace appint {

// The saved outbound credentials of the "Outbound Credentials" page: Name,
// Token Service URL, Client ID, Authentication and the outcome of the last
// "Test" in this session (with the token's time left, counting down), and the
// token cached for it in the shared token cache (issue 15: time left, when it
// is renewed, hits and fetches). Holds no secret: OutboundCredential has none,
// a test's outcome keeps only the expiry time and a short message, and a
// cached token only its times and counts.
//
// A single add is one row insert, an edit one dataChanged (a rename too), a
// delete one row removal; the rows keep the order of the settings.
class OutboundCredentialTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        TokenServiceUrlColumn,
        ClientIdColumn,
        AuthenticationColumn,
        LastTestColumn,
        CachedTokenColumn,
        ColumnCount
    };

    enum ItemRole {
        NameRole = Qt::UserRole + 1, // the credential's name, on every column
        TestStateRole, // int(TestState)
        TokenExpiresAtRole, // qint64 Unix seconds, 0 when unknown or not tested
        CachedTokenExpiresAtRole, // qint64 Unix seconds, 0 when no token is cached
    };

    enum class TestState { NotTested, Running, Succeeded, Failed };

    struct TestOutcome
    {
        TestState state = TestState::NotTested;
        qint64 expiresAt = 0; // Succeeded: when the token expires (0: the answer did not say)
        QString summary; // Failed: the OAuth error or a short reason
        QString message; // the whole message, for the tooltip
    };

    // What the shared token cache holds for a credential (TokenCacheFile).
    struct CachedTokenInfo
    {
        qint64 expiresAt = 0;
        qint64 renewAt = 0;
        int hits = 0;
        int fetches = 0;

        friend bool operator==(const CachedTokenInfo&, const CachedTokenInfo&) = default;
    };

    explicit OutboundCredentialTableModel(const Clock& clock, QObject* parent = nullptr);
    ~OutboundCredentialTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Replaces everything (loading the settings): a model reset.
    void setCredentials(const OutboundCredentials& credentials);
    // One saved credential: one row at the end.
    void addCredential(const OutboundCredential& credential);
    // One edited credential (perhaps renamed from `previousName`): one
    // dataChanged. The last test's outcome no longer applies. False if unknown.
    bool updateCredential(const QString& previousName, const OutboundCredential& credential);
    // One deleted credential: one row removed. False if unknown.
    bool removeCredential(const QString& name);

    OutboundCredentials credentials() const { return m_credentials; }
    const OutboundCredential* credentialAt(const QModelIndex& index) const;
    QModelIndex indexOf(const QString& name, int column = NameColumn) const;
    QStringList names() const;

    void setTestOutcome(const QString& name, const TestOutcome& outcome);
    TestOutcome testOutcome(const QString& name) const;
    // Replaces what the token cache holds, by credential name: one
    // dataChanged on the Cached Token cell of each row whose entry changed.
    void setCachedTokens(const QHash<QString, CachedTokenInfo>& byName);
    std::optional<CachedTokenInfo> cachedToken(const QString& name) const;

    // Whether a tested or cached token's countdown is running somewhere (the page ticks
    // refreshCountdowns() only then).
    bool hasCountdown() const;
    // One dataChanged over the Last Test and Cached Token columns.
    void refreshCountdowns();

    static QString authenticationDisplayName(const OutboundCredential& credential);
    static QString authenticationToolTip(const OutboundCredential& credential);

private:
    QString lastTestText(const QString& name) const;
    QString lastTestToolTip(const QString& name) const;
    QString cachedTokenText(const CachedTokenInfo& info) const;
    QString cachedTokenToolTip(const CachedTokenInfo& info) const;
    static QString key(const QString& name) { return name.toLower(); }

    const Clock& m_clock;
    OutboundCredentials m_credentials;
    QHash<QString, TestOutcome> m_outcomes; // by lower-case name
    QHash<QString, CachedTokenInfo> m_cached; // by lower-case name
};

} // namespace appint
