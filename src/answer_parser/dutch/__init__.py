"""The Dutch language, with no PDF and no genre in sight: numbers ('1.627', '8,8 %', '€ 1,6 mld'),
dates and the parliamentary year, names (display names from capitals), text (line joining,
hyphenation, lists, links).
"""
