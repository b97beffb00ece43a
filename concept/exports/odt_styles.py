"""The OpenDocument styles every export uses, by the names LibreOffice gives its own (Text body,
Heading 1, List Bullet, ...), so that a clerk editing the file finds them in the style list."""

from __future__ import annotations

from odf import dc
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.text import ListLevelStyleBullet, ListLevelStyleNumber, ListStyle

from concept.exports.markdown_blocks import Run

FONT = "Arial"
MAX_HEADING = 6


class StyledDocument:
    """A new text document with its metadata, page and styles; `OdtWriter` writes into it."""

    def __init__(self, *, title: str, author: str, subject: str, landscape: bool = False):
        self.doc = OpenDocumentText()
        self.text = self.doc.text
        self._text_styles: dict[tuple[bool, bool, bool], Style] = {}
        self._column_styles: dict[float, Style] = {}
        self.page_width = 29.7 if landscape else 21.0
        self._metadata(title=title, author=author, subject=subject)
        self._styles()
        self._page(landscape=landscape)

    def _metadata(self, *, title: str, author: str, subject: str) -> None:
        self.doc.meta.addElement(dc.Title(text=title))
        self.doc.meta.addElement(dc.Subject(text=subject))
        self.doc.meta.addElement(dc.Creator(text=author))
        self.doc.meta.addElement(dc.Language(text="de-DE"))

    def _paragraph_style(
        self,
        name: str,
        display: str,
        *,
        parent: str | None = None,
        text: dict | None = None,
        paragraph: dict | None = None,
        **attributes,
    ) -> Style:
        style = Style(name=name, displayname=display, family="paragraph", **attributes)
        if parent:
            style.setAttribute("parentstylename", parent)
        if paragraph:
            style.addElement(ParagraphProperties(**paragraph))
        if text:
            style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def _styles(self) -> None:
        """In a fixed order: the file lists the styles as they are added."""
        self._fonts()
        self._heading_styles()
        self._block_styles()
        self._contents_styles()
        self.bullets = self._list_style("List_20_Bullet", "List Bullet", ordered=False)
        self.numbers = self._list_style("Numbering_20_123", "Numbering 123", ordered=True)
        self._automatic_styles()

    def _fonts(self) -> None:
        """Arial for the text, Courier New for code; German and hyphenated unless a style says
        otherwise."""
        self.doc.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable")
        )
        self.doc.fontfacedecls.addElement(
            FontFace(
                name="Courier New",
                fontfamily="'Courier New'",
                fontfamilygeneric="modern",
                fontpitch="fixed",
            )
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                fontname=FONT, fontsize="10.5pt", language="de", country="DE", hyphenate="true"
            )
        )
        self.doc.styles.addElement(default)

    def _heading_styles(self) -> None:
        """Standard and Text body, then the headings (with outline levels), title, subtitle."""
        self._paragraph_style("Standard", "Standard", **{"class": "text"})
        self.body = self._paragraph_style(
            "Text_20_body",
            "Text body",
            parent="Standard",
            paragraph={"marginbottom": "0.2cm", "margintop": "0cm"},
        )
        self._paragraph_style(
            "Heading",
            "Heading",
            parent="Standard",
            nextstylename="Text_20_body",
            paragraph={"margintop": "0.45cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
            text={"fontname": FONT, "fontweight": "bold"},
        )
        sizes = {1: "15pt", 2: "12.5pt", 3: "11pt", 4: "10.5pt", 5: "10.5pt", 6: "10.5pt"}
        self.headings = {
            level: self._paragraph_style(
                f"Heading_20_{level}",
                f"Heading {level}",
                parent="Heading",
                defaultoutlinelevel=str(level),
                text={"fontsize": sizes[level]},
            )
            for level in range(1, MAX_HEADING + 1)
        }
        self.title = self._paragraph_style(
            "Title",
            "Title",
            parent="Heading",
            text={"fontsize": "24pt"},
            paragraph={"margintop": "3cm"},
        )
        self.subtitle = self._paragraph_style(
            "Subtitle",
            "Subtitle",
            parent="Heading",
            text={"fontsize": "14pt", "fontweight": "normal"},
        )

    def _block_styles(self) -> None:
        self.quote = self._paragraph_style(
            "Quotations",
            "Quotations",
            parent="Standard",
            paragraph={
                "marginleft": "0.8cm",
                "marginbottom": "0.2cm",
                "borderleft": "1.5pt solid #777777",
                "padding": "0.15cm",
            },
        )
        self.box = self._paragraph_style(
            "Easy_20_Language",
            "Easy Language",
            parent="Standard",
            paragraph={"backgroundcolor": "#eeeeee", "padding": "0.15cm", "marginbottom": "0.1cm"},
        )
        self.list_paragraph = self._paragraph_style(
            "List_20_Contents",
            "List Contents",
            parent="Standard",
            paragraph={"marginbottom": "0.1cm"},
        )
        self.table_contents = self._paragraph_style(
            "Table_20_Contents", "Table Contents", parent="Standard", text={"fontsize": "9pt"}
        )
        self.table_heading = self._paragraph_style(
            "Table_20_Heading",
            "Table Heading",
            parent="Table_20_Contents",
            text={"fontweight": "bold"},
        )
        self.footer_style = self._paragraph_style(
            "Footer", "Footer", parent="Standard", text={"fontsize": "8pt", "color": "#444444"}
        )

    def _contents_styles(self) -> None:
        self.contents_heading = self._paragraph_style(
            "Contents_20_Heading", "Contents Heading", parent="Heading", text={"fontsize": "15pt"}
        )
        self.contents = {
            level: self._paragraph_style(
                f"Contents_20_{level}",
                f"Contents {level}",
                parent="Standard",
                paragraph={"marginleft": f"{0.6 * (level - 1):.1f}cm", "marginbottom": "0.08cm"},
                text={"fontweight": "bold"} if level == 1 else None,
            )
            for level in range(1, 4)
        }

    def _automatic_styles(self) -> None:
        """Styles no clerk picks by name: the page break before chapter 1, tables, cells."""
        self.break_before = Style(
            name="P_break", family="paragraph", parentstylename="Heading_20_1"
        )
        self.break_before.addElement(ParagraphProperties(breakbefore="page"))
        self.doc.automaticstyles.addElement(self.break_before)
        self.table_style = Style(name="Table_auto", family="table")
        self.table_style.addElement(
            TableProperties(width=f"{self.page_width - 4.4:.1f}cm", align="margins")
        )
        self.doc.automaticstyles.addElement(self.table_style)
        self.cell_style = Style(name="Cell_auto", family="table-cell")
        self.cell_style.addElement(
            TableCellProperties(border="0.5pt solid #888888", padding="0.1cm")
        )
        self.doc.automaticstyles.addElement(self.cell_style)

    def _list_style(self, name: str, display: str, *, ordered: bool) -> ListStyle:
        style = ListStyle(name=name, displayname=display)
        for level in range(1, 4):
            if ordered:
                level_style = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            else:
                level_style = ListLevelStyleBullet(level=level, bulletchar="•–◦"[level - 1])
            level_style.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * (level - 1):.1f}cm", minlabelwidth="0.6cm")
            )
            style.addElement(level_style)
        self.doc.styles.addElement(style)
        return style

    def _page(self, *, landscape: bool) -> None:
        layout = PageLayout(name="Page_layout")
        width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
        margin = "1.8cm" if landscape else "2.2cm"
        layout.addElement(
            PageLayoutProperties(
                pagewidth=width,
                pageheight=height,
                printorientation="landscape" if landscape else "portrait",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft=margin,
                marginright=margin,
            )
        )
        self.doc.automaticstyles.addElement(layout)
        self.master = MasterPage(name="Standard", pagelayoutname=layout)
        self.doc.masterstyles.addElement(self.master)

    def text_style(self, run: Run) -> Style | None:
        key = (run.bold, run.italic, run.code)
        if not any(key):
            return None
        if key not in self._text_styles:
            properties = {}
            if run.bold:
                properties["fontweight"] = "bold"
            if run.italic:
                properties["fontstyle"] = "italic"
            if run.code:
                properties["fontname"] = "Courier New"
            style = Style(name=f"T{len(self._text_styles) + 1}", family="text")
            style.addElement(TextProperties(**properties))
            self.doc.automaticstyles.addElement(style)
            self._text_styles[key] = style
        return self._text_styles[key]

    def column_style(self, width: float) -> Style:
        if width not in self._column_styles:
            style = Style(name=f"Col{len(self._column_styles) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
            self.doc.automaticstyles.addElement(style)
            self._column_styles[width] = style
        return self._column_styles[width]
