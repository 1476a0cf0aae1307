using static TorchSharp.torch;

namespace VilTracker.IO;

/// <summary>The element types of the safetensors format that VilTracker reads and writes, and their torch equivalents.</summary>
public static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Known =
    {
        ("F64", ScalarType.Float64, 8),
        ("F32", ScalarType.Float32, 4),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    };

    /// <summary>The format's dtype names this implementation supports.</summary>
    public static IEnumerable<string> Names => Known.Select(k => k.Name);

    /// <summary>Maps a format dtype name (e.g. <c>F32</c>) to the torch type and bytes per element; false when unknown.</summary>
    public static bool TryParse(string name, out ScalarType type, out int elementSize)
    {
        foreach (var known in Known)
        {
            if (known.Name == name)
            {
                (type, elementSize) = (known.Type, known.Size);
                return true;
            }
        }
        (type, elementSize) = (default, 0);
        return false;
    }

    /// <summary>The format's dtype name of a torch type; throws for types the format cannot hold here.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var known in Known)
            if (known.Type == type) return known.Name;
        throw new NotSupportedException(
            $"Tensors of type {type} cannot be written to safetensors here; supported: {string.Join(", ", Names)}.");
    }
}
