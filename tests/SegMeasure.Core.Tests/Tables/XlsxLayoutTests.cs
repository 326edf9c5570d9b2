using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Tests.Batch;

namespace SegMeasure.Core.Tests.Tables;

public class XlsxLayoutTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_sheet_has_a_bold_frozen_filtered_header_and_numbers_stored_as_numbers()
    {
        var path = Path.Combine(_tree.Root, "t.xlsx");
        TableFile.Write(path, TableFileTests.Awkward());
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Sheet1", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;

        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1D, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal("A1:E7", worksheet.Descendants<AutoFilter>().Single().Reference!.Value);

        var widths = worksheet.Descendants<Column>().ToList();
        Assert.Equal(5, widths.Count);
        Assert.All(widths, w => Assert.InRange(w.Width!.Value, 8, 60));
        Assert.True(widths[4].Width!.Value > widths[0].Width!.Value); // the text column is wider than "index"

        var fonts = workbook.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ToList();
        var formats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var rows = worksheet.Descendants<Row>().ToList();
        foreach (var headerCell in rows[0].Elements<Cell>())
            Assert.NotNull(fonts[(int)formats[(int)headerCell.StyleIndex!.Value].FontId!.Value].Bold);
        foreach (var bodyCell in rows[1].Elements<Cell>())
            Assert.Null(bodyCell.StyleIndex);

        // Row 2: index 1, n_nuclei 0, value 0.1, whole 1.0 as numbers; name as a shared string.
        var row2 = rows[1].Elements<Cell>().ToList();
        Assert.All(row2.Take(4), c => Assert.Null(c.DataType));
        Assert.Equal(["1", "0", "0.1", "1.0"], row2.Take(4).Select(c => c.CellValue!.Text));
        Assert.Equal(CellValues.SharedString, row2[4].DataType!.Value);
        // Row 3 has a missing integer: its cell is absent, not empty text.
        Assert.DoesNotContain(rows[2].Elements<Cell>(), c => c.CellReference!.Value == "B3");
    }

    [Fact]
    public void Inline_strings_rich_text_and_missing_references_are_read()
    {
        var path = Path.Combine(_tree.Root, "inline.xlsx");
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Run(new Text("na")), new Run(new RunProperties(new Bold()), new Text("me"))),
                new SharedStringItem(new Text("alpha")));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            Cell Inline(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            Cell Shared(int i) => new() { DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString()) };
            Cell Number(string v) => new() { CellValue = new CellValue(v) };
            sheetPart.Worksheet = new Worksheet(new SheetData(
                new Row(Inline("index"), Shared(0), Inline("area")),         // no row or cell references at all
                new Row(Number("2"), Shared(1), Number("1.5")),
                new Row(Number("1"), Inline("beta"), Inline("inf")),
                new Row(Number("4"), new Cell(), Number("2.5"))));                // an empty, self-closing cell
            workbook.Workbook.Append(new Sheets(new Sheet { Name = "Data", SheetId = 1U, Id = workbook.GetIdOfPart(sheetPart) }));
            workbook.Workbook.Save();
        }

        var table = TableFile.Read(path);
        Assert.Equal(["index", "name", "area"], table.ColumnNames);
        Assert.Equal([2L, 1L, 4L], Assert.IsType<IntegerColumn>(table["index"]).Values.Cast<long>());
        Assert.Equal(["alpha", "beta", null], Assert.IsType<TextColumn>(table["name"]).Values);
        Assert.Equal([1.5, double.PositiveInfinity, 2.5], Assert.IsType<DoubleColumn>(table["area"]).Values);
    }

    [Fact]
    public void Numeric_looking_text_cells_stay_text()
    {
        var path = Path.Combine(_tree.Root, "text.xlsx");
        TableFile.Write(path, new MeasurementTable([new IntegerColumn("index", [1L, 2L]), new TextColumn("well", ["007", "12"])]));
        Assert.Equal(["007", "12"], Assert.IsType<TextColumn>(TableFile.Read(path)["well"]).Values);
    }
}
