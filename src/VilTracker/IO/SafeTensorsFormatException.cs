namespace VilTracker.IO;

/// <summary>A safetensors file is malformed or does not hold what was asked for. The message names the file and, where one is at fault, the tensor.</summary>
public sealed class SafeTensorsFormatException : IOException
{
    /// <summary>Creates the exception; the message is prefixed with the file (and tensor) it is about.</summary>
    public SafeTensorsFormatException(string filePath, string? tensorName, string problem, Exception? inner = null)
        : base(tensorName is null ? $"{filePath}: {problem}" : $"{filePath}: tensor '{tensorName}': {problem}", inner)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file that is at fault.</summary>
    public string FilePath { get; }

    /// <summary>The tensor that is at fault, or null when the problem is the file as a whole.</summary>
    public string? TensorName { get; }
}
