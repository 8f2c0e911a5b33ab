#include "print/SheetPdfWriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace appint {

namespace {

constexpr int Resolution = 300; // dots per inch of the PDF's coordinate system

qreal mm(qreal millimetres)
{
    return millimetres * Resolution / 25.4;
}

// Page geometry (A4 portrait) in device units.
struct Geometry
{
    qreal pageWidth = 0;
    qreal pageHeight = 0;
    qreal left = mm(20);
    qreal right = mm(20);
    qreal top = mm(18);
    qreal bottom = mm(24); // the footer sits inside this margin

    qreal contentWidth() const { return pageWidth - left - right; }
    qreal contentBottom() const { return pageHeight - bottom; }
    qreal contentHeight() const { return contentBottom() - top; }
};

namespace colors {
const QColor Text(0x1a, 0x1a, 0x1a);
const QColor Muted(0x5c, 0x66, 0x73);
const QColor Accent(0x1d, 0x4f, 0x91);
const QColor Rule(0xc9, 0xd0, 0xd8);
const QColor Hairline(0xe1, 0xe5, 0xea);
const QColor Stripe(0xf5, 0xf7, 0xf9);
const QColor SecretFill(0xff, 0xf4, 0xd6);
const QColor SecretBar(0xc9, 0x8a, 0x00);
const QColor Warning(0x9a, 0x1b, 0x1b);
} // namespace colors

struct Fonts
{
    QFont title;
    QFont subtitle;
    QFont section;
    QFont heading; // column headings
    QFont label;
    QFont value;
    QFont mono;
    QFont monoBold;
    QFont note;
    QFont footer;
    QFont marker;

    Fonts()
    {
        const auto sans = [](qreal points, QFont::Weight weight = QFont::Normal) {
            QFont font(u"DejaVu Sans"_s);
            font.setStyleHint(QFont::SansSerif);
            font.setPointSizeF(points);
            font.setWeight(weight);
            // No ligatures: "fl" must come out of the PDF as two letters
            // (copy and paste, search, pdftotext), not as U+FB02.
            font.setStyleStrategy(QFont::PreferNoShaping);
            return font;
        };
        title = sans(17, QFont::Bold);
        subtitle = sans(9.5);
        section = sans(12, QFont::Bold);
        heading = sans(7.5, QFont::Bold);
        heading.setCapitalization(QFont::AllUppercase);
        heading.setLetterSpacing(QFont::PercentageSpacing, 106);
        label = sans(9.5);
        value = sans(9.5);
        mono = QFont(u"DejaVu Sans Mono"_s);
        mono.setStyleHint(QFont::Monospace);
        mono.setPointSizeF(9);
        mono.setStyleStrategy(QFont::PreferNoShaping);
        monoBold = mono;
        monoBold.setWeight(QFont::Bold);
        note = sans(8.5);
        footer = sans(7.5);
        marker = sans(8, QFont::Bold);
    }
};

// Greedy line breaking for values in the fixed-width font (ids, URLs,
// secrets): break after one of these characters where possible, anywhere
// otherwise. Breaking happens between code points, never inside a surrogate
// pair, and no character is added or dropped, so the lines joined give the
// value back. A line never ends with '-': readers (people and pdftotext
// alike) would take it for a hyphenation and drop it.
QStringList breakMonospace(const QString& text, const QFontMetricsF& metrics, qreal width)
{
    static const QString breakAfter = u"/?&=.:,;@#+ "_s;
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QString current;
        qreal currentWidth = 0;
        qsizetype lastBreak = -1; // break allowed after current.left(lastBreak)
        qsizetype i = 0;
        while (i < paragraph.size()) {
            const qsizetype length = paragraph.at(i).isHighSurrogate() && i + 1 < paragraph.size() ? 2 : 1;
            const QString unit = paragraph.mid(i, length);
            const qreal unitWidth = metrics.horizontalAdvance(unit);
            if (currentWidth + unitWidth > width && !current.isEmpty()) {
                // A break place in the last two thirds of the line; else a hard break.
                qsizetype cut = lastBreak > current.size() / 3 ? lastBreak : current.size();
                while (cut > 1 && current.at(cut - 1) == u'-') {
                    --cut;
                }
                lines.append(current.left(cut));
                current = current.mid(cut);
                currentWidth = metrics.horizontalAdvance(current);
                lastBreak = -1;
                for (qsizetype j = 0; j < current.size(); ++j) {
                    if (breakAfter.contains(current.at(j))) {
                        lastBreak = j + 1;
                    }
                }
            }
            current += unit;
            currentWidth += unitWidth;
            if (breakAfter.contains(unit.front())) {
                lastBreak = current.size();
            }
            i += length;
        }
        lines.append(current);
    }
    return lines;
}

// Word wrapping for running text.
QStringList breakText(const QString& text, const QFont& font, QPaintDevice* device, qreal width)
{
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QTextLayout layout(paragraph, font, device);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines.append(paragraph.mid(line.textStart(), line.textLength()).trimmed());
        }
        layout.endLayout();
        if (paragraph.isEmpty()) {
            lines.append(QString());
        }
    }
    return lines;
}

// Lines of text in one font, measured for one width.
struct TextBox
{
    QStringList lines;
    QFont font;
    qreal lineSpacing = 0;
    qreal ascent = 0;

    qreal height() const { return lines.size() * lineSpacing; }

    void paint(QPainter& painter, qreal x, qreal top, const QColor& color) const
    {
        painter.setFont(font);
        painter.setPen(color);
        qreal baseline = top + ascent;
        for (const QString& line : lines) {
            painter.drawText(QPointF(x, baseline), line);
            baseline += lineSpacing;
        }
    }
};

TextBox textBox(const QString& text, const QFont& font, QPaintDevice* device, qreal width, bool monospace = false)
{
    const QFontMetricsF metrics(font, device);
    TextBox box;
    box.font = font;
    box.lineSpacing = metrics.lineSpacing();
    box.ascent = metrics.ascent();
    box.lines = monospace ? breakMonospace(text, metrics, width) : breakText(text, font, device, width);
    return box;
}

// A piece of the page flow: its height, and how to paint it at a given top.
struct Block
{
    qreal height = 0;
    bool keepWithNext = false; // never the last block of a page (titles)
    std::function<void(QPainter&, qreal top)> paint;
    bool spacer = false; // white space only: dropped at the top of a page
    qsizetype continuation = -1; // a table row: the header to repeat when it starts a page
};

struct Placed
{
    const Block* block;
    qreal top;
};

QString utcText(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

class Layout
{
public:
    Layout(const SheetDocument& document, QPaintDevice* device, const Geometry& geometry)
        : m_document(document)
        , m_device(device)
        , m_geometry(geometry)
    {
        build();
    }

    // Blocks on pages: a block goes to the next page when it does not fit,
    // and so do the titles before it that must stay with it.
    QList<QList<Placed>> paginate() const
    {
        QList<QList<Placed>> pages(1);
        qreal y = m_geometry.top;
        for (qsizetype i = 0; i < m_blocks.size(); ++i) {
            const Block& block = m_blocks.at(i);
            if (block.spacer && pages.last().isEmpty()) {
                continue;
            }
            const bool fits = y + block.height <= m_geometry.contentBottom();
            if (!fits && !pages.last().isEmpty()) {
                // Carry the trailing keep-with-next blocks over, unless that
                // would leave the page empty.
                QList<Placed> carried;
                while (!pages.last().isEmpty() && pages.last().last().block->keepWithNext && pages.last().size() > 1) {
                    carried.prepend(pages.last().takeLast());
                }
                pages.append(QList<Placed>());
                y = m_geometry.top;
                if (carried.isEmpty() && block.continuation >= 0) {
                    // A table that goes on: its title and column headings again.
                    const Block& header = m_continuations.at(block.continuation);
                    pages.last().append({&header, y});
                    y += header.height;
                }
                for (const Placed& placed : std::as_const(carried)) {
                    pages.last().append({placed.block, y});
                    y += placed.block->height;
                }
                if (block.spacer) {
                    continue;
                }
            }
            pages.last().append({&block, y});
            y += block.height;
        }
        return pages;
    }

private:
    qreal left() const { return m_geometry.left; }
    qreal width() const { return m_geometry.contentWidth(); }

    void addSpace(qreal height)
    {
        Block space;
        space.height = height;
        space.spacer = true;
        space.paint = [](QPainter&, qreal) {};
        m_blocks.append(space);
    }

    void build()
    {
        buildTitle();
        for (const SheetSection& section : m_document.sections) {
            buildSection(section);
        }
        buildNotes();
    }

    void buildTitle()
    {
        const Fonts& f = m_fonts;
        const bool secret = m_document.containsSecret();
        const TextBox marker = textBox(SheetPdfWriter::containsSecretMarker(), f.marker, m_device, width());
        const qreal markerPadding = mm(1.2);
        const qreal markerWidth
            = QFontMetricsF(f.marker, m_device).horizontalAdvance(marker.lines.value(0)) + 2 * markerPadding;
        const qreal markerHeight = marker.height() + markerPadding;
        if (secret) {
            m_blocks.append({markerHeight + mm(3), false, [=, this](QPainter& painter, qreal top) {
                                 const QRectF box(left(), top, std::min(markerWidth, width()), markerHeight);
                                 painter.setPen(QPen(colors::Warning, mm(0.3)));
                                 painter.setBrush(Qt::NoBrush);
                                 painter.drawRoundedRect(box, mm(0.8), mm(0.8));
                                 marker.paint(painter, box.left() + markerPadding, top + markerPadding / 2,
                                              colors::Warning);
                             }});
        }
        const TextBox title = textBox(m_document.title, f.title, m_device, width());
        m_blocks.append({title.height() + mm(1.5), true,
                         [=, this](QPainter& painter, qreal top) { title.paint(painter, left(), top, colors::Text); }});
        if (!m_document.subtitle.isEmpty()) {
            const TextBox subtitle = textBox(m_document.subtitle, f.subtitle, m_device, width());
            m_blocks.append({subtitle.height(), true, [=, this](QPainter& painter, qreal top) {
                                 subtitle.paint(painter, left(), top, colors::Muted);
                             }});
        }
        m_blocks.append({mm(6), false, [this](QPainter& painter, qreal top) {
                             painter.setPen(QPen(colors::Accent, mm(0.5)));
                             const qreal y = top + mm(2.5);
                             painter.drawLine(QPointF(left(), y), QPointF(left() + width(), y));
                         }});
    }

    void buildSection(const SheetSection& section)
    {
        const Fonts& f = m_fonts;
        const qreal labelWidth = width() * 0.28;
        const qreal padX = mm(2);
        const qreal padY = mm(1.15);
        const qreal valueX = left() + labelWidth;
        const qreal valueWidth = width() - labelWidth - padX;

        const TextBox title = textBox(section.title, f.section, m_device, width());
        m_blocks.append({title.height() + mm(2), true, [=, this](QPainter& painter, qreal top) {
                             title.paint(painter, left(), top, colors::Accent);
                         }});
        qsizetype continuation = -1;
        if (!section.rows.isEmpty()) {
            const TextBox labelHeading = textBox(section.labelHeading, f.heading, m_device, labelWidth - 2 * padX);
            const TextBox valueHeading = textBox(section.valueHeading, f.heading, m_device, valueWidth - padX);
            const qreal height = std::max(labelHeading.height(), valueHeading.height()) + 2 * mm(1);
            const auto paintHeadings = [=, this](QPainter& painter, qreal top) {
                labelHeading.paint(painter, left() + padX, top + mm(1), colors::Muted);
                valueHeading.paint(painter, valueX + padX, top + mm(1), colors::Muted);
                painter.setPen(QPen(colors::Rule, mm(0.3)));
                painter.drawLine(QPointF(left(), top + height), QPointF(left() + width(), top + height));
            };
            m_blocks.append({height, true, paintHeadings});

            const TextBox continued
                = textBox(SheetPdfWriter::tr("%1 (continued)").arg(section.title), f.section, m_device, width());
            const qreal titleHeight = continued.height() + mm(2);
            continuation = m_continuations.size();
            m_continuations.append({titleHeight + height, false, [=, this](QPainter& painter, qreal top) {
                                        continued.paint(painter, left(), top, colors::Accent);
                                        paintHeadings(painter, top + titleHeight);
                                    }});
        }
        for (qsizetype i = 0; i < section.rows.size(); ++i) {
            const SheetRow& row = section.rows.at(i);
            const bool striped = i % 2 == 1;
            const TextBox label = textBox(row.label, f.label, m_device, labelWidth - 2 * padX);
            const bool empty = row.value.isEmpty();
            const QFont& valueFont = row.secret ? f.monoBold : (row.monospace ? f.mono : f.value);
            const TextBox value
                = textBox(empty ? u"—"_s : row.value, valueFont, m_device, valueWidth - padX, row.monospace && !empty);
            const qreal height = std::max(label.height(), value.height()) + 2 * padY;
            const bool secret = row.secret;
            Block rowBlock{height, false, [=, this](QPainter& painter, qreal top) {
                               const QRectF box(left(), top, width(), height);
                               if (secret) {
                                   painter.fillRect(box, colors::SecretFill);
                                   painter.fillRect(QRectF(box.left(), box.top(), mm(0.9), box.height()),
                                                    colors::SecretBar);
                               } else if (striped) {
                                   painter.fillRect(box, colors::Stripe);
                               }
                               label.paint(painter, left() + padX, top + padY, colors::Muted);
                               value.paint(painter, valueX + padX, top + padY, empty ? colors::Muted : colors::Text);
                               painter.setPen(QPen(colors::Hairline, mm(0.2)));
                               painter.drawLine(box.bottomLeft(), box.bottomRight());
                           }};
            rowBlock.continuation = continuation;
            m_blocks.append(rowBlock);
        }
        if (!section.notes.isEmpty()) {
            addSpace(mm(2));
        }
        for (const QString& note : section.notes) {
            addParagraph(note, mm(1.5));
        }
        addSpace(mm(5));
    }

    void buildNotes()
    {
        if (m_document.notes.isEmpty()) {
            return;
        }
        const TextBox heading = textBox(SheetPdfWriter::tr("Notes"), m_fonts.section, m_device, width());
        m_blocks.append({heading.height() + mm(2), true, [=, this](QPainter& painter, qreal top) {
                             heading.paint(painter, left(), top, colors::Accent);
                         }});
        for (const QString& note : m_document.notes) {
            addParagraph(note, mm(2));
        }
    }

    void addParagraph(const QString& text, qreal spaceAfter)
    {
        const qreal indent = mm(2);
        const TextBox box = textBox(text, m_fonts.note, m_device, width() - indent);
        m_blocks.append({box.height() + spaceAfter, false, [=, this](QPainter& painter, qreal top) {
                             box.paint(painter, left() + indent, top, colors::Muted);
                         }});
    }

    const SheetDocument& m_document;
    QPaintDevice* m_device;
    Geometry m_geometry;
    Fonts m_fonts;
    QList<Block> m_blocks;
    QList<Block> m_continuations; // built before paginate(): stable addresses
};

} // namespace

SheetPdfWriter::SheetPdfWriter(SheetDocument document)
    : m_document(std::move(document))
{
}

QString SheetPdfWriter::containsSecretMarker()
{
    return tr("Contains the client secret: keep it like a password");
}

QString SheetPdfWriter::footerText(qint64 generatedAt, int page, int pageCount)
{
    const QString pages = tr("Page %1 of %2").arg(page).arg(pageCount);
    if (generatedAt <= 0) {
        return pages;
    }
    return tr("Generated %1").arg(utcText(generatedAt)) + u"  ·  "_s + pages;
}

bool SheetPdfWriter::write(QIODevice* device)
{
    m_error.clear();
    m_pageCount = 0;
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        m_error = tr("Painting a PDF needs a QGuiApplication.");
        return false;
    }
    if (!device || !device->isWritable()) {
        m_error = tr("The PDF cannot be written: the output is not open for writing.");
        return false;
    }

    QPdfWriter writer(device);
    writer.setResolution(Resolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setTitle(m_document.title);
    writer.setCreator(m_creator.isEmpty() ? QCoreApplication::applicationName() : m_creator);

    Geometry geometry;
    const QRect paintRect = writer.pageLayout().paintRectPixels(Resolution);
    geometry.pageWidth = paintRect.width();
    geometry.pageHeight = paintRect.height();

    const Layout layout(m_document, &writer, geometry);
    const QList<QList<Placed>> pages = layout.paginate();

    QPainter painter;
    if (!painter.begin(&writer)) {
        m_error = tr("The PDF cannot be written: %1").arg(device->errorString());
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const Fonts fonts;
    const QFontMetricsF footerMetrics(fonts.footer, &writer);
    for (qsizetype page = 0; page < pages.size(); ++page) {
        if (page > 0) {
            writer.newPage();
        }
        for (const Placed& placed : pages.at(page)) {
            placed.block->paint(painter, placed.top);
        }
        // Footer: a rule, the generation time and the page number.
        const qreal ruleY = geometry.pageHeight - geometry.bottom + mm(8);
        painter.setPen(QPen(colors::Rule, mm(0.25)));
        painter.drawLine(QPointF(geometry.left, ruleY), QPointF(geometry.pageWidth - geometry.right, ruleY));
        painter.setFont(fonts.footer);
        painter.setPen(colors::Muted);
        const QString text = footerText(m_generatedAt, int(page + 1), int(pages.size()));
        painter.drawText(QPointF(geometry.pageWidth - geometry.right - footerMetrics.horizontalAdvance(text),
                                 ruleY + mm(2) + footerMetrics.ascent()),
                         text);
    }
    if (!painter.end()) {
        m_error = tr("The PDF cannot be written: %1").arg(device->errorString());
        return false;
    }
    m_pageCount = int(pages.size());
    return true;
}

QByteArray SheetPdfWriter::toPdf()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!write(&buffer)) {
        return QByteArray();
    }
    buffer.close();
    return bytes;
}

} // namespace appint
