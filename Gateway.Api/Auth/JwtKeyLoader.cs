using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>
/// Reads the configured keys (inline or from files) and names them: the signing key and the previous,
/// verification-only keys. Start-up validation and the key ring use the same reading, so what validates is what runs.
/// </summary>
internal static class JwtKeyLoader
{
    /// <summary>The signing key with its <c>kid</c>; null (and errors) when the material is missing or unusable.</summary>
    public static SecurityKey? LoadSigningKey(JwtOptions options, string? developmentMaterial, ICollection<string> errors)
    {
        var failures = errors.Count;
        var material = ReadMaterial(options.SigningKey, options.SigningKeyFile, "Jwt:SigningKey", "Jwt:SigningKeyFile", errors);
        if (errors.Count > failures)
        {
            return null;
        }

        material = string.IsNullOrEmpty(material) ? developmentMaterial : material;
        if (string.IsNullOrEmpty(material))
        {
            return null;
        }

        var key = SigningKeys.TryCreate(options.Algorithm, material, signing: true, SettingOf(options), out var error);
        return Named(key, options.KeyId, error, errors);
    }

    /// <summary>The previous keys with their <c>kid</c>s, each only usable to verify.</summary>
    public static List<SecurityKey> LoadPreviousKeys(JwtOptions options, ICollection<string> errors)
    {
        var keys = new List<SecurityKey>();
        for (var index = 0; index < options.PreviousKeys.Count; index++)
        {
            var previous = options.PreviousKeys[index];
            var setting = $"Jwt:PreviousKeys:{index}:Key";
            var failures = errors.Count;
            var material = ReadMaterial(previous.Key, previous.KeyFile, setting, setting + "File", errors);
            if (errors.Count > failures)
            {
                continue;
            }

            if (string.IsNullOrEmpty(material))
            {
                errors.Add($"{setting} (or {setting}File) must be set.");
                continue;
            }

            var key = SigningKeys.TryCreate(options.Algorithm, material, signing: false, setting, out var error);
            if (Named(key, previous.KeyId, error, errors) is { } named)
            {
                keys.Add(named);
            }
        }

        return keys;
    }

    /// <summary>Every key id must name one key, or a token's <c>kid</c> could not say which key signed it.</summary>
    public static void CheckDistinctKeyIds(IEnumerable<SecurityKey> keys, ICollection<string> errors)
    {
        foreach (var duplicate in keys.GroupBy(key => key.KeyId, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            errors.Add($"The key id '{duplicate.Key}' names more than one key of Jwt:SigningKey and Jwt:PreviousKeys; " +
                "give each key its own Jwt:KeyId (or Jwt:PreviousKeys:N:KeyId), and do not list the current key as a previous one.");
        }
    }

    private static string SettingOf(JwtOptions options) =>
        string.IsNullOrEmpty(options.SigningKeyFile) ? "Jwt:SigningKey" : "Jwt:SigningKeyFile";

    private static SecurityKey? Named(SecurityKey? key, string? keyId, string? error, ICollection<string> errors)
    {
        if (key is null)
        {
            errors.Add(error!);
            return null;
        }

        key.KeyId = string.IsNullOrWhiteSpace(keyId) ? SigningKeys.Thumbprint(key) : keyId;
        return key;
    }

    /// <summary>The inline value or the file's content (trailing line breaks dropped, so that a secret written with echo works).</summary>
    private static string? ReadMaterial(string? inline, string? file, string inlineSetting, string fileSetting, ICollection<string> errors)
    {
        if (string.IsNullOrEmpty(file))
        {
            return inline;
        }

        if (!string.IsNullOrEmpty(inline))
        {
            errors.Add($"{inlineSetting} and {fileSetting} are both set; set one of them.");
            return null;
        }

        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{fileSetting} '{file}' cannot be read: {exception.Message}");
            return null;
        }
    }
}
