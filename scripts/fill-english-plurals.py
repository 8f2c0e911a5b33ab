#!/usr/bin/env python3
"""Fills the English plural forms in translations/appint_en.ts.

Source strings use Qt's "%n item(s)" convention; English needs a singular and a
plural form. Run after `cmake --build <dir> --target update_translations`.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                    pathlib.Path(__file__).resolve().parent.parent / "translations" / "appint_en.ts")
tree = ET.parse(path)
for message in tree.getroot().iter("message"):
    if message.get("numerus") != "yes":
        continue
    source = message.findtext("source")
    translation = message.find("translation")
    for child in list(translation):
        translation.remove(child)
    translation.text = None
    translation.attrib.pop("type", None)
    singular = re.sub(r"\((s|es)\)", "", source)
    plural = re.sub(r"\((s|es)\)", r"\1", source)
    for form in (singular, plural):
        ET.SubElement(translation, "numerusform").text = form

ET.indent(tree, space="    ")
header = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
body = ET.tostring(tree.getroot(), encoding="unicode")
path.write_text(header + body + "\n", encoding="utf-8")
print(f"filled English plural forms in {path}")
