using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>Reads the arrays of a numpy <c>.npz</c> file (a zip of <c>.npy</c> files), as doubles, with their shape.</summary>
internal sealed class NpzArchive
{
    private readonly Dictionary<string, (int[] Shape, double[] Values, string Dtype)> _arrays = new();

    public NpzArchive(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            _arrays[Path.GetFileNameWithoutExtension(entry.Name)] = ParseNpy(memory.ToArray());
        }
    }

    public bool Has(string name) => _arrays.ContainsKey(name);

    public int[] Shape(string name) => _arrays[name].Shape;

    public string Dtype(string name) => _arrays[name].Dtype;

    public double[] Doubles(string name) => _arrays[name].Values;

    public uint[] Labels(string name) => _arrays[name].Values.Select(v => checked((uint)v)).ToArray();

    public bool[] Booleans(string name) => _arrays[name].Values.Select(v => v != 0).ToArray();

    private static (int[], double[], string) ParseNpy(byte[] bytes)
    {
        if (bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY") throw new InvalidDataException("not an npy array");
        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int offset = major == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(bytes, offset, headerLength);
        offset += headerLength;
        var descr = Regex.Match(header, "'descr':\\s*'([^']+)'").Groups[1].Value;
        if (header.Contains("'fortran_order': True")) throw new InvalidDataException("fortran order not supported");
        var shapeText = Regex.Match(header, "'shape':\\s*\\(([^)]*)\\)").Groups[1].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var data = bytes.AsSpan(offset);
        var values = new double[count];
        var kind = descr.TrimStart('<', '|', '=');
        for (int i = 0; i < count; i++)
        {
            values[i] = kind switch
            {
                "b1" or "u1" => data[i],
                "i1" => (sbyte)data[i],
                "u2" => BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]),
                "i2" => BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]),
                "u4" => BinaryPrimitives.ReadUInt32LittleEndian(data[(4 * i)..]),
                "i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
                "u8" => BinaryPrimitives.ReadUInt64LittleEndian(data[(8 * i)..]),
                "i8" => BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]),
                "f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
                "f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
                _ => throw new InvalidDataException($"dtype {descr} not supported"),
            };
        }

        return (shape, values, kind);
    }
}
