using System.Text;
using VilTracker.IO;
using static TorchSharp.torch;

namespace VilTracker.Tests.IO;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("viltrack-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Builds a file byte by byte, independently of <see cref="SafeTensorsWriter"/>.</summary>
    private string HandMade(string header, byte[] data, string name = "hand.safetensors")
    {
        var json = Encoding.UTF8.GetBytes(header);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data]);
        return path;
    }

    [Fact]
    public void ReadsHandMadeFileWithMetadata()
    {
        byte[] data = [.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f), 7, 0, 0, 0, 0, 0, 0, 0];
        var path = HandMade(
            """{"__metadata__":{"config":"{\"dim\":4}"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""",
            data);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("{\"dim\":4}", file.Metadata["config"]);
        Assert.Equal(["a", "b"], file.Names);
        using var a = file.Load("a");
        using var b = file.Load("b");
        Assert.Equal(new[] { 1.5f, -2f }, a.data<float>().ToArray());
        Assert.Empty(b.shape);
        Assert.Equal(7L, b.item<long>());
    }

    [Fact]
    public void RoundTripsEveryDTypeAndMetadata()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f64"] = tensor(new[] { 1.25, -3.5, 1e-300 }),
            ["f32"] = arange(24, float32).reshape(2, 3, 4),
            ["f16"] = tensor(new[] { 0.5f, -1.25f }).to(float16),
            ["bf16"] = tensor(new[] { 2f, -0.375f }).to(bfloat16),
            ["i64"] = tensor(new[] { long.MaxValue, -1L }),
            ["i32"] = tensor(new[] { int.MinValue, 5 }),
            ["u8"] = tensor(new byte[] { 0, 255, 9 }),
            ["bool"] = tensor(new[] { true, false, true }),
            ["noncontiguous"] = arange(6, float32).reshape(2, 3).t(),
            ["empty"] = zeros(0, 3),
        };
        var path = Path.Combine(_dir, "all.safetensors");
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { ["k"] = "v" });
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("v", file.Metadata["k"]);
        foreach (var (name, expected) in tensors)
        {
            var actual = file.Load(name);
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.True(expected.eq(actual).all().item<bool>(), name);
        }
        var headerLength = BitConverter.ToUInt64(File.ReadAllBytes(path), 0);
        Assert.Equal(0UL, headerLength % 8);
    }

    [Fact]
    public void ReadsOfficialFixtureHeader()
    {
        using var file = SafeTensorsFile.Open(SharedData.PathOf("fixtures", "vil", "vil_small_A.safetensors"));
        Assert.Contains("config", file.Metadata.Keys);
        var info = file.Info("input.x");
        Assert.Equal("F32", info.DType);
        Assert.Equal(new long[] { 2, 3, 64, 64 }, info.Shape);
        using var x = file.Load("input.x");
        Assert.True(x.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "t", "truncated")]
    [InlineData("""{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "t", "needs 12 bytes")]
    [InlineData("""{"t":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}""", 8, "t", "unknown dtype 'Q4'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "b", "overlap")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, "t", "invalid data_offsets")]
    [InlineData("""{"t":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "t", "negative dimension")]
    [InlineData("""{"t":{"dtype":"F32","shape":[2]}}""", 8, "t", "data_offsets")]
    [InlineData("""{"t":[1,2]}""", 8, "t", "not a JSON object")]
    [InlineData("""{"__metadata__":{"k":1}}""", 0, null, "not a string")]
    [InlineData("""{"t":""", 0, null, "not valid JSON")]
    [InlineData("""{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "t", "appears twice")]
    [InlineData("""{"__metadata__":{"k":"a"},"__metadata__":{"j":"b"}}""", 0, null, "appears twice")]
    [InlineData("""{"__metadata__":{"k":"a","k":"b"}}""", 0, null, "appears twice")]
    public void MalformedHeaderNamesFileAndTensor(string header, int dataBytes, string? tensor, string problem)
    {
        var path = HandMade(header, new byte[dataBytes]);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path).Dispose());
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(tensor, error.TensorName);
        if (tensor is not null) Assert.Contains($"'{tensor}'", error.Message);
    }

    [Fact]
    public void HeaderLongerThanFileIsReported()
    {
        var path = Path.Combine(_dir, "long.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1000UL), .. "{}"u8.ToArray()]);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains("longer than the file", error.Message);
    }

    [Fact]
    public void FileShorterThanLengthPrefixIsReported()
    {
        var path = Path.Combine(_dir, "tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("truncated", Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path)).Message);
    }

    [Fact]
    public void MissingFileAndMissingTensorAreReported()
    {
        Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.Open(Path.Combine(_dir, "none.safetensors")));
        var path = HandMade("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", [3]);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("zz", Assert.Throws<SafeTensorsFormatException>(() => file.Load("zz")).TensorName);
    }
}
