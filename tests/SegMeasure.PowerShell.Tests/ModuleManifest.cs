using System.Globalization;
using System.Text;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// Reads a module manifest (.psd1) without PowerShell: the data-language subset manifests use —
/// a hashtable of quoted strings, numbers, <c>$true</c>/<c>$false</c>, <c>@(...)</c> arrays and
/// nested <c>@{...}</c> tables, with <c>#</c> and <c>&lt;# #&gt;</c> comments.
/// </summary>
public sealed class ModuleManifest
{
    private readonly string _text;
    private int _at;

    private ModuleManifest(string text) => _text = text;

    public required IReadOnlyDictionary<string, object?> Values { get; init; }

    public static ModuleManifest Load(string path)
    {
        var reader = new ModuleManifest(File.ReadAllText(path)) { Values = new Dictionary<string, object?>() };
        reader.SkipSpace();
        var values = reader.ReadHashtable();
        reader.SkipSpace();
        if (reader._at != reader._text.Length) throw reader.Error("text after the manifest's closing brace");
        return new ModuleManifest(reader._text) { Values = values };
    }

    public string? String(string key) => Values.GetValueOrDefault(key) as string;

    /// <summary>A key's value as a list: an array, or a single string as a one-element list.</summary>
    public IReadOnlyList<string> List(string key) => Values.GetValueOrDefault(key) switch
    {
        null => [],
        string s => [s],
        IReadOnlyList<object?> items => items.Select(i => i as string ?? throw new FormatException($"{key} holds a non-string item")).ToList(),
        var other => throw new FormatException($"{key} is a {other.GetType().Name}, not a list"),
    };

    private Dictionary<string, object?> ReadHashtable()
    {
        Expect("@{");
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSpace(newlines: true, semicolons: true);
            if (TryTake("}")) return table;
            var key = Peek() is '\'' or '"' ? ReadString() : ReadBareWord();
            SkipSpace();
            Expect("=");
            SkipSpace();
            if (!table.TryAdd(key, ReadValue())) throw Error($"key '{key}' appears twice");
        }
    }

    private object? ReadValue()
    {
        if (Starts("@{")) return ReadHashtable();
        if (Starts("@(")) return ReadArray();
        if (Peek() is '\'' or '"') return ReadString();
        var word = ReadBareWord();
        return word.ToLowerInvariant() switch
        {
            "$true" => true,
            "$false" => false,
            "$null" => null,
            _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Error($"unexpected '{word}'"),
        };
    }

    private List<object?> ReadArray()
    {
        Expect("@(");
        var items = new List<object?>();
        while (true)
        {
            SkipSpace(newlines: true);
            if (TryTake(")")) return items;
            items.Add(ReadValue());
            SkipSpace(newlines: true);
            TryTake(",");
        }
    }

    private string ReadString()
    {
        char quote = _text[_at++];
        var value = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length) throw Error("unterminated string");
            char c = _text[_at++];
            if (c == quote)
            {
                // A doubled quote stands for one quote character.
                if (_at < _text.Length && _text[_at] == quote) { value.Append(quote); _at++; continue; }
                return value.ToString();
            }

            if (quote == '"' && c is '$' or '`') throw Error("expandable strings are not allowed in a manifest");
            value.Append(c);
        }
    }

    private string ReadBareWord()
    {
        int start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '$' or '.' or '-' or '+')) _at++;
        if (_at == start) throw Error($"unexpected '{Peek()}'");
        return _text[start.._at];
    }

    private void SkipSpace(bool newlines = true, bool semicolons = false)
    {
        while (_at < _text.Length)
        {
            char c = _text[_at];
            if (c == '<' && Starts("<#")) { int end = _text.IndexOf("#>", _at, StringComparison.Ordinal); _at = end < 0 ? _text.Length : end + 2; }
            else if (c == '#') { while (_at < _text.Length && _text[_at] != '\n') _at++; }
            else if (c is ' ' or '\t' or '\r' || (newlines && c == '\n') || (semicolons && c == ';')) _at++;
            else return;
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private bool Starts(string s) => string.CompareOrdinal(_text, _at, s, 0, s.Length) == 0;

    private bool TryTake(string s)
    {
        if (!Starts(s)) return false;
        _at += s.Length;
        return true;
    }

    private void Expect(string s)
    {
        if (!TryTake(s)) throw Error($"expected '{s}'");
    }

    private FormatException Error(string message)
    {
        int line = _text.Take(Math.Min(_at, _text.Length)).Count(c => c == '\n') + 1;
        return new FormatException($"manifest line {line}: {message}");
    }
}
