using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains.Admin;

/// <summary>
/// The directory as earlier versions stored it: one grain state (grain <c>user-directory</c>, key 0, state
/// <c>directory</c>) holding every user's admin view, by user id. Only <see cref="UserDirectoryImport"/> reads it,
/// to move it into the <c>user_directory</c> table.
/// </summary>
public sealed class UserDirectoryState
{
    [JsonPropertyName("users")]
    public Dictionary<Guid, AdminUserView> Users { get; init; } = [];
}
