using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace SegMeasure.Core.Zarr;

/// <summary>How the chunks inside one shard are stored (Zarr v3's sharding_indexed codec).</summary>
internal sealed record ZarrSharding(int[] InnerChunkShape, ZarrChunkEncoding Inner, ZarrByteCodec[] IndexCodecs, bool IndexAtEnd);

/// <summary>How one chunk's bytes become elements: the bytes codecs (applied in reverse), byte order, memory order, and optional sharding.</summary>
internal sealed record ZarrChunkEncoding(ZarrByteCodec[] Codecs, bool IsBigEndian, bool IsFortranOrder, ZarrSharding? Sharding);

/// <summary>
/// An array's metadata, from Zarr v2 (<c>.zarray</c>) or v3 (<c>zarr.json</c> with node_type
/// "array"): shape, chunk (or shard) shape, element type, fill value, chunk encoding and how
/// chunk keys are spelled.
/// </summary>
internal sealed record ZarrArrayMetadata(
    string Directory, int Format, int[] Shape, int[] ChunkShape, ZarrDataType DataType, byte[] FillValue,
    ZarrChunkEncoding Encoding, string ChunkKeyPrefix, char KeySeparator, string[]? DimensionNames)
{
    /// <summary>The file holding chunk (or shard) <paramref name="index"/>, relative keys joined onto the array's folder.</summary>
    public string ChunkFile(ReadOnlySpan<int> index)
    {
        var key = new System.Text.StringBuilder(ChunkKeyPrefix);
        for (int i = 0; i < index.Length; i++)
        {
            if (i > 0 || ChunkKeyPrefix.Length > 0) key.Append(KeySeparator);
            key.Append(index[i].ToString(CultureInfo.InvariantCulture));
        }

        return Path.Combine(Directory, key.ToString().Replace('/', Path.DirectorySeparatorChar));
    }

    public static bool IsArray(string directory) =>
        File.Exists(Path.Combine(directory, ".zarray"))
        || (ZarrJson.TryRead(Path.Combine(directory, "zarr.json")) is { } v3 && v3.String("node_type") == "array");

    public static ZarrArrayMetadata Read(string directory)
    {
        var v2 = Path.Combine(directory, ".zarray");
        if (File.Exists(v2)) return ReadV2(directory, ZarrJson.Read(v2), v2);
        var v3 = Path.Combine(directory, "zarr.json");
        if (File.Exists(v3)) return ReadV3(directory, ZarrJson.Read(v3), v3);
        throw new ZarrFormatException("not a Zarr array (no .zarray or zarr.json)", directory);
    }

    private static ZarrArrayMetadata ReadV2(string directory, JsonElement meta, string file)
    {
        if (meta.Property("zarr_format") is not { } f || f.ValueKind != JsonValueKind.Number || f.GetInt32() != 2)
            throw new ZarrFormatException("\"zarr_format\" is not 2", file);
        var shape = ZarrJson.Shape(meta, "shape", file);
        var chunks = ZarrJson.PositiveInts(meta, "chunks", file);
        if (chunks.Length != shape.Length) throw new ZarrFormatException($"\"chunks\" has {chunks.Length} entries for {shape.Length} dimensions", file);
        var dtype = ZarrDataType.FromV2(meta.String("dtype") ?? throw new ZarrFormatException("\"dtype\" is missing", file), file);
        var order = meta.String("order") ?? "C";
        if (order is not ("C" or "F")) throw new ZarrFormatException($"\"order\" is \"{order}\" (C or F)", file);
        if (meta.Property("filters") is { ValueKind: JsonValueKind.Array } filters && filters.GetArrayLength() > 0)
            throw new ZarrFormatException("filters are not supported (re-save without filters)", file, ErrorKind.NotSupported);
        var codec = ZarrByteCodec.FromV2Compressor(meta.Property("compressor"), file);
        var separator = meta.String("dimension_separator") ?? ".";
        if (separator is not ("." or "/")) throw new ZarrFormatException($"\"dimension_separator\" is \"{separator}\"", file);
        var encoding = new ZarrChunkEncoding(codec is null ? [] : [codec], dtype.IsBigEndian, order == "F", null);
        return new ZarrArrayMetadata(directory, 2, shape, chunks, dtype, ParseFillValue(meta.Property("fill_value"), dtype, file), encoding, "", separator[0], null);
    }

    private static ZarrArrayMetadata ReadV3(string directory, JsonElement meta, string file)
    {
        if (meta.Property("zarr_format") is not { } f || f.ValueKind != JsonValueKind.Number || f.GetInt32() != 3)
            throw new ZarrFormatException("\"zarr_format\" is not 3", file);
        if (meta.String("node_type") != "array") throw new ZarrFormatException("\"node_type\" is not \"array\"", file);
        var shape = ZarrJson.Shape(meta, "shape", file);
        var dtype = ZarrDataType.FromV3(meta.String("data_type") ?? throw new ZarrFormatException("\"data_type\" is missing or not a name", file), file);
        var grid = meta.Property("chunk_grid") ?? throw new ZarrFormatException("\"chunk_grid\" is missing", file);
        if (grid.String("name") != "regular") throw new ZarrFormatException($"chunk grid \"{grid.String("name")}\" is not supported (regular only)", file, ErrorKind.NotSupported);
        var chunks = ZarrJson.PositiveInts(grid.Property("configuration") ?? default, "chunk_shape", file);
        if (chunks.Length != shape.Length) throw new ZarrFormatException($"\"chunk_shape\" has {chunks.Length} entries for {shape.Length} dimensions", file);

        var prefix = "c";
        char separator = '/';
        if (meta.Property("chunk_key_encoding") is { } keys)
        {
            var name = keys.String("name");
            var sep = keys.Property("configuration")?.String("separator");
            (prefix, separator) = name switch
            {
                "default" => ("c", sep is "." ? '.' : '/'),
                "v2" => ("", sep is "/" ? '/' : '.'),
                _ => throw new ZarrFormatException($"chunk key encoding \"{name}\" is not supported", file, ErrorKind.NotSupported),
            };
        }

        if (meta.Property("codecs") is not { ValueKind: JsonValueKind.Array } codecs) throw new ZarrFormatException("\"codecs\" is missing", file);
        var encoding = Pipeline(codecs, shape.Length, dtype, file, allowSharding: true);
        if (encoding.Sharding is { } shard)
            for (int i = 0; i < chunks.Length; i++)
                if (chunks[i] % shard.InnerChunkShape[i] != 0)
                    throw new ZarrFormatException($"the shard shape {string.Join("x", chunks)} is not a multiple of the inner chunk shape {string.Join("x", shard.InnerChunkShape)}", file);

        string[]? names = meta.Property("dimension_names") is { ValueKind: JsonValueKind.Array } n
            ? n.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "").ToArray() : null;
        return new ZarrArrayMetadata(directory, 3, shape, chunks, dtype, ParseFillValue(meta.Property("fill_value"), dtype, file), encoding, prefix, separator, names);
    }

    /// <summary>A v3 codec list: optional transpose, then bytes (or sharding), then bytes-to-bytes codecs.</summary>
    private static ZarrChunkEncoding Pipeline(JsonElement codecs, int rank, ZarrDataType dtype, string file, bool allowSharding)
    {
        bool fortran = false, bigEndian = false, sawBytes = false;
        ZarrSharding? sharding = null;
        var byteCodecs = new List<ZarrByteCodec>();
        foreach (var codec in codecs.EnumerateArray())
        {
            var name = codec.String("name") ?? throw new ZarrFormatException("a codec has no \"name\"", file);
            var config = codec.Property("configuration");
            switch (name)
            {
                case "transpose" when !sawBytes:
                    var order = config?.Property("order") ?? throw new ZarrFormatException("transpose has no \"order\"", file);
                    var permutation = order.ValueKind == JsonValueKind.Array ? order.EnumerateArray().Select(e => e.TryGetInt32(out var i) ? i : -1).ToArray() : [];
                    if (permutation.SequenceEqual(Enumerable.Range(0, rank).Reverse())) fortran = true;
                    else if (!permutation.SequenceEqual(Enumerable.Range(0, rank)))
                        throw new ZarrFormatException($"transpose order [{string.Join(",", permutation)}] is not supported (only C or F order)", file, ErrorKind.NotSupported);
                    break;
                case "bytes" when !sawBytes:
                    bigEndian = config?.String("endian") == "big" && dtype.Size > 1;
                    sawBytes = true;
                    break;
                case "sharding_indexed" when !sawBytes && allowSharding:
                    var inner = ZarrJson.PositiveInts(config ?? default, "chunk_shape", file);
                    if (inner.Length != rank) throw new ZarrFormatException($"sharding chunk_shape has {inner.Length} entries for {rank} dimensions", file);
                    if (config?.Property("codecs") is not { ValueKind: JsonValueKind.Array } innerCodecs) throw new ZarrFormatException("sharding has no \"codecs\"", file);
                    var innerEncoding = Pipeline(innerCodecs, rank, dtype, file, allowSharding: false);
                    var indexCodecs = new List<ZarrByteCodec>();
                    if (config?.Property("index_codecs") is { ValueKind: JsonValueKind.Array } ic)
                        foreach (var c in ic.EnumerateArray())
                        {
                            var n = c.String("name");
                            if (n == "bytes")
                            {
                                if (c.Property("configuration")?.String("endian") == "big") throw new ZarrFormatException("a big-endian shard index is not supported", file, ErrorKind.NotSupported);
                                continue;
                            }

                            indexCodecs.Add(ZarrByteCodec.From(n ?? "", file));
                        }

                    var location = config?.String("index_location") ?? "end";
                    if (location is not ("end" or "start")) throw new ZarrFormatException($"index_location \"{location}\"", file);
                    sharding = new ZarrSharding(inner, innerEncoding, indexCodecs.ToArray(), location == "end");
                    sawBytes = true;
                    break;
                case "zlib" or "gzip" or "zstd" or "blosc" or "crc32c" when sawBytes:
                    byteCodecs.Add(ZarrByteCodec.From(name, file));
                    break;
                default:
                    throw new ZarrFormatException($"codec \"{name}\" is not supported here (supported: transpose, bytes, sharding_indexed, gzip, zstd, blosc, crc32c)", file, ErrorKind.NotSupported);
            }
        }

        if (!sawBytes) throw new ZarrFormatException("the codec list has no \"bytes\" codec", file);
        return new ZarrChunkEncoding(byteCodecs.ToArray(), bigEndian, fortran, sharding);
    }

    /// <summary>One element of the fill value, little-endian. Null (v2) means zero.</summary>
    private static byte[] ParseFillValue(JsonElement? value, ZarrDataType type, string file)
    {
        var bytes = new byte[type.Size];
        if (value is not { } v) return bytes;
        double number;
        if (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False) number = v.GetBoolean() ? 1 : 0;
        else if (v.ValueKind == JsonValueKind.String)
        {
            number = v.GetString() switch
            {
                "NaN" => BitConverter.Int64BitsToDouble(0x7FF8000000000000), // numpy's NaN (positive quiet), not .NET's negative one
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var s => throw new ZarrFormatException($"fill_value \"{s}\" is not supported", file, ErrorKind.NotSupported),
            };
        }
        else if (v.ValueKind == JsonValueKind.Number)
        {
            if (type.PixelType is Images.PixelType.UInt64 && v.TryGetUInt64(out var u)) { BinaryPrimitives.WriteUInt64LittleEndian(bytes, u); return bytes; }
            if (type.PixelType is Images.PixelType.Int64 && v.TryGetInt64(out var l)) { BinaryPrimitives.WriteInt64LittleEndian(bytes, l); return bytes; }
            number = v.GetDouble();
        }
        else throw new ZarrFormatException($"fill_value {v.GetRawText()} is not a number", file);

        switch (type.PixelType)
        {
            case Images.PixelType.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, double.IsNaN(number) ? BitConverter.Int32BitsToSingle(0x7FC00000) : (float)number);
                break;
            case Images.PixelType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(bytes, number); break;
            default:
                if (!double.IsFinite(number) || number != Math.Floor(number))
                    throw new ZarrFormatException($"fill_value {v.GetRawText()} does not fit {type.Name}", file);
                long integer = (long)number;
                for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(integer >> (8 * i));
                break;
        }

        return bytes;
    }
}
