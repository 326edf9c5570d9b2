using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SegMeasure.Core.Tables;

/// <summary>
/// Excel workbooks: one sheet (<c>Sheet1</c>, as pandas names it) with a bold, frozen header row,
/// an auto-filter over the table and column widths fitted to the content. Numbers are stored
/// as numbers; infinities, which a spreadsheet cannot hold as numbers, as the text
/// <c>inf</c>/<c>-inf</c>; missing values as absent cells. Reading takes the first sheet and
/// accepts shared strings, inline strings and formula results.
/// </summary>
internal static class XlsxTableFormat
{
    private const string SheetName = "Sheet1";
    private const uint BoldStyle = 1;

    public static void Write(Stream stream, MeasurementTable table)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        AddStyles(workbookPart);
        var strings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>());
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

        // Streamed with OpenXmlWriter: a DOM of a million cells is slow and large.
        string range = table.ColumnCount > 0 ? $"A1:{Reference(table.ColumnCount - 1, (uint)table.RowCount + 1)}" : "";
        var letters = Enumerable.Range(0, table.ColumnCount).Select(ColumnLetters).ToArray();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            if (table.ColumnCount > 0)
            {
                // Frozen header: the pane below row 1 scrolls, row 1 stays.
                writer.WriteElement(new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { TabSelected = true, WorkbookViewId = 0U }));
                writer.WriteElement(ColumnWidths(table));
            }

            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", "1")]);
            for (int c = 0; c < table.ColumnCount; c++)
                writer.WriteElement(strings.Cell(letters[c] + "1", table.Columns[c].Name, BoldStyle));
            writer.WriteEndElement();

            var number = new Cell();
            for (int row = 0; row < table.RowCount; row++)
            {
                var rowText = (row + 2).ToString(CultureInfo.InvariantCulture);
                writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowText)]);
                for (int c = 0; c < table.ColumnCount; c++)
                {
                    var text = NumberText(table.Columns[c].GetValue(row), out bool isNumber);
                    if (text is null) continue;
                    if (isNumber)
                    {
                        number.CellReference = letters[c] + rowText;
                        number.CellValue = new CellValue(text);
                        writer.WriteElement(number);
                    }
                    else
                    {
                        writer.WriteElement(strings.Cell(letters[c] + rowText, text, 0));
                    }
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement(); // sheetData
            if (table.ColumnCount > 0) writer.WriteElement(new AutoFilter { Reference = range });
            writer.WriteEndElement(); // worksheet
        }

        strings.Save();
        workbookPart.Workbook.Append(new Sheets(new Sheet { Name = SheetName, SheetId = 1U, Id = workbookPart.GetIdOfPart(sheetPart) }));
        if (table.ColumnCount > 0)
        {
            // Excel keeps the filter range in this hidden name; without it Excel repairs the file.
            var absolute = string.Join(':', range.Split(':').Select(r => "$" + new string(r.TakeWhile(char.IsLetter).ToArray()) + "$" + new string(r.SkipWhile(char.IsLetter).ToArray())));
            workbookPart.Workbook.Append(new DefinedNames(new DefinedName($"{SheetName}!{absolute}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true }));
        }

        workbookPart.Workbook.Save();
    }

    public static MeasurementTable Read(string path)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(path, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException or ArgumentException)
        {
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: not a readable XLSX workbook ({e.Message})", path, e);
        }

        using (document)
        {
            var workbookPart = document.WorkbookPart
                ?? throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: the workbook has no workbook part", path);
            var sheet = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: the workbook has no sheet", path);
            if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart sheetPart)
                throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: the first sheet is not a worksheet", path);

            var shared = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => TextOf(i)).ToArray() ?? [];
            // Streamed with OpenXmlReader; each cell is loaded on its own.
            var rows = new SortedDictionary<uint, Dictionary<int, object?>>();
            uint nextRow = 1;
            Dictionary<int, object?>? cells = null;
            int nextColumn = 0;
            using var reader = OpenXmlReader.Create(sheetPart);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                {
                    var index = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                    uint rowIndex = uint.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : nextRow;
                    nextRow = rowIndex + 1;
                    cells = new Dictionary<int, object?>();
                    rows[rowIndex] = cells;
                    nextColumn = 0;
                }
                else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && cells is not null)
                {
                    string? reference = null, type = null;
                    foreach (var attribute in reader.Attributes)
                    {
                        if (attribute.LocalName == "r") reference = attribute.Value;
                        else if (attribute.LocalName == "t") type = attribute.Value;
                    }

                    int column = reference is not null ? ColumnOf(reference, path) : nextColumn;
                    nextColumn = column + 1;
                    if (type is "inlineStr")
                    {
                        // Rare and possibly rich text: load this one cell.
                        cells[column] = ValueOf((Cell)reader.LoadCurrentElement()!, shared, path);
                        continue;
                    }

                    // Plain cells: read the value element without building a Cell object.
                    string? raw = null;
                    while (reader.Read() && !(reader.ElementType == typeof(Cell) && reader.IsEndElement))
                        if (reader.ElementType == typeof(CellValue) && reader.IsStartElement) raw = reader.GetText();
                    cells[column] = ValueOf(raw, type, reference, shared, path);
                }
            }

            return Build(rows, path);
        }
    }

    private static MeasurementTable Build(SortedDictionary<uint, Dictionary<int, object?>> rows, string path)
    {
        // The header is the first row holding anything; blank rows below it are skipped, as pandas does.
        var nonEmpty = rows.Where(r => r.Value.Values.Any(v => v is not null)).ToList();
        if (nonEmpty.Count == 0)
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: the first sheet is empty (no header row)", path);
        var header = nonEmpty[0].Value;
        int width = Math.Max(header.Keys.Max() + 1, nonEmpty.Max(r => r.Value.Where(kv => kv.Value is not null).Select(kv => kv.Key + 1).DefaultIfEmpty(0).Max()));
        var names = Enumerable.Range(0, width)
            .Select(c => header.TryGetValue(c, out var v) && CellText.Format(v) is { Length: > 0 } name ? name : $"Unnamed: {c}")
            .ToArray();
        var duplicates = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData,
                $"{path}: the header names column(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))} more than once", path);

        var body = nonEmpty.Skip(1).Select(r => r.Value).ToList();
        return new MeasurementTable(names.Select((name, c) =>
            ColumnInference.FromCells(name, body.Select(r => r.TryGetValue(c, out var v) ? v : null).ToArray())));
    }

    private static object? ValueOf(Cell cell, string[] shared, string path)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString is { } inline ? TextOf(inline) : null;
        return ValueOf(cell.CellValue?.Text, cell.DataType?.InnerText, cell.CellReference?.Value, shared, path);
    }

    /// <summary>A cell's value from its raw text and its <c>t</c> attribute (s, str, b, e, d, n or none).</summary>
    private static object? ValueOf(string? raw, string? type, string? reference, string[] shared, string path)
    {
        if (raw is null) return null;
        if (type == "s")
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= shared.Length)
                throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: cell {reference} refers to a missing shared string", path);
            return shared[i];
        }

        if (type is "str" or "d" or "inlineStr") return raw;
        if (type == "b") return raw == "1" ? "True" : "False";
        if (type == "e") return null;
        // A number, spelled like openpyxl reads it: integer unless it has a point or an exponent.
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: cell {reference} holds '{raw}', which is not a number", path);
    }

    /// <summary>Shared and inline strings may be plain text or rich-text runs; phonetic hints are not content.</summary>
    private static string TextOf(OpenXmlElement element) =>
        string.Concat(element.Descendants<Text>().Where(t => t.Parent is not PhoneticRun).Select(t => t.Text));

    /// <summary>The cell text of a value and whether it is stored as a number; null for a missing value (no cell).</summary>
    private static string? NumberText(object? value, out bool isNumber)
    {
        isNumber = value is long || (value is double d && double.IsFinite(d));
        return value switch
        {
            // Python's spelling keeps "1.0" distinct from the integer "1", so a double column reads back as double;
            // infinities, which a spreadsheet cannot hold as numbers, become the text "inf"/"-inf".
            double x => CellText.FormatDouble(x),
            _ => CellText.Format(value),
        };
    }

    private static Columns ColumnWidths(MeasurementTable table)
    {
        var columns = new Columns();
        for (int c = 0; c < table.ColumnCount; c++)
        {
            var column = table.Columns[c];
            int longest = column.Name.Length + 2; // room for the filter button
            // A sample of rows is enough to size a column.
            for (int row = 0; row < Math.Min(column.Count, 1000); row++)
            {
                var value = column.GetValue(row);
                longest = Math.Max(longest, (value is double d ? d.ToString("G10", CultureInfo.InvariantCulture) : CellText.Format(value))?.Length ?? 0);
            }

            uint index = (uint)c + 1;
            columns.Append(new Column { Min = index, Max = index, Width = Math.Clamp(longest + 2, 8, 60), CustomWidth = true });
        }

        return columns;
    }

    private static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2U },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2U },
            new Borders(new Border()) { Count = 1U },
            new CellStyleFormats(new CellFormat()) { Count = 1U },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1U, ApplyFont = true }) { Count = 2U });
        styles.Stylesheet.Save();
    }

    /// <summary>"A1"-style reference of a 0-based column and 1-based row.</summary>
    private static string Reference(int column, uint row) => ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string ColumnLetters(int column)
    {
        var letters = "";
        for (int c = column + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters;
    }

    private static int ColumnOf(string reference, string path)
    {
        int column = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++) column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        if (i == 0 || column > 16384)
            throw new SegMeasureException("SegMeasure.TableFormat", ErrorKind.InvalidData, $"{path}: '{reference}' is not a cell reference", path);
        return column - 1;
    }

    /// <summary>The workbook's shared string table, each distinct text stored once.</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly SharedStringTable _table = new();

        public Cell Cell(string reference, string text, uint style)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _index.Count;
                _index[text] = i;
                _table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            var cell = new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) };
            if (style != 0) cell.StyleIndex = style;
            return cell;
        }

        public void Save()
        {
            _table.Count = (uint)_index.Count;
            _table.UniqueCount = (uint)_index.Count;
            part.SharedStringTable = _table;
            part.SharedStringTable.Save();
        }
    }
}
