namespace VilTracker.Vil;

/// <summary>Which of the three mathematically equivalent forms of the mLSTM cell computes h (spec A7.1, A10).</summary>
public enum MlstmBackend
{
    /// <summary>Stabilised parallel form over the whole sequence (the official one; default).</summary>
    Parallel,

    /// <summary>Step-by-step recurrence over the tokens with the matrix memory C, normaliser n and stabiliser m (m0 = -inf).</summary>
    Recurrent,

    /// <summary>Chunkwise form: parallel inside chunks, recurrent across chunks (m0 = -inf; any sequence length).</summary>
    Chunkwise,
}
