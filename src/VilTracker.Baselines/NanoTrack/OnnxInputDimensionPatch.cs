using System.Text;

namespace VilTracker.Baselines.NanoTrack;

/// <summary>
/// Makes the height and width of an ONNX model's image input symbolic by a same-length byte patch of the serialized
/// model, so ONNX Runtime accepts other input sizes. NanoTrack's backbones are exported with a fixed 1x3x255x255 input
/// but must also run on the 127x127 template (NANOTRACK.md §1.2).
/// </summary>
/// <remarks>
/// The protobuf path is ModelProto.graph (7) → GraphProto.input (11) → ValueInfoProto{name (1), type (2)} →
/// TypeProto.tensor_type (1) → shape (2) → dim (1, repeated). Each of dims 2 and 3 has the 3-byte body
/// <c>08 FF 01</c> (dim_value = 255); it becomes <c>12 01 'H'</c> / <c>12 01 'W'</c> (dim_param = "H" / "W"), so no
/// length prefix changes.
/// </remarks>
public static class OnnxInputDimensionPatch
{
    private static readonly byte[] DimValue255 = [0x08, 0xFF, 0x01];

    /// <summary>A patched copy of <paramref name="model"/> whose input <paramref name="inputName"/> has symbolic dims 2 and 3.</summary>
    /// <param name="model">The serialized model.</param>
    /// <param name="inputName">Name of the graph input to patch.</param>
    /// <param name="modelName">File name used in error messages.</param>
    /// <exception cref="InvalidDataException">The model is malformed, has no such input, or its dims 2 and 3 are not the expected fixed 255.</exception>
    public static byte[] MakeSpatialDimsSymbolic(byte[] model, string inputName, string modelName)
    {
        var patched = (byte[])model.Clone();
        var graph = SingleField(patched, 0, patched.Length, 7, modelName, "ModelProto.graph");
        foreach (var input in Fields(patched, graph.Start, graph.End, 11, modelName))
        {
            var name = Fields(patched, input.Start, input.End, 1, modelName).FirstOrDefault();
            if (Encoding.UTF8.GetString(patched, name.Start, name.End - name.Start) != inputName)
                continue;
            var type = SingleField(patched, input.Start, input.End, 2, modelName, "input type");
            var tensor = SingleField(patched, type.Start, type.End, 1, modelName, "tensor_type");
            var shape = SingleField(patched, tensor.Start, tensor.End, 2, modelName, "shape");
            var dims = Fields(patched, shape.Start, shape.End, 1, modelName).ToList();
            if (dims.Count != 4)
                throw new InvalidDataException($"ONNX model '{modelName}': input '{inputName}' has {dims.Count} dimensions; expected 4 (N, C, H, W).");
            ReplaceDim(patched, dims[2], (byte)'H', modelName, inputName);
            ReplaceDim(patched, dims[3], (byte)'W', modelName, inputName);
            return patched;
        }
        throw new InvalidDataException($"ONNX model '{modelName}' has no graph input named '{inputName}'.");
    }

    private static void ReplaceDim(byte[] model, (int Start, int End) dim, byte symbol, string modelName, string inputName)
    {
        if (!model.AsSpan(dim.Start, dim.End - dim.Start).SequenceEqual(DimValue255))
            throw new InvalidDataException(
                $"ONNX model '{modelName}': a spatial dimension of input '{inputName}' is not the fixed value 255 this patch expects; use the original NanoTrack backbone file.");
        model[dim.Start] = 0x12;
        model[dim.Start + 1] = 0x01;
        model[dim.Start + 2] = symbol;
    }

    private static (int Start, int End) SingleField(byte[] data, int start, int end, int field, string modelName, string what)
    {
        foreach (var range in Fields(data, start, end, field, modelName))
            return range;
        throw new InvalidDataException($"ONNX model '{modelName}' is malformed: {what} (field {field}) is missing.");
    }

    /// <summary>The byte ranges of every length-delimited field numbered <paramref name="field"/> in a message.</summary>
    private static IEnumerable<(int Start, int End)> Fields(byte[] data, int start, int end, int field, string modelName)
    {
        int pos = start;
        while (pos < end)
        {
            ulong key = ReadVarint(data, ref pos, end, modelName);
            int wireType = (int)(key & 7);
            long number = (long)(key >> 3);
            switch (wireType)
            {
                case 0:
                    ReadVarint(data, ref pos, end, modelName);
                    break;
                case 1:
                    pos += 8;
                    break;
                case 5:
                    pos += 4;
                    break;
                case 2:
                    ulong length = ReadVarint(data, ref pos, end, modelName);
                    if (length > (ulong)(end - pos))
                        throw new InvalidDataException($"ONNX model '{modelName}' is malformed: a field at byte {pos} runs past its message.");
                    int bodyStart = pos;
                    pos += (int)length;
                    if (number == field)
                        yield return (bodyStart, pos);
                    break;
                default:
                    throw new InvalidDataException($"ONNX model '{modelName}' is malformed: unsupported protobuf wire type {wireType} at byte {pos}.");
            }
        }
        if (pos != end)
            throw new InvalidDataException($"ONNX model '{modelName}' is malformed: a message ends mid-field at byte {end}.");
    }

    private static ulong ReadVarint(byte[] data, ref int pos, int end, string modelName)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= end)
                throw new InvalidDataException($"ONNX model '{modelName}' is malformed: truncated varint at byte {pos}.");
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new InvalidDataException($"ONNX model '{modelName}' is malformed: over-long varint at byte {pos}.");
    }
}
