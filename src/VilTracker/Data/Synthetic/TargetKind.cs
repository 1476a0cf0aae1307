namespace VilTracker.Data.Synthetic;

/// <summary>What the target (and its look-alike distractors) is, seen from above.</summary>
internal enum TargetKind
{
    /// <summary>A car: a rounded rectangle with windows, roughly twice as long as wide.</summary>
    Vehicle,

    /// <summary>A person: a stadium-shaped body (shoulders) with a dark head in the middle.</summary>
    Person,
}
