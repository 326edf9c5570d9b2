namespace SegMeasure.Core.Tables;

/// <summary>
/// One column of a delimited file, typed while it is read (the rules of
/// <see cref="ColumnInference.FromText"/>): numbers are parsed as they arrive and their text is
/// dropped, so a large table does not keep a string per cell alive. When a column turns out to
/// be text after some numeric rows, <see cref="NeedsEarlierText"/> asks the reader for the
/// original text of those rows, because text keeps cells exactly as written.
/// </summary>
internal sealed class StreamingColumn
{
    private enum State { Integer, Double, Text }

    private readonly string _name;
    private State _state = State.Integer;
    private List<long?>? _integers = [];
    private List<double>? _doubles;
    private List<string?>? _text;
    private int _textFrom; // rows before this one still need their original text
    private int _rows;
    private bool _anyValue;

    public StreamingColumn(string name) => _name = name;

    public bool NeedsEarlierText => _state == State.Text && _textFrom > 0;

    /// <summary>Rows whose original text is missing (0 … count-1).</summary>
    public int EarlierTextCount => _textFrom;

    public void Add(string? cell)
    {
        _rows++;
        bool missing = ColumnInference.IsMissing(cell);
        if (!missing) _anyValue = true;
        switch (_state)
        {
            case State.Integer:
                if (missing) { _integers!.Add(null); return; }
                if (ColumnInference.TryParseInteger(cell!, out var l)) { _integers!.Add(l); return; }
                _doubles = _integers!.Select(v => v is { } x ? x : double.NaN).ToList();
                _integers = null;
                _state = State.Double;
                goto case State.Double;

            case State.Double:
                if (missing) { _doubles!.Add(double.NaN); return; }
                if (ColumnInference.TryParseNumber(cell!, out var d)) { _doubles!.Add(d); return; }
                _doubles = null;
                _state = State.Text;
                _textFrom = _rows - 1;
                _text = [];
                goto case State.Text;

            case State.Text:
                _text!.Add(missing ? null : cell);
                return;
        }
    }

    /// <summary>Supplies the original text of the first <see cref="EarlierTextCount"/> rows (a second read of the file).</summary>
    public void SetEarlierText(IReadOnlyList<string?> cells)
    {
        _text!.InsertRange(0, cells.Select(c => ColumnInference.IsMissing(c) ? null : c));
        _textFrom = 0;
    }

    public TableColumn Build() => _state switch
    {
        State.Integer when _anyValue => new IntegerColumn(_name, _integers!.ToArray()),
        State.Integer => new DoubleColumn(_name, Enumerable.Repeat(double.NaN, _rows).ToArray()),
        State.Double => new DoubleColumn(_name, _doubles!.ToArray()),
        _ => new TextColumn(_name, _text!.ToArray()),
    };
}
