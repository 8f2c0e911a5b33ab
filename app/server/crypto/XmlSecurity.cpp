#include "server/crypto/XmlSecurity.h"

#include <QLoggingCategory>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

#include <cstring>
#include <limits>
#include <mutex>

using namespace Qt::StringLiterals;

namespace appint {

Q_LOGGING_CATEGORY(lcXml, "appint.server.xml", QtInfoMsg)

namespace {

// libxml2 and xmlsec1 report errors through callbacks that would print parts
// of the document; these say nothing.
void quietGeneric(void*, const char*, ...) { }
void quietStructured(void*, xmlErrorPtr) { }
void quietXmlSec(const char*, int, const char*, const char*, const char*, int, const char*) { }

// libxml2's error handlers are per thread.
void quietThisThread()
{
    thread_local bool quiet = false;
    if (!quiet) {
        xmlSetGenericErrorFunc(nullptr, quietGeneric);
        xmlSetStructuredErrorFunc(nullptr, quietStructured);
        quiet = true;
    }
}

struct Library
{
    bool ok = false;
    QString error;

    Library()
    {
        xmlInitParser();
        quietThisThread();
        xmlSecErrorsSetCallback(quietXmlSec);
        if (xmlSecInit() < 0) {
            error = u"xmlSecInit failed"_s;
            return;
        }
        if (xmlSecCheckVersion() != 1) {
            error = u"the xmlsec1 library does not match the version this server was built with"_s;
            xmlSecShutdown();
            return;
        }
        if (xmlSecCryptoAppInit(nullptr) < 0) {
            error = u"xmlsec1 cannot initialise its OpenSSL backend"_s;
            xmlSecShutdown();
            return;
        }
        if (xmlSecCryptoInit() < 0) {
            error = u"xmlsec1-openssl cannot be initialised"_s;
            xmlSecCryptoAppShutdown();
            xmlSecShutdown();
            return;
        }
        ok = true;
    }
    ~Library()
    {
        if (ok) {
            xmlSecCryptoShutdown();
            xmlSecCryptoAppShutdown();
            xmlSecShutdown();
        }
    }
};

Library& library()
{
    static Library instance;
    return instance;
}

struct ParseState
{
    bool dtd = false;
};

// A DOCTYPE stops the parser before its internal subset is read.
void refuseInternalSubset(void* context, const xmlChar*, const xmlChar*, const xmlChar*)
{
    auto* parser = static_cast<xmlParserCtxtPtr>(context);
    static_cast<ParseState*>(parser->_private)->dtd = true;
    xmlStopParser(parser);
}

void refuseEntity(void* context, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*)
{
    auto* parser = static_cast<xmlParserCtxtPtr>(context);
    static_cast<ParseState*>(parser->_private)->dtd = true;
    xmlStopParser(parser);
}

} // namespace

void XmlSecurity::DocumentDeleter::operator()(_xmlDoc* document) const
{
    xmlFreeDoc(document);
}

bool XmlSecurity::initialize(QString* error)
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (!library().ok) {
            qCWarning(lcXml).noquote() << "XML security is unavailable:" << library().error;
        }
    });
    quietThisThread();
    if (!library().ok && error) {
        *error = library().error;
    }
    return library().ok;
}

XmlSecurity::Document XmlSecurity::parse(QByteArrayView xml, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error) {
            *error = reason;
        }
        return Document();
    };
    if (!initialize()) {
        return fail(tr("XML security is not available on this server."));
    }
    if (xml.isEmpty() || xml.size() > std::numeric_limits<int>::max()) {
        return fail(tr("the XML document is empty or too large"));
    }
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (!parser) {
        return fail(tr("out of memory"));
    }
    ParseState state;
    parser->_private = &state;
    parser->sax->internalSubset = refuseInternalSubset;
    parser->sax->entityDecl = refuseEntity;
    // No XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD,
    // XML_PARSE_DTDATTR, XML_PARSE_XINCLUDE or XML_PARSE_HUGE.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    Document document(xmlCtxtReadMemory(parser, xml.data(), int(xml.size()), "untrusted.xml", nullptr, options));
    const bool wellFormed = parser->wellFormed != 0;
    xmlFreeParserCtxt(parser);
    if (state.dtd || (document && (document->intSubset || document->extSubset))) {
        return fail(tr("the XML document has a DTD (DOCTYPE), which is not allowed"));
    }
    if (!document || !wellFormed) {
        return fail(tr("the XML document is not well-formed"));
    }
    if (!xmlDocGetRootElement(document.get())) {
        return fail(tr("the XML document has no root element"));
    }
    return document;
}

bool XmlSecurity::isElement(const _xmlNode* node, const char* namespaceUri, const char* localName)
{
    return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href
        && std::strcmp(reinterpret_cast<const char*>(node->ns->href), namespaceUri) == 0
        && std::strcmp(reinterpret_cast<const char*>(node->name), localName) == 0;
}

QString XmlSecurity::attribute(const _xmlNode* node, const char* name)
{
    xmlAttrPtr attr = xmlHasNsProp(const_cast<xmlNodePtr>(node), reinterpret_cast<const xmlChar*>(name), nullptr);
    if (!attr) {
        return {};
    }
    xmlChar* value = xmlNodeListGetString(node->doc, attr->children, 1);
    const QString text = value ? QString::fromUtf8(reinterpret_cast<const char*>(value)) : u""_s;
    xmlFree(value);
    return text;
}

QString XmlSecurity::plainText(const _xmlNode* node)
{
    QString text = u""_s;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE) {
            return {};
        }
        text += QString::fromUtf8(reinterpret_cast<const char*>(child->content));
    }
    return text;
}

} // namespace appint
