"""A corrected Excel workbook, read back and applied as the annotator's own decisions."""
