using System.Buffers.Binary;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Zarr;

/// <summary>
/// Reads a Zarr v2 or v3 array chunk by chunk: each chunk (or shard) file is opened only when
/// the region being read needs it, decoded, brought to little-endian C order and copied into
/// place; edge chunks are clipped, missing chunks are the fill value (as the specification
/// says). Every failure is a <see cref="ZarrFormatException"/> naming the chunk's file.
/// </summary>
internal sealed class ZarrArray
{
    private ZarrArray(ZarrArrayMetadata metadata) => Metadata = metadata;

    public ZarrArrayMetadata Metadata { get; }

    public int[] Shape => Metadata.Shape;

    public PixelType PixelType => Metadata.DataType.PixelType;

    public static ZarrArray Open(string directory) => new(ZarrArrayMetadata.Read(directory));

    /// <summary>The whole array as one typed array in C order.</summary>
    public Array ReadAll(IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var meta = Metadata;
        long count = meta.Shape.Aggregate(1L, (a, b) => a * b);
        if (count > Array.MaxLength)
            throw new ZarrFormatException($"the array has {count} elements, more than one array can hold", meta.Directory, ErrorKind.NotSupported);
        var data = Array.CreateInstance(meta.DataType.PixelType.ClrType(), (int)count);
        var grid = GridOf(meta.Shape, meta.ChunkShape);
        long total = grid.Aggregate(1L, (a, b) => a * b), done = 0;
        var activity = $"Reading {Path.GetFileName(meta.Directory.TrimEnd('/', '\\'))}";
        var whole = new int[meta.Shape.Length];
        foreach (var index in Indices(grid))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadCell(index, data, whole, meta.Shape);
            done++;
            if (progress is not null && (done % 16 == 0 || done == total)) progress.Report(new WorkProgress(activity, done, total));
        }

        return data;
    }

    /// <summary>
    /// Streams the array one chunk row at a time (all chunks, or shards, that share their indices
    /// but the last), reading each chunk only when its row is reached: memory for one row of
    /// chunks, as TIFF stripes are streamed. Each slab holds full rows along the last axis.
    /// </summary>
    public IEnumerable<ZarrSlab> ReadSlabs(CancellationToken cancellationToken = default)
    {
        var meta = Metadata;
        int rank = meta.Shape.Length;
        var grid = GridOf(meta.Shape, meta.ChunkShape);
        foreach (var lead in Indices(grid[..^1]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadSlab(lead);
        }
    }

    /// <summary>The chunk row whose chunk indices (all axes but the last) are <paramref name="lead"/>; any row, in any order.</summary>
    public ZarrSlab ReadSlab(int[] lead)
    {
        var meta = Metadata;
        int rank = meta.Shape.Length;
        var grid = GridOf(meta.Shape, meta.ChunkShape);
        var origin = new int[rank];
        var extent = new int[rank];
        for (int d = 0; d < rank - 1; d++)
        {
            origin[d] = lead[d] * meta.ChunkShape[d];
            extent[d] = Math.Min(meta.ChunkShape[d], meta.Shape[d] - origin[d]);
        }

        extent[rank - 1] = meta.Shape[rank - 1];
        long count = extent.Aggregate(1L, (a, b) => a * b);
        if (count > Array.MaxLength) throw new ZarrFormatException($"one row of chunks holds {count} elements, more than one array can hold", meta.Directory, ErrorKind.NotSupported);
        var slab = Array.CreateInstance(meta.DataType.PixelType.ClrType(), (int)count);
        for (int x = 0; x < grid[rank - 1]; x++) ReadCell([.. lead, x], slab, origin, extent);
        return new ZarrSlab(origin, extent, slab);
    }

    /// <summary>Reads grid cell <paramref name="index"/> (a chunk, or a shard of chunks) into <paramref name="target"/>, which covers <paramref name="targetShape"/> elements from <paramref name="targetOrigin"/>.</summary>
    private void ReadCell(int[] index, Array target, int[] targetOrigin, int[] targetShape)
    {
        var meta = Metadata;
        var origin = index.Select((g, d) => g * meta.ChunkShape[d]).ToArray();
        if (meta.Encoding.Sharding is { } sharding) ReadShard(target, targetOrigin, targetShape, index, origin, sharding);
        else Place(ReadChunk(meta.ChunkFile(index), meta.ChunkShape, meta.Encoding), meta.ChunkShape, meta.Encoding.IsFortranOrder, origin, target, targetOrigin, targetShape);
    }

    /// <summary>A chunk's elements (little-endian bytes in the chunk's memory order), or the fill value when its file is absent.</summary>
    private byte[] ReadChunk(string file, int[] chunkShape, ZarrChunkEncoding encoding)
    {
        long expected = ExpectedBytes(chunkShape, file);
        if (!File.Exists(file)) return Filled(expected);
        byte[] stored;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > expected * 2 + (1 << 20)) throw new ZarrFormatException($"chunk file of {length} bytes is far larger than its {expected} decoded bytes", file);
            stored = File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            throw new ZarrFormatException($"cannot read the chunk: {e.Message}", file, ErrorKind.InvalidData, e);
        }

        return Decode(stored, expected, encoding, file, chunkShape);
    }

    private byte[] Decode(byte[] stored, long expected, ZarrChunkEncoding encoding, string where, int[] chunkShape)
    {
        var bytes = stored;
        try
        {
            for (int i = encoding.Codecs.Length - 1; i >= 0; i--) bytes = encoding.Codecs[i].Decode(bytes, (int)expected);
        }
        catch (Exception e) when (e is not (SegMeasureException or OutOfMemoryException or OperationCanceledException))
        {
            throw new ZarrFormatException($"corrupt chunk ({string.Join(", ", encoding.Codecs.Select(c => c.Name))}): {e.Message}", where, ErrorKind.InvalidData, e);
        }

        if (bytes.Length != expected)
            throw new ZarrFormatException($"the chunk decodes to {bytes.Length} bytes, but a {string.Join("x", chunkShape)} chunk of {Metadata.DataType.Name} holds {expected}", where);
        if (encoding.IsBigEndian) SampleByteOrder.Reverse(bytes, Metadata.DataType.Size);
        return bytes;
    }

    private void ReadShard(Array data, int[] targetOrigin, int[] targetShape, int[] shardIndex, int[] shardOrigin, ZarrSharding sharding)
    {
        var meta = Metadata;
        var file = meta.ChunkFile(shardIndex);
        var inner = sharding.InnerChunkShape;
        var innerGrid = meta.ChunkShape.Select((s, d) => s / inner[d]).ToArray();
        int innerCount = innerGrid.Aggregate(1, (a, b) => checked(a * b));
        if (!File.Exists(file))
        {
            foreach (var index in Indices(innerGrid))
                Place(Filled(ExpectedBytes(inner, file)), inner, false, index.Select((g, d) => shardOrigin[d] + g * inner[d]).ToArray(), data, targetOrigin, targetShape);
            return;
        }

        byte[] shard;
        try
        {
            shard = File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            throw new ZarrFormatException($"cannot read the shard: {e.Message}", file, ErrorKind.InvalidData, e);
        }

        var index16 = ShardIndex.Read(shard, innerCount, sharding, file);
        int n = 0;
        foreach (var index in Indices(innerGrid))
        {
            var (offset, length) = index16[n];
            var origin = index.Select((g, d) => shardOrigin[d] + g * inner[d]).ToArray();
            var where = $"{file} (inner chunk {string.Join(",", index)})";
            byte[] chunk = ShardIndex.IsEmpty(offset, length)
                ? Filled(ExpectedBytes(inner, file))
                : Decode(shard.AsSpan((int)offset, (int)length).ToArray(), ExpectedBytes(inner, file), sharding.Inner, where, inner);
            Place(chunk, inner, sharding.Inner.IsFortranOrder, origin, data, targetOrigin, targetShape);
            n++;
        }
    }

    private long ExpectedBytes(int[] chunkShape, string file)
    {
        long bytes = chunkShape.Aggregate((long)Metadata.DataType.Size, (a, b) => a * b);
        if (bytes > int.MaxValue / 2) throw new ZarrFormatException($"a chunk of {bytes} bytes is too large to decode", file, ErrorKind.NotSupported);
        return bytes;
    }

    private byte[] Filled(long bytes)
    {
        var fill = Metadata.FillValue;
        var result = new byte[bytes];
        if (fill.Any(b => b != 0))
            for (int i = 0; i < result.Length; i += fill.Length) fill.CopyTo(result, i);
        return result;
    }

    /// <summary>
    /// Copies the part of a chunk at <paramref name="origin"/> (array coordinates) that lies inside
    /// the array into <paramref name="target"/>, a C-order block of <paramref name="targetShape"/>
    /// starting at <paramref name="targetOrigin"/> that contains that part.
    /// </summary>
    private void Place(byte[] chunk, int[] chunkShape, bool fortran, int[] origin, Array target, int[] targetOrigin, int[] targetShape)
    {
        var shape = Metadata.Shape;
        int rank = shape.Length, size = Metadata.DataType.Size;
        var extent = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            extent[d] = Math.Min(chunkShape[d], shape[d] - origin[d]);
            if (extent[d] <= 0) return;
        }

        var outStride = new long[rank];
        var inStride = new long[rank];
        long o = 1, c = 1;
        for (int d = rank - 1; d >= 0; d--) { outStride[d] = o; o *= targetShape[d]; }
        if (fortran) for (int d = 0; d < rank; d++) { inStride[d] = c; c *= chunkShape[d]; }
        else for (int d = rank - 1; d >= 0; d--) { inStride[d] = c; c *= chunkShape[d]; }

        int last = rank - 1;
        foreach (var row in Indices(extent[..last]))
        {
            long at = 0, source = 0;
            for (int d = 0; d < last; d++)
            {
                at += (origin[d] - targetOrigin[d] + row[d]) * outStride[d];
                source += row[d] * inStride[d];
            }

            at += origin[last] - targetOrigin[last];
            var destination = TiffPixels.BytesOf(target, at * size, extent[last] * size);
            if (inStride[last] == 1)
            {
                chunk.AsSpan((int)(source * size), extent[last] * size).CopyTo(destination);
            }
            else
            {
                for (int x = 0; x < extent[last]; x++)
                    chunk.AsSpan((int)((source + x * inStride[last]) * size), size).CopyTo(destination[(x * size)..]);
            }
        }
    }

    private static int[] GridOf(int[] shape, int[] chunks) => shape.Select((s, d) => (s + chunks[d] - 1) / chunks[d]).ToArray();

    /// <summary>Every index of a grid in C order (one empty index for a zero-rank grid).</summary>
    internal static IEnumerable<int[]> Indices(int[] grid)
    {
        var index = new int[grid.Length];
        if (grid.Any(g => g <= 0)) yield break;
        while (true)
        {
            yield return (int[])index.Clone();
            int d = grid.Length - 1;
            while (d >= 0 && ++index[d] == grid[d]) index[d--] = 0;
            if (d < 0) yield break;
        }
    }
}

/// <summary>One row of chunks read by <see cref="ZarrArray.ReadSlabs"/>: its origin and extent in the array, and its elements in C order.</summary>
internal sealed record ZarrSlab(int[] Origin, int[] Shape, Array Data);

/// <summary>
/// The index of a v3 shard: for every inner chunk (C order), its byte offset and length in the
/// shard as little-endian uint64 pairs, both 2⁶⁴−1 for an absent chunk; at the end of the shard
/// (or its start), followed by a CRC-32C when the index codecs say so.
/// </summary>
internal static class ShardIndex
{
    public static bool IsEmpty(ulong offset, ulong length) => offset == ulong.MaxValue && length == ulong.MaxValue;

    public static (ulong Offset, ulong Length)[] Read(byte[] shard, int innerCount, ZarrSharding sharding, string file)
    {
        int checksumBytes = 4 * sharding.IndexCodecs.Count(c => c.Name == "crc32c");
        long indexBytes = 16L * innerCount + checksumBytes;
        if (indexBytes > shard.Length)
            throw new ZarrFormatException($"the shard ({shard.Length} bytes) is shorter than its index ({indexBytes} bytes for {innerCount} inner chunks)", file);
        var encoded = sharding.IndexAtEnd ? shard.AsSpan(shard.Length - (int)indexBytes) : shard.AsSpan(0, (int)indexBytes);
        byte[] raw = encoded.ToArray();
        try
        {
            for (int i = sharding.IndexCodecs.Length - 1; i >= 0; i--) raw = sharding.IndexCodecs[i].Decode(raw, 16 * innerCount);
        }
        catch (Exception e) when (e is not (SegMeasureException or OutOfMemoryException))
        {
            throw new ZarrFormatException($"corrupt shard index: {e.Message}", file, ErrorKind.InvalidData, e);
        }

        if (raw.Length != 16 * innerCount) throw new ZarrFormatException($"the shard index holds {raw.Length} bytes, expected {16 * innerCount}", file);
        var entries = new (ulong, ulong)[innerCount];
        long dataStart = sharding.IndexAtEnd ? 0 : indexBytes, dataEnd = sharding.IndexAtEnd ? shard.Length - indexBytes : shard.Length;
        for (int i = 0; i < innerCount; i++)
        {
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(16 * i));
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(16 * i + 8));
            if (!IsEmpty(offset, length) && (offset < (ulong)dataStart || offset > (ulong)dataEnd || length > (ulong)dataEnd - offset))
                throw new ZarrFormatException($"the shard index places inner chunk {i} at bytes {offset}..{offset + length}, outside the shard's data ({dataStart}..{dataEnd})", file);
            entries[i] = (offset, length);
        }

        return entries;
    }
}
