"""Stage 1, the PDF: bytes in, frozen page records out (`PdfData`: pages of words with font
size and weight, visible ruling edges, filled boxes, link annotations), or a typed error.

    records   Word, Edge, Link, Filled, PageData, PdfData
    readers   read_pdf: the reader the `reader` setting names (pdfplumber's or playa's)
    reading   read_pdf: open (pdfplumber, imported on the first read), guard, copy page by page
    playa_reader  read_pdf: the same records from playa-pdf, pages in parallel if asked
    words     characters -> words
    rulings   lines, rectangles and straight paths -> ruling edges and shaded boxes
"""
