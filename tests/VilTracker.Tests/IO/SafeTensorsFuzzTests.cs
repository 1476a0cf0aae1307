using CsCheck;
using VilTracker.IO;
using static TorchSharp.torch;

namespace VilTracker.Tests.IO;

/// <summary>
/// Random corruptions of valid files (byte flips, truncations, insertions) are either read successfully or
/// rejected with <see cref="SafeTensorsFormatException"/>: no other exception escapes the reader.
/// </summary>
public sealed class SafeTensorsFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltrack-stfuzz-").FullName;
    private readonly byte[] _valid;

    public SafeTensorsFuzzTests()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(_dir, "valid.safetensors");
        SafeTensorsWriter.Write(path, new Dictionary<string, Tensor>
        {
            ["weight"] = randn(3, 4),
            ["bias"] = arange(4, int64),
            ["half"] = ones(2, 2, dtype: float16),
        }, new Dictionary<string, string> { ["config"] = "{\"dim\":4}" });
        _valid = File.ReadAllBytes(path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.OneOf(
        from position in Gen.Int[0, 1000]
        from value in Gen.Byte
        select (Func<byte[], byte[]>)(bytes =>
        {
            var copy = (byte[])bytes.Clone();
            if (copy.Length > 0) copy[position % copy.Length] = value;
            return copy;
        }),
        from length in Gen.Int[0, 1000]
        select (Func<byte[], byte[]>)(bytes => bytes[..(length % (bytes.Length + 1))]),
        from position in Gen.Int[0, 1000]
        from inserted in Gen.Byte.Array[1, 8]
        select (Func<byte[], byte[]>)(bytes =>
        {
            int at = position % (bytes.Length + 1);
            return [.. bytes[..at], .. inserted, .. bytes[at..]];
        }),
        from digit in Gen.Char['0', '9']
        from position in Gen.Int[0, 1000]
        select (Func<byte[], byte[]>)(bytes =>
        {
            // Rewrite one header digit: corrupts shapes and offsets while keeping the JSON well-formed.
            var copy = (byte[])bytes.Clone();
            if (copy.Length < 8) return copy;
            int headerEnd = (int)Math.Min((ulong)copy.Length, 8 + Math.Min(BitConverter.ToUInt64(copy, 0), int.MaxValue));
            var digits = Enumerable.Range(8, headerEnd - 8).Where(i => char.IsAsciiDigit((char)copy[i])).ToArray();
            if (digits.Length > 0) copy[digits[position % digits.Length]] = (byte)digit;
            return copy;
        }));

    [Fact]
    public void CorruptedFilesRaiseOnlyFormatErrors()
    {
        int counter = 0;
        Mutation.Array[1, 3].Sample(mutations =>
        {
            var bytes = mutations.Aggregate(_valid, (b, m) => m(b));
            var path = Path.Combine(_dir, $"m{Interlocked.Increment(ref counter)}.safetensors");
            File.WriteAllBytes(path, bytes);
            try
            {
                using var file = SafeTensorsFile.Open(path);
                using var scope = NewDisposeScope();
                foreach (var name in file.Names) file.Load(name);
            }
            catch (SafeTensorsFormatException)
            {
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 2000, threads: 1);
    }
}
