"""Stage 2, layout: the words no ruled table claimed -> lines -> paragraphs, with running
headers, footers, page numbers and footnotes taken out; then the flow of paragraphs and table
anchors in reading order (`Block`s) that the sections stage reads.

    lines       words -> Line; the body font size
    furniture   running headers, footers, page numbers
    footnotes   footnotes off the bottom of each page, their markers out of the text
    paragraphs  lines -> Paragraph, at gaps wider than the usual line pitch
    blocks      lines and table anchors -> Blocks (Paragraph | TableAnchor)
"""
