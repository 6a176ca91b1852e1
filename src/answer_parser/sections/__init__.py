"""Stage 4, sections: paragraphs and table anchors -> the question part and the answer part.

dialect   the words of a genre, as data (Flemish Parliament, Tweede Kamer)
captions  captions and notes around tables, onto their tables
header    metadata: the header block, the answer heading, the minister, the askers
items     numbered items: labels, numbering, the parts they open
read      the kind of document, question and answer assembled, metadata reconciled
"""
