using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace VilTracker.IO;

/// <summary>
/// Reads a safetensors file: the header is parsed and validated when the file is opened, and each tensor's bytes
/// are read from disk only when that tensor is loaded, straight into the new tensor's memory (no copy of the file).
/// </summary>
/// <remarks>
/// Every malformed case (truncated file, header longer than the file, bad JSON, a name given twice, unknown dtype,
/// negative or overlapping or out-of-range offsets, a shape that does not match its byte count) raises
/// <see cref="SafeTensorsFormatException"/> naming the file and the tensor.
/// </remarks>
public sealed class SafeTensorsFile : IDisposable
{
    /// <summary>Largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SafeFileHandle _handle;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorInfo> _byName;

    private SafeTensorsFile(string path, SafeFileHandle handle, long dataStart, List<SafeTensorInfo> tensors,
        IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _handle = handle;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name);
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The string-to-string <c>__metadata__</c> map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The header entries in file order of their data.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>All tensor names, in file order of their data.</summary>
    public IEnumerable<string> Names => Tensors.Select(t => t.Name);

    /// <summary>True when the file holds a tensor of that name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The header entry of one tensor.</summary>
    /// <exception cref="SafeTensorsFormatException">No tensor has that name.</exception>
    public SafeTensorInfo Info(string name) =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new SafeTensorsFormatException(Path, name, $"not in the file (it holds {_byName.Count} tensors).");

    /// <summary>Opens and validates a safetensors file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not a valid safetensors file.</exception>
    public static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: safetensors file not found.", path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long fileLength = RandomAccess.GetLength(handle);
            if (fileLength < 8)
                throw new SafeTensorsFormatException(path, null, $"truncated: {fileLength} bytes, fewer than the 8-byte header length.");
            Span<byte> lengthBytes = stackalloc byte[8];
            RandomAccess.Read(handle, lengthBytes, 0);
            ulong headerLength = BitConverter.ToUInt64(lengthBytes);
            if (headerLength > MaxHeaderBytes)
                throw new SafeTensorsFormatException(path, null, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit (not a safetensors file?).");
            if ((long)headerLength > fileLength - 8)
                throw new SafeTensorsFormatException(path, null, $"header length {headerLength} is longer than the file ({fileLength} bytes): the file is truncated or not safetensors.");
            var headerBytes = new byte[headerLength];
            RandomAccess.Read(handle, headerBytes, 8);
            long dataStart = 8 + (long)headerLength;
            var (tensors, metadata) = ParseHeader(path, headerBytes, fileLength - dataStart);
            return new SafeTensorsFile(path, handle, dataStart, tensors, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads one tensor into a new CPU tensor of its stored dtype and shape.</summary>
    /// <exception cref="SafeTensorsFormatException">No tensor has that name, or its bytes cannot be read.</exception>
    public Tensor Load(string name)
    {
        var info = Info(name);
        var tensor = empty(info.Shape, info.Type);
        try
        {
            long length = info.End - info.Begin;
            if (length > 0)
            {
                int read = RandomAccess.Read(_handle, tensor.bytes, _dataStart + info.Begin);
                if (read != length)
                    throw new SafeTensorsFormatException(Path, name, $"only {read} of {length} bytes could be read (file changed since it was opened?).");
            }
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Reads every tensor (name to tensor). The caller owns the tensors.</summary>
    public Dictionary<string, Tensor> LoadAll() => Tensors.ToDictionary(t => t.Name, t => Load(t.Name));

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static (List<SafeTensorInfo>, IReadOnlyDictionary<string, string>) ParseHeader(
        string path, byte[] headerBytes, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StrictUtf8.GetString(headerBytes));
        }
        catch (DecoderFallbackException e)
        {
            throw new SafeTensorsFormatException(path, null, $"header is not valid UTF-8 ({e.Message}).", e);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(path, null, $"header is not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(path, null, "header is not a JSON object.");
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw new SafeTensorsFormatException(path, property.Name == "__metadata__" ? null : property.Name,
                        $"'{property.Name}' appears twice in the header; every tensor name must be unique.");
                if (property.Name == "__metadata__")
                    ReadMetadata(path, property.Value, metadata);
                else
                    tensors.Add(ReadEntry(path, property.Name, property.Value, dataLength));
            }
            tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            for (int i = 1; i < tensors.Count; i++)
            {
                if (tensors[i].Begin < tensors[i - 1].End)
                    throw new SafeTensorsFormatException(path, tensors[i].Name,
                        $"bytes [{tensors[i].Begin}, {tensors[i].End}) overlap tensor '{tensors[i - 1].Name}' [{tensors[i - 1].Begin}, {tensors[i - 1].End}).");
            }
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, null, "__metadata__ must be a JSON object of strings.");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(path, null, $"__metadata__ value of '{entry.Name}' is not a string.");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new SafeTensorsFormatException(path, null, $"__metadata__ key '{entry.Name}' appears twice.");
        }
    }

    private static SafeTensorInfo ReadEntry(string path, string name, JsonElement entry, long dataLength)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, name, "header entry is not a JSON object.");
        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsFormatException(path, name, "header entry has no string 'dtype'.");
        string dtype = dtypeElement.GetString()!;
        if (!SafeTensorsDType.TryParse(dtype, out var type, out int elementSize))
            throw new SafeTensorsFormatException(path, name, $"unknown dtype '{dtype}'; supported: {string.Join(", ", SafeTensorsDType.Names)}.");
        long[] shape = ReadIntegers(path, name, entry, "shape");
        if (shape.Any(d => d < 0))
            throw new SafeTensorsFormatException(path, name, $"negative dimension in shape [{string.Join(", ", shape)}].");
        long[] offsets = ReadIntegers(path, name, entry, "data_offsets");
        if (offsets.Length != 2)
            throw new SafeTensorsFormatException(path, name, $"data_offsets must hold 2 numbers, found {offsets.Length}.");
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin < 0 || end < begin)
            throw new SafeTensorsFormatException(path, name, $"invalid data_offsets [{begin}, {end}].");
        if (end > dataLength)
            throw new SafeTensorsFormatException(path, name, $"data_offsets [{begin}, {end}] run past the end of the data ({dataLength} bytes): the file is truncated.");
        long expected;
        try
        {
            expected = checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * elementSize);
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException(path, name, $"shape [{string.Join(", ", shape)}] is too large.");
        }
        if (expected != end - begin)
            throw new SafeTensorsFormatException(path, name,
                $"shape [{string.Join(", ", shape)}] of {dtype} needs {expected} bytes but data_offsets span {end - begin}.");
        return new SafeTensorInfo(name, dtype, type, shape, begin, end);
    }

    private static long[] ReadIntegers(string path, string name, JsonElement entry, string key)
    {
        if (!entry.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(path, name, $"header entry has no '{key}' array.");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out values[i++]))
                throw new SafeTensorsFormatException(path, name, $"'{key}' holds a value that is not an integer: {item.GetRawText()}.");
        }
        return values;
    }
}
