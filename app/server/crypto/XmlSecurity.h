#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct _xmlDoc;
struct _xmlNode;

namespace appint {

// libxml2 and xmlsec1 (OpenSSL backend) for the server: initialised once per
// process (and shut down at exit), and one safe way to parse untrusted XML:
// no DTD at all (a document that has one is refused before its subset is
// read), no entity substitution, no network, no XInclude, libxml2's default
// size and depth limits (never XML_PARSE_HUGE), and no error text on stderr
// (libxml2 would print the offending lines of the document).
class XmlSecurity
{
    Q_DECLARE_TR_FUNCTIONS(XmlSecurity)

public:
    struct DocumentDeleter
    {
        void operator()(_xmlDoc* document) const;
    };
    using Document = std::unique_ptr<_xmlDoc, DocumentDeleter>;

    // Initialises libxml2, xmlsec1 and its OpenSSL backend once per process;
    // false (with a reason) if xmlsec1 cannot start. Thread-safe.
    static bool initialize(QString* error = nullptr);

    // Parses `xml` as described above; null with a reason that names no
    // content of the document.
    static Document parse(QByteArrayView xml, QString* error);

    // The namespace URI and local name of an element (empty for others).
    static bool isElement(const _xmlNode* node, const char* namespaceUri, const char* localName);
    // An attribute without namespace; null QString when missing.
    static QString attribute(const _xmlNode* node, const char* name);
    // The text of an element that holds only text (no child elements,
    // comments or processing instructions); null QString otherwise.
    static QString plainText(const _xmlNode* node);
};

} // namespace appint
