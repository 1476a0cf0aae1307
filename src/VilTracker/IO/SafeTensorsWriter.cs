using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace VilTracker.IO;

/// <summary>Writes tensors to a safetensors file, atomically, one tensor at a time (no copy of the whole file in memory).</summary>
public static class SafeTensorsWriter
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (in the given order) and optional string metadata to <paramref name="path"/>.
    /// Tensors may live on any device and be non-contiguous; they are written as contiguous little-endian CPU data.
    /// </summary>
    /// <exception cref="ArgumentException">A name repeats, or is the reserved <c>__metadata__</c>.</exception>
    /// <exception cref="NotSupportedException">A tensor's element type has no safetensors dtype here.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.ToList();
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 })
            header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, tensor) in entries)
        {
            if (name == "__metadata__")
                throw new ArgumentException($"{path}: '__metadata__' is reserved and cannot name a tensor.");
            if (header.ContainsKey(name))
                throw new ArgumentException($"{path}: tensor name '{name}' appears twice.");
            long bytes = tensor.NumberOfElements * tensor.ElementSize;
            header[name] = new Dictionary<string, object>
            {
                ["dtype"] = SafeTensorsDType.NameOf(tensor.dtype),
                ["shape"] = tensor.shape,
                ["data_offsets"] = new[] { offset, offset + bytes },
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padding = (8 - json.Length % 8) % 8;
        AtomicFile.Write(path, stream =>
        {
            stream.Write(BitConverter.GetBytes((ulong)(json.Length + padding)));
            stream.Write(json);
            for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
            foreach (var (_, tensor) in entries)
            {
                using var scope = NewDisposeScope();
                var cpu = tensor.detach().cpu().contiguous();
                stream.Write(cpu.bytes);
            }
        });
    }
}
