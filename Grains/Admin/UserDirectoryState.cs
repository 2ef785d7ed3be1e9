using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains.Admin;

/// <summary>The persisted state of the <see cref="UserDirectoryGrain"/>: every user's admin view, by user id.</summary>
public sealed class UserDirectoryState
{
    [JsonPropertyName("users")]
    public Dictionary<Guid, AdminUserView> Users { get; init; } = [];
}
