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

    // at::globalContext() and at::Context::setUserEnabledNNPACK(bool) of libtorch 2.x (Itanium C++ ABI names).
    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
