#include "PdfTools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace appint::test {

namespace {
bool runTool(const QString& program, const QStringList& arguments, QByteArray* output, QString* error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted() || !process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        if (error) {
            *error = program + u" failed: "_s + process.errorString() + u' '
                + QString::fromUtf8(process.readAllStandardError());
        }
        return false;
    }
    if (output) {
        *output = process.readAllStandardOutput();
    }
    return true;
}

QString unescapeXml(QString text)
{
    text.replace(u"&lt;"_s, u"<"_s);
    text.replace(u"&gt;"_s, u">"_s);
    text.replace(u"&quot;"_s, u"\""_s);
    text.replace(u"&apos;"_s, u"'"_s);
    text.replace(u"&amp;"_s, u"&"_s);
    return text;
}
} // namespace

QString PdfTools::text(const QString& pdfPath, QString* error)
{
    QByteArray output;
    if (!runTool(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdfPath, u"-"_s}, &output, error)) {
        return QString();
    }
    return QString::fromUtf8(output);
}

PdfTools::Layout PdfTools::layout(const QString& pdfPath, QString* error)
{
    Layout layout;
    QByteArray output;
    if (!runTool(u"pdftotext"_s, {u"-bbox"_s, u"-enc"_s, u"UTF-8"_s, pdfPath, u"-"_s}, &output, error)) {
        return layout;
    }
    const QString html = QString::fromUtf8(output);
    static const QRegularExpression pagePattern(uR"re(<page width="([\d.]+)" height="([\d.]+)">)re"_s);
    static const QRegularExpression wordPattern(
        uR"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"_s);
    int page = 0;
    QRegularExpressionMatch pageMatch = pagePattern.match(html);
    while (pageMatch.hasMatch()) {
        ++page;
        layout.pageSize = QSizeF(pageMatch.captured(1).toDouble(), pageMatch.captured(2).toDouble());
        const QRegularExpressionMatch next = pagePattern.match(html, pageMatch.capturedEnd());
        const qsizetype end = next.hasMatch() ? next.capturedStart() : html.size();
        auto words = wordPattern.globalMatch(html.mid(pageMatch.capturedEnd(), end - pageMatch.capturedEnd()));
        while (words.hasNext()) {
            const auto word = words.next();
            layout.words.append({unescapeXml(word.captured(5)),
                                 QRectF(QPointF(word.captured(1).toDouble(), word.captured(2).toDouble()),
                                        QPointF(word.captured(3).toDouble(), word.captured(4).toDouble())),
                                 page});
        }
        pageMatch = next;
    }
    layout.pageCount = page;
    if (page == 0 && error) {
        *error = u"pdftotext -bbox found no page in "_s + pdfPath;
    }
    return layout;
}

bool PdfTools::renderPage(const QString& pdfPath, int page, int dpi, const QString& pngPath, QString* error)
{
    const QFileInfo target(pngPath);
    // pdftoppm -singlefile writes <prefix>.png.
    const QString prefix = target.absolutePath() + u'/' + target.completeBaseName();
    QFile::remove(prefix + u".png"_s);
    if (!runTool(u"pdftoppm"_s,
                 {u"-png"_s, u"-r"_s, QString::number(dpi), u"-f"_s, QString::number(page), u"-l"_s,
                  QString::number(page), u"-singlefile"_s, pdfPath, prefix},
                 nullptr, error)) {
        return false;
    }
    if (prefix + u".png"_s != target.absoluteFilePath()) {
        QFile::remove(target.absoluteFilePath());
        if (!QFile::rename(prefix + u".png"_s, target.absoluteFilePath())) {
            if (error) {
                *error = u"cannot move the PNG to "_s + pngPath;
            }
            return false;
        }
    }
    return true;
}

QString PdfTools::squeezed(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isSpace()) {
            result += c;
        }
    }
    return result;
}

} // namespace appint::test
