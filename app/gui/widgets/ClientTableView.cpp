#include "gui/widgets/ClientTableView.h"

#include <QHeaderView>
#include <QPainter>

namespace appint {

ClientTableView::ClientTableView(QWidget* parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->hide();
    // Uniform rows: the view never measures 100,000 of them.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSortIndicatorShown(true);
}

ClientTableView::~ClientTableView() = default;

QString ClientTableView::placeholderText() const
{
    return m_placeholderText;
}

void ClientTableView::setPlaceholderText(const QString& text)
{
    if (text == m_placeholderText) {
        return;
    }
    m_placeholderText = text;
    viewport()->update();
}

void ClientTableView::paintEvent(QPaintEvent* event)
{
    QTableView::paintEvent(event);
    if (!model() || model()->rowCount() > 0 || m_placeholderText.isEmpty()) {
        return;
    }
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int margin = fontMetrics().height() * 2;
    const QRect area = viewport()->rect().adjusted(margin, margin, -margin, -margin);
    painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholderText);
}

} // namespace appint
