namespace VilTracker.Tracking;

/// <summary>Which appearance stores to refresh after a frame.</summary>
/// <param name="RefreshTemplate">Crop a new template around the output box (replace or blend).</param>
/// <param name="RememberAppearance">Add the output box's appearance feature to the temporal memory.</param>
public readonly record struct AppearanceUpdate(bool RefreshTemplate, bool RememberAppearance);
