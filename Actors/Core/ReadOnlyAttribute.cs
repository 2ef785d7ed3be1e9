namespace Actors;

/// <summary>
/// Marks a grain method that does not change the grain's state. Read-only calls may interleave with
/// each other, never with a call that is not read-only.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
