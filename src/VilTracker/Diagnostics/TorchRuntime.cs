using System.Runtime.InteropServices;

namespace VilTracker.Diagnostics;

/// <summary>
/// Process-wide settings of the native torch runtime that TorchSharp does not expose.
/// </summary>
public static partial class TorchRuntime
{
    /// <summary>
    /// Turns off libtorch's NNPACK convolution path. On processors NNPACK does not support (such as these AVX-512
    /// machines) libtorch tries to initialise it before every 2-D convolution, fails, falls back to its own kernels and
    /// prints "Could not initialize NNPACK! Reason: Unsupported hardware." each time. Disabling it changes no result
    /// (the same fallback kernels run) and silences the flood. Returns false when the libtorch build lacks the switch.
    /// </summary>
    public static bool DisableNnpack()
    {
        try
        {
            _ = TorchSharp.torch.ones(1); // loads the native libraries
            SetUserEnabledNnpack(GlobalContext(), false);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Makes torch's OpenMP worker threads sleep while they wait for work instead of spinning
    /// (<c>OMP_WAIT_POLICY=PASSIVE</c>), unless the environment already sets <c>OMP_WAIT_POLICY</c>. Spinning workers
    /// help only on an otherwise idle machine; when another process also computes (a second tracker, a training run,
    /// the rest of a drone's software) they burn the cores the others need and the forward slows down many times.
    /// Call it before the first torch operation: the OpenMP runtime reads the setting once, when it loads. Returns
    /// true when the policy was set here.
    /// </summary>
    public static bool PreferPassiveThreadWaits()
    {
        const string name = "OMP_WAIT_POLICY";
        if (Environment.GetEnvironmentVariable(name) is not null)
            return false;
        // Environment.SetEnvironmentVariable changes only .NET's copy; the native runtime reads the C environment.
        return SetEnvironmentVariable(name, "PASSIVE", overwrite: 0) == 0;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironmentVariable(string name, string value, int overwrite);

    // at::globalContext() and at::Context::setUserEnabledNNPACK(bool) of libtorch 2.x (Itanium C++ ABI names).
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
